import { adminCreateUser, adminListUsers, adminSetUserStatus } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../domains/accounts/use-cases/admin-users.js'
import { endpoint } from '../../http/endpoint.js'

const adminUserRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, adminListUsers, ({ query, run }) => run(cases.listUsers, query))
  endpoint(app, adminCreateUser, ({ body, run }) => run(cases.createStaff, body))
  endpoint(app, adminSetUserStatus, ({ params, body, run }) =>
    run(cases.setUserStatus, { id: params.id, status: body.status }),
  )
}

export default adminUserRoutes
