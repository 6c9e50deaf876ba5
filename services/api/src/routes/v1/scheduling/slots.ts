import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { adhocSlots } from '../../../domains/scheduling/slots.js'
import { problems } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { SlotsBody, SlotsResult } from './schemas.js'

const slotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/scheduling/slots',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['scheduling'],
        summary: 'Ad-hoc meeting slots across time zones, holidays and working hours',
        body: SlotsBody,
        response: { 200: SlotsResult, ...problems(400, 401, 404) },
      },
    },
    async (request) => adhocSlots(app.db, principalOf(request), request.body),
  )
}

export default slotRoutes
