import { getInstitution, listMyInstitutions, registerInstitution, updateInstitution } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/institutions.js'
import { endpoint } from '../../../http/endpoint.js'

const institutionRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, registerInstitution, ({ body, run }) => run(cases.registerInstitution, body))
  endpoint(app, listMyInstitutions, ({ run }) => run(cases.listMyInstitutions, {}))
  endpoint(app, getInstitution, ({ params, run }) => run(cases.viewInstitutionProfile, params))
  endpoint(app, updateInstitution, ({ params, body, run }) =>
    run(cases.updateInstitutionProfile, { id: params.id, patch: body }),
  )
}

export default institutionRoutes
