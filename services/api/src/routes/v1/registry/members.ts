import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { requireOwner, viewInstitution } from '../../../domains/registry/access.js'
import { acceptInvitation, invite, listMembers, removeMember } from '../../../domains/registry/members.js'
import { Errors } from '../../../http/errors.js'
import { DateTime, Email, Locale, problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'

const MembershipRole = Type.Union([Type.Literal('owner'), Type.Literal('member')])
const Member = Type.Object({
  userId: Uuid,
  role: MembershipRole,
  displayName: Type.String(),
  email: Type.String(),
  since: DateTime,
})

const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Invitations send mail and carry tokens: limited per user (README, Security).
  const perUser = app.limits.perUser(app.config.RATE_LIMIT_PER_USER)
  app.get(
    '/institutions/:id/members',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['institutions'],
        summary: 'Members of an institution (members, officers of its side, admins)',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Object({ items: Type.Array(Member) }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const view = await viewInstitution(app.db, principalOf(request), request.params.id)
      if (view.access !== 'full') throw new Errors.Forbidden()
      return { items: await listMembers(app.db, view.inst.id) }
    },
  )

  app.delete(
    '/institutions/:id/members/:userId',
    {
      config: { roles: ['coordinator', 'admin'] },
      schema: {
        tags: ['institutions'],
        summary: 'Remove a member (owners; members may remove themselves). The last owner stays.',
        params: Type.Object({ id: Uuid, userId: Uuid }),
        response: { 204: Type.Null(), ...problems(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      await app.db.transaction(async (tx) => {
        const self = p.userId === request.params.userId
        const view = self
          ? await viewInstitution(tx, p, request.params.id)
          : await requireOwner(tx, p, request.params.id)
        if (self && !view.memberRole) throw new Errors.NotFound('member')
        await removeMember(tx, p, view.inst, request.params.userId, request.id)
      })
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/institutions/:id/invitations',
    {
      config: { roles: ['coordinator', 'admin'], verifiedEmail: true, rateLimit: perUser },
      schema: {
        tags: ['institutions'],
        summary: 'Invite a colleague by email (owners); the link expires after 7 days',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          {
            email: Email,
            role: Type.Optional(MembershipRole),
            locale: Type.Optional(Locale),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Uuid, email: Type.String(), role: MembershipRole, expiresAt: DateTime }),
          ...problems(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const created = await app.db.transaction(async (tx) => {
        const view = await requireOwner(tx, p, request.params.id)
        return invite(tx, app.config.EMAIL_LINK_SECRET, p, view.inst, {
          ...request.body,
          role: request.body.role ?? 'member',
        })
      })
      return reply.status(201).send(created)
    },
  )

  app.post(
    '/invitations/accept',
    {
      config: { roles: ['coordinator'], verifiedEmail: true, rateLimit: perUser },
      schema: {
        tags: ['institutions'],
        summary: 'Accept an invitation sent to my email address',
        body: Type.Object(
          { token: Type.String({ minLength: 20, maxLength: 100 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ institutionId: Uuid, role: MembershipRole }),
          ...problems(400, 401, 403, 409, 429),
        },
      },
    },
    async (request) => {
      const p = principalOf(request)
      return app.db.transaction((tx) =>
        acceptInvitation(tx, app.config.EMAIL_LINK_SECRET, p, request.body.token),
      )
    },
  )
}

export default memberRoutes
