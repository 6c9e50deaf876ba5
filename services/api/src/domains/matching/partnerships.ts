import { type DbOrTx, partnerships, proposals } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { institutionRefs, type ProposalRow } from '@dj/proposals'
import { and, eq, inArray, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm'

/**
 * Turns an accepted proposal into a partnership (idempotent: one per interest pair and per
 * proposal) and tells both institutions and both sides' officers.
 */
export async function createPartnership(tx: DbOrTx, proposal: ProposalRow, now: Date): Promise<string> {
  const [created] = await tx
    .insert(partnerships)
    .values({
      proposalId: proposal.id,
      interestA: proposal.interestA,
      interestB: proposal.interestB,
      institutionA: proposal.institutionA,
      institutionB: proposal.institutionB,
    })
    .onConflictDoNothing()
    .returning({ id: partnerships.id })
  await tx
    .update(proposals)
    .set({ status: 'confirmed', decidedAt: now, updatedAt: now })
    .where(eq(proposals.id, proposal.id))
  if (!created) {
    const [existing] = await tx
      .select({ id: partnerships.id })
      .from(partnerships)
      .where(
        and(eq(partnerships.interestA, proposal.interestA), eq(partnerships.interestB, proposal.interestB)),
      )
    return existing!.id
  }
  const refs = await institutionRefs(tx, [proposal.institutionA, proposal.institutionB])
  await writeOutbox(tx, {
    type: 'partnership.confirmed',
    audience: {
      institutionIds: [proposal.institutionA, proposal.institutionB],
      officerSides: ['duren', 'jinhua'],
    },
    partnershipId: created.id,
    a: refs.get(proposal.institutionA)!,
    b: refs.get(proposal.institutionB)!,
  })
  return created.id
}

/**
 * isPartnerOf as a condition inside a larger statement (the viewer's institutions as a subquery
 * or expression), so a read that needs it does not pay a round trip of its own.
 */
export function partneredWith(viewerInstitutions: SQLWrapper, institutionId: SQLWrapper): SQL {
  return sql`exists (
    select 1 from ${partnerships} x
    where (x.institution_b = ${institutionId} and x.institution_a in (${viewerInstitutions}))
       or (x.institution_a = ${institutionId} and x.institution_b in (${viewerInstitutions})))`
}

/** Whether one of the viewer's institutions is a confirmed partner of the given institution. */
export async function isPartnerOf(
  db: DbOrTx,
  viewerInstitutionIds: readonly string[],
  institutionId: string,
): Promise<boolean> {
  if (viewerInstitutionIds.length === 0) return false
  const ids = [...viewerInstitutionIds]
  const [row] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(
      or(
        and(eq(partnerships.institutionB, institutionId), inArray(partnerships.institutionA, ids)),
        and(eq(partnerships.institutionA, institutionId), inArray(partnerships.institutionB, ids)),
      ),
    )
    .limit(1)
  return row !== undefined
}
