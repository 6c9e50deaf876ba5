import { InterestCreate, InterestPatch, Uuid } from '@dj/contracts'
import { type DbOrTx, interests } from '@dj/db'
import { and, asc, eq } from 'drizzle-orm'
import Type from 'typebox'
import type { Actor } from '../../actor.js'
import { auditAdminEdit } from '../../audit.js'
import { Errors, isDomainError } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { type InstitutionView, requireMember, viewInstitution } from '../access.js'
import {
  createInterest as insertInterest,
  interestOut,
  updateInterest as saveInterest,
} from '../interests.js'

/** Loads an interest the actor may see: all of its institution's for full access, open ones otherwise. */
async function loadInterest(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db.select().from(interests).where(eq(interests.id, id))
  if (!row) throw new Errors.NotFound('interest')
  const view = await viewInstitution(db, actor, row.institutionId).catch((e: unknown) => {
    throw isDomainError(e, 'not_found') ? new Errors.NotFound('interest') : e
  })
  if (view.access === 'public' && row.status !== 'open') throw new Errors.NotFound('interest')
  return { row, view }
}

/** Same rule as requireMember (members and admins edit), on a view already loaded. */
function requireEditor(actor: Actor, view: InstitutionView): void {
  if (actor.role !== 'admin' && !view.memberRole) throw new Errors.Forbidden()
}

const ById = Type.Object({ id: Uuid })

/** An institution's interests: all for full access, the open ones for the other side. */
export const listInstitutionInterests = useCase({
  name: 'registry.listInstitutionInterests',
  input: ById,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    const view = await viewInstitution(db, actor, input.id)
    const rows = await db
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
})

/** Members and admins add an interest; an admin's addition is audited. */
export const createInterest = useCase({
  name: 'registry.createInterest',
  input: Type.Object({ id: Uuid, interest: InterestCreate }),
  caller: ['coordinator', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const view = await requireMember(db, actor, input.id)
    const created = await insertInterest(db, view.inst.id, input.interest)
    await auditAdminEdit(db, actor, requestId, {
      action: 'interest.created',
      entityType: 'interest',
      entityId: created.id,
      after: { institutionId: view.inst.id },
    })
    return interestOut(created)
  },
})

export const viewInterest = useCase({
  name: 'registry.viewInterest',
  input: ById,
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    return interestOut((await loadInterest(db, actor, input.id)).row)
  },
})

/** Changes an interest; any change re-confirms it unless `reconfirm` is false. */
export const updateInterest = useCase({
  name: 'registry.updateInterest',
  input: Type.Object({ id: Uuid, patch: InterestPatch }),
  caller: ['coordinator', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    // loadInterest already resolved the institution and the caller's membership.
    const { row, view } = await loadInterest(db, actor, input.id)
    requireEditor(actor, view)
    const updated = await saveInterest(db, row, input.patch)
    await auditAdminEdit(db, actor, requestId, {
      action: 'interest.updated',
      entityType: 'interest',
      entityId: row.id,
      after: { fields: Object.keys(input.patch).sort() },
    })
    return interestOut(updated)
  },
})

export const deleteInterest = useCase({
  name: 'registry.deleteInterest',
  input: ById,
  caller: ['coordinator', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const { row, view } = await loadInterest(db, actor, input.id)
    requireEditor(actor, view)
    await db.delete(interests).where(eq(interests.id, row.id))
    await auditAdminEdit(db, actor, requestId, {
      action: 'interest.deleted',
      entityType: 'interest',
      entityId: row.id,
      before: { institutionId: row.institutionId, status: row.status },
    })
    return null
  },
})
