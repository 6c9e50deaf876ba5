import type { DbOrTx } from '@dj/db'
import { interests } from '@dj/db'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { and, asc, eq } from 'drizzle-orm'
import Type from 'typebox'
import { auditAdminEdit } from '../../../domains/audit.js'
import { type InstitutionView, requireMember, viewInstitution } from '../../../domains/registry/access.js'
import { createInterest, interestOut, updateInterest } from '../../../domains/registry/interests.js'
import { Errors } from '../../../http/errors.js'
import { problems, Uuid } from '../../../http/schemas.js'
import type { Principal } from '../../../plugins/auth.js'
import { principalOf } from '../../../plugins/auth.js'
import { Interest, InterestCreate, InterestPatch } from './schemas.js'

/** Loads an interest the principal may see: all of its institution's for full access, open ones otherwise. */
async function viewInterest(db: DbOrTx, p: Principal, id: string) {
  const [row] = await db.select().from(interests).where(eq(interests.id, id))
  if (!row) throw new Errors.NotFound('interest')
  const view = await viewInstitution(db, p, row.institutionId).catch((e) => {
    throw e?.statusCode === 404 ? new Errors.NotFound('interest') : e
  })
  if (view.access === 'public' && row.status !== 'open') throw new Errors.NotFound('interest')
  return { row, view }
}

/** Same rule as requireMember (members and admins edit), on a view already loaded. */
function requireEditor(p: Principal, view: InstitutionView): void {
  if (p.role !== 'admin' && !view.memberRole) throw new Errors.Forbidden()
}

const interestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions/:id/interests',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['interests'],
        summary: "An institution's exchange interests (the other side sees open ones only)",
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Object({ items: Type.Array(Interest) }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const view = await viewInstitution(app.db, principalOf(request), request.params.id)
      const rows = await app.db
        .select()
        .from(interests)
        .where(
          and(
            eq(interests.institutionId, view.inst.id),
            view.access === 'public' ? eq(interests.status, 'open') : undefined,
          ),
        )
        .orderBy(asc(interests.createdAt))
      return { items: rows.map(interestOut) }
    },
  )

  app.post(
    '/institutions/:id/interests',
    {
      config: { roles: ['coordinator', 'admin'] },
      schema: {
        tags: ['interests'],
        summary: 'Add an exchange interest (members and admins)',
        params: Type.Object({ id: Uuid }),
        body: InterestCreate,
        response: { 201: Interest, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const row = await app.db.transaction(async (tx) => {
        const view = await requireMember(tx, p, request.params.id)
        const created = await createInterest(tx, view.inst.id, request.body)
        await auditAdminEdit(tx, p, request.id, {
          action: 'interest.created',
          entityType: 'interest',
          entityId: created.id,
          after: { institutionId: view.inst.id },
        })
        return created
      })
      return reply.status(201).send(interestOut(row))
    },
  )

  app.get(
    '/interests/:id',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['interests'],
        params: Type.Object({ id: Uuid }),
        response: { 200: Interest, ...problems(401, 403, 404) },
      },
    },
    async (request) => interestOut((await viewInterest(app.db, principalOf(request), request.params.id)).row),
  )

  app.patch(
    '/interests/:id',
    {
      config: { roles: ['coordinator', 'admin'] },
      schema: {
        tags: ['interests'],
        summary: 'Change an interest; any change also re-confirms it unless reconfirm is false',
        params: Type.Object({ id: Uuid }),
        body: InterestPatch,
        response: { 200: Interest, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      return app.db.transaction(async (tx) => {
        // viewInterest already resolved the institution and the caller's membership.
        const { row, view } = await viewInterest(tx, p, request.params.id)
        requireEditor(p, view)
        const updated = await updateInterest(tx, row, request.body)
        await auditAdminEdit(tx, p, request.id, {
          action: 'interest.updated',
          entityType: 'interest',
          entityId: row.id,
          after: { fields: Object.keys(request.body).sort() },
        })
        return interestOut(updated)
      })
    },
  )

  app.delete(
    '/interests/:id',
    {
      config: { roles: ['coordinator', 'admin'] },
      schema: {
        tags: ['interests'],
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      await app.db.transaction(async (tx) => {
        // viewInterest already resolved the institution and the caller's membership.
        const { row, view } = await viewInterest(tx, p, request.params.id)
        requireEditor(p, view)
        await tx.delete(interests).where(eq(interests.id, row.id))
        await auditAdminEdit(tx, p, request.id, {
          action: 'interest.deleted',
          entityType: 'interest',
          entityId: row.id,
          before: { institutionId: row.institutionId, status: row.status },
        })
      })
      return reply.status(204).send(null)
    },
  )
}

export default interestRoutes
