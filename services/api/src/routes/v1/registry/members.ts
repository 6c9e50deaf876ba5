import { acceptInvitation, inviteMember, listMembers, removeMember } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/members.js'
import { endpoint } from '../../../http/endpoint.js'

const memberRoutes: FastifyPluginAsync = async (app) => {
  // Invitations send mail and carry tokens: limited per user (README, Security).
  const perUser = { rateLimit: app.limits.perUser(app.config.RATE_LIMIT_PER_USER) }
  endpoint(app, listMembers, ({ params, run }) => run(cases.listMembers, params))
  endpoint(app, removeMember, ({ params, run }) => run(cases.removeMember, params))
  endpoint(
    app,
    inviteMember,
    ({ params, body, run }) => run(cases.inviteMember, { id: params.id, invitation: body }),
    perUser,
  )
  endpoint(app, acceptInvitation, ({ body, run }) => run(cases.acceptInvitation, body), perUser)
}

export default memberRoutes
