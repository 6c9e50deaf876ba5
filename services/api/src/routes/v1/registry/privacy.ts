import { users } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq } from 'drizzle-orm'
import Type from 'typebox'
import { verifyPassword } from '../../../domains/accounts/passwords.js'
import { deleteAccount, exportUserData } from '../../../domains/registry/privacy.js'
import { Errors } from '../../../http/errors.js'
import { Password, problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'

const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me/export',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['me'],
        summary: 'Everything stored about me and my institutions, as JSON',
        response: { 200: Type.Object({}, { additionalProperties: true }), ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      const data = await exportUserData(app.db, principalOf(request).userId)
      void reply.header('content-disposition', 'attachment; filename="my-data.json"')
      return data
    },
  )

  app.delete(
    '/me',
    {
      // The password check is a credential check: limited per user like change-password.
      config: { roles: ['coordinator'], rateLimit: app.limits.perUser(app.config.RATE_LIMIT_PER_USER) },
      schema: {
        tags: ['me'],
        summary:
          'Delete my account (password confirmation); refused while I am the last owner of an institution',
        body: Type.Object({ password: Password }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 409, 429, 503) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const [u] = await app.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, p.userId))
      if (!(await verifyPassword(u?.hash ?? null, request.body.password)))
        throw new Errors.InvalidCredentials()
      await app.db.transaction((tx) => deleteAccount(tx, p.userId, request.id))
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/admin/users/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary:
          'Erase an account (e.g. on a data-subject request), as DELETE /me does; refused while it is the last owner of an institution',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const admin = principalOf(request)
      if (request.params.id === admin.userId) throw new Errors.Conflict('you cannot erase your own account')
      await app.db.transaction((tx) =>
        deleteAccount(tx, request.params.id, request.id, {
          userId: admin.userId,
          displayName: admin.displayName,
        }),
      )
      return reply.status(204).send(null)
    },
  )
}

export default privacyRoutes
