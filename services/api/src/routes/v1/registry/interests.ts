import {
  createInterest,
  deleteInterest,
  getInterest,
  listInstitutionInterests,
  updateInterest,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/interests.js'
import { answer, endpoint } from '../../../http/endpoint.js'

const interestRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listInstitutionInterests, ({ params, run }) => run(cases.listInstitutionInterests, params))
  endpoint(app, createInterest, async ({ params, body, run }) =>
    answer(201, await run(cases.createInterest, { id: params.id, interest: body })),
  )
  endpoint(app, getInterest, ({ params, run }) => run(cases.viewInterest, params))
  endpoint(app, updateInterest, ({ params, body, run }) =>
    run(cases.updateInterest, { id: params.id, patch: body }),
  )
  endpoint(app, deleteInterest, ({ params, run }) => run(cases.deleteInterest, params))
}

export default interestRoutes
