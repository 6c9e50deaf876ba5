import { type DbOrTx, institutions, memberships, partnerships } from '@dj/db'
import { and, eq, inArray } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'

export interface PairAccess {
  /** 'act': a member of one of the two institutions; 'read': an officer of either side or an admin. */
  level: 'act' | 'read'
  /** The caller's own institution among the two (members only). */
  ownInstitutionId: string | null
}

/**
 * Object-level access to anything belonging to a pair of institutions (a partnership, its meetings,
 * visits): members of either institution act, officers of either side and admins only read. Everyone
 * else gets 404, so the object's existence does not leak.
 */
export async function pairAccess(
  db: DbOrTx,
  p: Actor,
  institutionIds: readonly [string, string],
  what: string,
): Promise<PairAccess> {
  if (p.role === 'admin') return { level: 'read', ownInstitutionId: null }
  if (p.role === 'officer') {
    const sides = await db
      .select({ side: institutions.side })
      .from(institutions)
      .where(inArray(institutions.id, [...institutionIds]))
    if (p.side && sides.some((s) => s.side === p.side)) return { level: 'read', ownInstitutionId: null }
    throw new Errors.NotFound(what)
  }
  const [m] = await db
    .select({ institutionId: memberships.institutionId })
    .from(memberships)
    .where(and(eq(memberships.userId, p.userId), inArray(memberships.institutionId, [...institutionIds])))
  if (!m) throw new Errors.NotFound(what)
  return { level: 'act', ownInstitutionId: m.institutionId }
}

export function requireAct(access: PairAccess): asserts access is PairAccess & { ownInstitutionId: string } {
  if (access.level !== 'act' || !access.ownInstitutionId) throw new Errors.Forbidden()
}

export async function loadPartnership(db: DbOrTx, id: string) {
  const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id))
  if (!row) throw new Errors.NotFound('partnership')
  return row
}
