import { deleteMyAccount, eraseUser, exportMyData } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/privacy.js'
import { endpoint } from '../../../http/endpoint.js'

const privacyRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, exportMyData, async ({ reply, run }) => {
    const data = await run(cases.exportMyData, {})
    void reply.header('content-disposition', 'attachment; filename="my-data.json"')
    return data
  })
  // The password check is a credential check: limited per user like change-password.
  endpoint(app, deleteMyAccount, ({ body, run }) => run(cases.deleteMyAccount, body), {
    rateLimit: app.limits.perUser(app.config.RATE_LIMIT_PER_USER),
  })
  endpoint(app, eraseUser, ({ params, run }) => run(cases.eraseUser, params))
}

export default privacyRoutes
