import { type DbOrTx, proposals } from '@dj/db'
import { sql } from 'drizzle-orm'
import { notifyBothSides } from './refs.js'

/**
 * The one rule for a proposal running out of time: an open proposal whose answer time has passed
 * becomes `expired` and both sides (and their officers) are told. Used by the scheduler's per-proposal
 * timer and by the API's "expire now" sweep, so the two can never disagree.
 */
export async function expireProposal(tx: DbOrTx, proposalId: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(proposals)
    .set({ status: 'expired', decidedAt: now, updatedAt: now })
    .where(
      sql`${proposals.id} = ${proposalId}::uuid and ${proposals.status} = 'open'
        and ${proposals.expiresAt} is not null and ${proposals.expiresAt} <= ${now.toISOString()}::timestamptz`,
    )
    .returning()
  const row = rows[0]
  if (!row) return false
  await notifyBothSides(tx, row, { type: 'proposal.expired' })
  return true
}

/**
 * Expires every overdue open proposal, in the caller's transaction (so the caller's audit entry
 * commits with it). Safe to run from several places at once: rows another run holds are skipped
 * and picked up next time.
 */
export async function expireDueProposals(tx: DbOrTx, now: Date): Promise<{ expired: string[] }> {
  const rows = await tx
    .update(proposals)
    .set({ status: 'expired', decidedAt: now, updatedAt: now })
    .where(
      sql`${proposals.id} in (
        select id from proposals
        where status = 'open' and expires_at is not null and expires_at <= ${now.toISOString()}::timestamptz
        order by expires_at, id
        for update skip locked)`,
    )
    .returning()
  for (const row of rows) await notifyBothSides(tx, row, { type: 'proposal.expired' })
  return { expired: rows.map((r) => r.id) }
}
