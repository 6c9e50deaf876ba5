import { institutions, memberships } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { writeAudit } from '../../domains/audit.js'
import { problems, Side, Uuid } from '../../http/schemas.js'
import { principalOf } from '../../plugins/auth.js'

const Institution = Type.Object({ id: Uuid, side: Side, name: Type.String(), role: Type.Literal('owner') })

/** Minimal registration of an institution; the registry extends the profile. */
const institutionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/institutions',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['institutions'],
        summary: 'Register an institution; the registering coordinator owns it',
        body: Type.Object(
          { side: Side, name: Type.String({ minLength: 2, maxLength: 300 }) },
          { additionalProperties: false },
        ),
        response: { 201: Institution, ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const created = await app.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(institutions)
          .values({ side: request.body.side, name: request.body.name.trim() })
          .returning()
        await tx.insert(memberships).values({ userId: p.userId, institutionId: row!.id, role: 'owner' })
        await writeAudit(tx, {
          actorId: p.userId,
          actorLabel: p.displayName,
          action: 'institution.registered',
          entityType: 'institution',
          entityId: row!.id,
          after: { side: row!.side, name: row!.name },
          requestId: request.id,
        })
        return row!
      })
      return reply
        .status(201)
        .send({ id: created.id, side: created.side, name: created.name, role: 'owner' as const })
    },
  )
}

export default institutionRoutes
