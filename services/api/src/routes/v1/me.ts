import { getMe, updateMe } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../domains/accounts/use-cases/me.js'
import { endpoint } from '../../http/endpoint.js'

const meRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, getMe, ({ run }) => run(cases.viewMe, {}))
  endpoint(app, updateMe, ({ body, run }) => run(cases.updateMe, body))
}

export default meRoutes
