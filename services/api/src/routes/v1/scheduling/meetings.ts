import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  cancelMeeting,
  chooseSlot,
  loadMeeting,
  meetingIcs,
  meetingView,
  rescheduleMeeting,
} from '../../../domains/scheduling/meetings.js'
import { problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { Meeting, PickBody } from './schemas.js'

const Params = Type.Object({ id: Uuid })
const ALL = ['coordinator', 'officer', 'admin'] as const

/**
 * Meetings of a partnership. The scheduler proposes the intro slots on `partnership.confirmed`;
 * the first coordinator of either institution to choose a slot books it (documented rule).
 */
const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings/:id',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'A meeting with its proposed slots (both sides local times) and coverage gaps',
        params: Params,
        response: { 200: Meeting, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { m, access } = await loadMeeting(app.db, principalOf(request), request.params.id)
      return meetingView(m, access)
    },
  )

  app.post(
    '/meetings/:id/choose',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Book one of the proposed slots (by index or start); the first pick books it',
        params: Params,
        body: PickBody,
        response: { 200: Meeting, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => chooseSlot(app.db, principalOf(request), request.params.id, request.body),
  )

  app.post(
    '/meetings/:id/reschedule',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Move a booked meeting (same invitation uid, next sequence)',
        params: Params,
        body: PickBody,
        response: { 200: Meeting, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      rescheduleMeeting(app.db, principalOf(request), request.params.id, request.body, new Date()),
  )

  app.post(
    '/meetings/:id/cancel',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Cancel a meeting (the invitation is withdrawn with a higher sequence)',
        params: Params,
        response: { 200: Meeting, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => cancelMeeting(app.db, principalOf(request), request.params.id),
  )

  app.get(
    '/meetings/:id/ics',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'The meeting invitation as text/calendar (METHOD:CANCEL once cancelled)',
        params: Params,
        produces: ['text/calendar'],
        response: { 200: Type.String(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const ics = await meetingIcs(app.db, principalOf(request), request.params.id)
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="meeting-${request.params.id}.ics"`)
        .send(ics)
    },
  )
}

export default meetingRoutes
