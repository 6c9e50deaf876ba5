import { type DbOrTx, institutions } from '@dj/db'
import type { Side } from '@dj/vocabulary'
import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { loadPartnership, type PairAccess, pairAccess } from '../scheduling/access.js'
import { WorkspaceErrors } from './errors.js'

export type Partnership = Awaited<ReturnType<typeof loadPartnership>>

export interface WorkspaceAccess extends PairAccess {
  partnership: Partnership
}

/**
 * The rule of all partnership data (scheduling/access.ts): members of either institution act,
 * officers of either side and admins read, everyone else gets 404 so nothing leaks. The
 * conversation narrows it further (conversationAccess).
 */
export async function workspaceAccess(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
): Promise<WorkspaceAccess> {
  const partnership = await loadPartnership(db, partnershipId)
  const access = await pairAccess(
    db,
    actor,
    [partnership.institutionA, partnership.institutionB],
    'partnership',
  )
  return { ...access, partnership }
}

/**
 * The workspace, its timeline and its conversation belong to the partnership: the two
 * institutions' coordinators and the two county offices, nobody else. Admins operate the
 * platform; partners' correspondence is not theirs to read (they keep read access to the
 * agreement, which workspaceAccess alone guards, to help with signing).
 */
export async function conversationAccess(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
): Promise<WorkspaceAccess> {
  if (actor.role === 'admin') throw new WorkspaceErrors.NotForAdmins()
  return workspaceAccess(db, actor, partnershipId)
}

/** Who writes: a member of one of the two institutions, for it. Officers only read. */
export async function requireWriter(
  db: DbOrTx,
  access: WorkspaceAccess,
): Promise<{ institutionId: string; side: Side }> {
  if (access.level !== 'act' || !access.ownInstitutionId) throw new WorkspaceErrors.OfficersRead()
  const [own] = await db
    .select({ side: institutions.side })
    .from(institutions)
    .where(eq(institutions.id, access.ownInstitutionId))
  return { institutionId: access.ownInstitutionId, side: own!.side }
}

/** The side a reader's read marks are shown under: their institution's, or their office's. */
export async function readerOf(
  db: DbOrTx,
  actor: Actor,
  access: WorkspaceAccess,
): Promise<{ role: 'coordinator' | 'officer'; side: Side } | null> {
  if (access.level === 'act' && access.ownInstitutionId) {
    const w = await requireWriter(db, access)
    return { role: 'coordinator', side: w.side }
  }
  if (actor.role === 'officer' && actor.side) return { role: 'officer', side: actor.side }
  return null
}
