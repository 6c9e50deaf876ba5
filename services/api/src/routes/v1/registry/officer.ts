import { listOfficerInstitutions, OFFICER_ACTIONS, officerActionRoutes } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/officer.js'
import { endpoint } from '../../../http/endpoint.js'

const officerRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listOfficerInstitutions, ({ query, run }) => run(cases.listOfficerInstitutions, query))
  for (const action of OFFICER_ACTIONS)
    endpoint(app, officerActionRoutes[action], ({ params, body, run }) =>
      run(cases.actOnInstitution, {
        id: params.id,
        action,
        ...(body?.reason !== undefined ? { reason: body.reason } : {}),
      }),
    )
}

export default officerRoutes
