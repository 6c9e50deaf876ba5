import { type DbOrTx, institutions, type proposals, type Side } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import type { InstitutionRef } from '@dj/queue'
import { inArray } from 'drizzle-orm'

export type ProposalRow = typeof proposals.$inferSelect

export async function institutionRefs(tx: DbOrTx, ids: string[]): Promise<Map<string, InstitutionRef>> {
  if (ids.length === 0) return new Map()
  const rows = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}

type PerSideType = 'proposal.accepted' | 'proposal.expired' | 'proposal.officer_confirmed'

/**
 * Tells each institution of a proposal and its side's officers, with `own` being the reader's
 * institution, so a message always reads from the recipient's point of view.
 */
export async function notifyBothSides(
  tx: DbOrTx,
  proposal: Pick<ProposalRow, 'id' | 'institutionA' | 'institutionB'>,
  event:
    | { type: Exclude<PerSideType, 'proposal.officer_confirmed'> }
    | { type: 'proposal.declined'; reason: string }
    | { type: 'proposal.officer_confirmed'; side: Side },
  /** Tell only this institution (and its officers), e.g. the partner of the side that just acted. */
  only?: string,
): Promise<void> {
  const refs = await institutionRefs(tx, [proposal.institutionA, proposal.institutionB])
  const a = refs.get(proposal.institutionA)!
  const b = refs.get(proposal.institutionB)!
  for (const [own, partner] of [
    [a, b],
    [b, a],
  ] as const) {
    if (only && own.id !== only) continue
    const base = {
      audience: { institutionIds: [own.id], officerSides: [own.side] },
      proposalId: proposal.id,
      own,
      partner,
    }
    if (event.type === 'proposal.declined') {
      await writeOutbox(tx, { ...base, type: 'proposal.declined', reason: event.reason })
    } else if (event.type === 'proposal.officer_confirmed') {
      await writeOutbox(tx, { ...base, type: 'proposal.officer_confirmed', side: event.side })
    } else {
      await writeOutbox(tx, { ...base, type: event.type })
    }
  }
}
