import { users } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { createStaffUser } from '../../domains/accounts/create-staff.js'
import { loadMe } from '../../domains/accounts/me.js'
import { revokeAllSessions } from '../../domains/accounts/sessions.js'
import { listUsers } from '../../domains/accounts/user-list.js'
import { writeAudit } from '../../domains/audit.js'
import { Errors } from '../../http/errors.js'
import { Paged, pageQuery, Query } from '../../http/keyset.js'
import {
  Email,
  Locale,
  Me,
  Password,
  problems,
  Role,
  Side,
  TimeZone,
  UserStatus,
  Uuid,
} from '../../http/schemas.js'
import { principalOf } from '../../plugins/auth.js'

const adminUserRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const policy = { memoryKib: app.config.ARGON2_MEMORY_KIB, timeCost: app.config.ARGON2_TIME_COST }

  app.get(
    '/admin/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Accounts by email, name or creation, searchable (keyset paged, with total)',
        querystring: Type.Object(
          {
            q: Type.Optional(Query),
            role: Type.Optional(Role),
            status: Type.Optional(UserStatus),
            sort: Type.Optional(
              Type.Union([Type.Literal('email'), Type.Literal('name'), Type.Literal('created')]),
            ),
            ...pageQuery(200),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(Me), ...problems(400, 401, 403) },
      },
    },
    async (request) => listUsers(app.db, request.query),
  )

  app.post(
    '/admin/users',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Create an officer or admin account',
        body: Type.Object(
          {
            email: Email,
            password: Password,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            role: Role,
            side: Type.Optional(Side),
            locale: Type.Optional(Locale),
            timeZone: Type.Optional(TimeZone),
          },
          { additionalProperties: false },
        ),
        response: { 201: Me, ...problems(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request)
      const me = await app.db.transaction(async (tx) => {
        const id = await createStaffUser(tx, request.body, policy)
        const created = await loadMe(tx, id)
        await writeAudit(tx, {
          actorId: actor.userId,
          actorLabel: actor.displayName,
          action: 'user.created',
          entityType: 'user',
          entityId: id,
          after: { role: created.role, officerSide: created.officerSide },
          requestId: request.id,
        })
        return created
      })
      return reply.status(201).send(me)
    },
  )

  app.patch(
    '/admin/users/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Disable or re-enable an account; disabling ends its sessions',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          { status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]) },
          { additionalProperties: false },
        ),
        response: { 200: Me, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const actor = principalOf(request)
      const { id } = request.params
      if (id === actor.userId) throw new Errors.Conflict('you cannot change your own status')
      return app.db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(users)
          .where(and(eq(users.id, id), sql`status <> 'deleted'`))
          .for('update')
        if (!before) throw new Errors.NotFound('user')
        await tx
          .update(users)
          .set({ status: request.body.status, updatedAt: sql`now()` })
          .where(eq(users.id, id))
        if (request.body.status === 'disabled') await revokeAllSessions(tx, id, 'disabled')
        await writeAudit(tx, {
          actorId: actor.userId,
          actorLabel: actor.displayName,
          action: `user.${request.body.status === 'disabled' ? 'disabled' : 'enabled'}`,
          entityType: 'user',
          entityId: id,
          before: { status: before.status },
          after: { status: request.body.status },
          requestId: request.id,
        })
        return loadMe(tx, id)
      })
    },
  )
}

export default adminUserRoutes
