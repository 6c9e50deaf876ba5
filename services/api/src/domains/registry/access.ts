import {
  builtOncePerHandle,
  type DbOrTx,
  type InstitutionStatus,
  institutions,
  memberships,
  type Side,
} from '@dj/db'
import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { isPartnerOf, partneredWith } from '../matching/partnerships.js'

export type Institution = typeof institutions.$inferSelect

/**
 * How much of an institution a principal may see: `full` (its members, officers of its side,
 * admins) or `public` (the other side, and only once verified). Anything else is answered 404 so
 * that pending or same-side institutions do not leak their existence.
 */
export interface InstitutionView {
  inst: Institution
  access: 'full' | 'public'
  memberRole: 'owner' | 'member' | null
  /** A coordinator's own institutions (read for the check anyway); empty for officers and admins. */
  viewerInstitutionIds: string[]
  /**
   * A partnership links one of the coordinator's institutions with it: canSeeContact's answer for
   * the other side, read in the same statement (false for officers and admins, who have none).
   */
  partnered: boolean
}

export async function coordinatorSides(db: DbOrTx, userId: string): Promise<Side[]> {
  const rows = await db
    .selectDistinct({ side: institutions.side })
    .from(memberships)
    .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
    .where(eq(memberships.userId, userId))
  return rows.map((r) => r.side)
}

const visibleStatus: InstitutionStatus = 'verified'

interface Membership {
  id: string
  role: 'owner' | 'member'
  side: Side
}

const institutionById = builtOncePerHandle((db) =>
  db
    .select()
    .from(institutions)
    .where(eq(institutions.id, sql.placeholder('id')))
    .prepare('registry.institution'),
)

const viewerId = sql.placeholder('userId')
const viewerInstitutionIdsOf = sql`select m.institution_id from ${memberships} m where m.user_id = ${viewerId}`
const institutionWithViewer = builtOncePerHandle((db) =>
  db
    .select({
      inst: institutions,
      mine: sql<Membership[]>`coalesce((
        select json_agg(json_build_object('id', m.institution_id, 'role', m.role, 'side', i.side))
        from ${memberships} m join ${institutions} i on i.id = m.institution_id
        where m.user_id = ${viewerId}), '[]'::json)`,
      partnered: sql<boolean>`${partneredWith(viewerInstitutionIdsOf, institutions.id)}`,
    })
    .from(institutions)
    .where(eq(institutions.id, sql.placeholder('id')))
    .prepare('registry.institutionWithViewer'),
)

/**
 * The institution and, for a coordinator, their memberships and whether a partnership links
 * them with it, in one statement (a profile is read on most pages), built once and prepared.
 */
async function findWithViewer(db: DbOrTx, p: Actor, id: string) {
  if (p.role !== 'coordinator') {
    const [inst] = await institutionById(db).execute({ id })
    return inst && { inst, mine: [] as Membership[], partnered: false }
  }
  const [row] = await institutionWithViewer(db).execute({ id, userId: p.userId })
  return row
}

export async function viewInstitution(db: DbOrTx, p: Actor, id: string): Promise<InstitutionView> {
  const found = await findWithViewer(db, p, id)
  if (!found) throw new Errors.NotFound('institution')
  const { inst, mine, partnered } = found
  const staff = { memberRole: null, viewerInstitutionIds: [], partnered: false }
  if (p.role === 'admin') return { inst, access: 'full', ...staff }
  if (p.role === 'officer') {
    if (p.side === inst.side) return { inst, access: 'full', ...staff }
    if (inst.status === visibleStatus) return { inst, access: 'public', ...staff }
    throw new Errors.NotFound('institution')
  }
  const viewerInstitutionIds = mine.map((m) => m.id)
  const own = mine.find((m) => m.id === id)
  if (own) return { inst, access: 'full', memberRole: own.role, viewerInstitutionIds, partnered }
  if (inst.status === visibleStatus && mine.length > 0 && !mine.some((m) => m.side === inst.side)) {
    return { inst, access: 'public', memberRole: null, viewerInstitutionIds, partnered }
  }
  throw new Errors.NotFound('institution')
}

/** Members (or admins) may edit the profile and interests. */
export async function requireMember(db: DbOrTx, p: Actor, id: string): Promise<InstitutionView> {
  const view = await viewInstitution(db, p, id)
  if (p.role === 'admin' || view.memberRole) return view
  throw new Errors.Forbidden()
}

/** Owners (or admins) manage membership. */
export async function requireOwner(db: DbOrTx, p: Actor, id: string): Promise<InstitutionView> {
  const view = await viewInstitution(db, p, id)
  if (p.role === 'admin' || view.memberRole === 'owner') return view
  throw new Errors.Forbidden()
}

/** Officers act only on their own side; admins on both. */
export function requireActingOfficer(p: Actor, side: Side): void {
  if (p.role === 'admin') return
  if (p.role === 'officer' && p.side === side) return
  throw new Errors.Forbidden()
}

/**
 * Whether the viewer's institutions may see an institution's contact person. Members of the
 * institution itself may; the other side may not yet. Confirmed partnerships will plug in here
 * (the matching domain adds them): once a partnership links one of the viewer's institutions
 * with this one, this function is the single place that grants the other side access.
 */
export async function canSeeContact(
  db: DbOrTx,
  viewerInstitutionIds: readonly string[],
  institutionId: string,
): Promise<boolean> {
  if (viewerInstitutionIds.includes(institutionId)) return true
  // A confirmed partnership lets each side see the other's contact person.
  return isPartnerOf(db, viewerInstitutionIds, institutionId)
}
