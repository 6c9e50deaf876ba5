import { renewExchange, renewStatus } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/renew/use-cases/renew.js'
import { endpoint } from '../../../http/endpoint.js'

/** "Plan the next one": whether it can be, and doing it. */
const renewRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, renewStatus, ({ params, run }) => run(cases.renewStatus, params))
  endpoint(app, renewExchange, ({ params, run }) => run(cases.renewExchange, params))
}

export default renewRoutes
