import {
  type DbOrTx,
  excludedPairs,
  institutions,
  interestExpressions,
  interests,
  memberships,
  partnerships,
  proposalDecisions,
  proposals,
} from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { institutionRefs, notifyBothSides } from '@dj/proposals'
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { MatchingErrors } from './errors.js'
import { createPartnership } from './partnerships.js'

export interface ExpressResult {
  created: boolean
  expressionId: string
  /** `pending` until the other side expresses interest back, then `matched`. */
  status: 'pending' | 'matched'
  proposalId: string | null
  proposalStatus: 'accepted' | 'confirmed' | null
}

async function interestWithInstitution(tx: DbOrTx, id: string) {
  const [row] = await tx
    .select({
      id: interests.id,
      status: interests.status,
      institutionId: institutions.id,
      side: institutions.side,
      institutionStatus: institutions.status,
    })
    .from(interests)
    .innerJoin(institutions, eq(institutions.id, interests.institutionId))
    .where(eq(interests.id, id))
  return row
}

/**
 * A coordinator tells the other side's interest "we would like to partner" from one of their own
 * interests. One-sided interest is stored and announced to the other institution; when the other
 * side expresses interest back, the pair becomes a proposal both have accepted.
 */
export async function expressInterest(
  tx: DbOrTx,
  p: Actor,
  toInterestId: string,
  fromInterestId: string,
  opts: { autoConfirm: boolean; now?: Date },
): Promise<ExpressResult> {
  const now = opts.now ?? new Date()
  const from = await interestWithInstitution(tx, fromInterestId)
  if (!from) throw new Errors.NotFound('interest')
  const [member] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, p.userId), eq(memberships.institutionId, from.institutionId)))
  if (!member) throw new Errors.Forbidden()
  const to = await interestWithInstitution(tx, toInterestId)
  // The other side's interest is only visible while verified and open, as in search.
  if (to?.institutionStatus !== 'verified') throw new Errors.NotFound('interest')
  if (to.side === from.side) throw new MatchingErrors.InterestSameSide()
  if (from.institutionStatus !== 'verified') throw new MatchingErrors.InstitutionNotVerified()
  if (from.status !== 'open') throw new MatchingErrors.InterestNotOpen('own')
  if (to.status !== 'open') throw new MatchingErrors.InterestNotOpen("partner's")

  const [a, b] = from.side === 'duren' ? [from, to] : [to, from]
  // Both coordinators may express at the same moment; serialising on the pair makes exactly one
  // of them see the other's expression and create the proposal.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${a.id}|${b.id}`}, 0))`)

  const [excluded] = await tx
    .select({ id: excludedPairs.id })
    .from(excludedPairs)
    .where(
      or(
        and(eq(excludedPairs.interestA, a.id), eq(excludedPairs.interestB, b.id)),
        and(
          isNull(excludedPairs.interestA),
          eq(excludedPairs.institutionA, a.institutionId),
          eq(excludedPairs.institutionB, b.institutionId),
        ),
      ),
    )
    .limit(1)
  if (excluded) throw new MatchingErrors.PairExcluded()

  const [existing] = await tx
    .insert(interestExpressions)
    .values({ fromInterestId, toInterestId, userId: p.userId })
    .onConflictDoNothing()
    .returning()
  const mine =
    existing ??
    (
      await tx
        .select()
        .from(interestExpressions)
        .where(
          and(
            eq(interestExpressions.fromInterestId, fromInterestId),
            eq(interestExpressions.toInterestId, toInterestId),
          ),
        )
    )[0]!
  const created = existing !== undefined

  const [linked] = await tx
    .select({ id: proposals.id, status: proposals.status })
    .from(proposals)
    .where(
      and(
        eq(proposals.interestA, a.id),
        eq(proposals.interestB, b.id),
        inArray(proposals.status, ['open', 'accepted', 'confirmed']),
      ),
    )
    .limit(1)
  if (linked) {
    if (mine.proposalId === linked.id) {
      return {
        created,
        expressionId: mine.id,
        status: 'matched',
        proposalId: linked.id,
        proposalStatus: linked.status === 'open' ? null : (linked.status as 'accepted' | 'confirmed'),
      }
    }
    if (linked.status === 'open') throw new MatchingErrors.ProposalExists(linked.id)
    throw new MatchingErrors.PairAlreadyPartners()
  }
  const [partner] = await tx
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(and(eq(partnerships.interestA, a.id), eq(partnerships.interestB, b.id)))
  if (partner) throw new MatchingErrors.PairAlreadyPartners()

  const [reverse] = await tx
    .select()
    .from(interestExpressions)
    .where(
      and(
        eq(interestExpressions.fromInterestId, toInterestId),
        eq(interestExpressions.toInterestId, fromInterestId),
      ),
    )
  if (!reverse) {
    if (created) {
      const refs = await institutionRefs(tx, [from.institutionId, to.institutionId])
      await writeOutbox(tx, {
        type: 'interest.expressed',
        audience: { institutionIds: [to.institutionId] },
        expressionId: mine.id,
        fromInterestId,
        toInterestId,
        from: refs.get(from.institutionId)!,
        to: refs.get(to.institutionId)!,
      })
    }
    return { created, expressionId: mine.id, status: 'pending', proposalId: null, proposalStatus: null }
  }

  const [proposal] = await tx
    .insert(proposals)
    .values({
      origin: 'expressed',
      interestA: a.id,
      interestB: b.id,
      institutionA: a.institutionId,
      institutionB: b.institutionId,
      status: 'accepted',
      decidedAt: now,
    })
    .returning()
  const byInterest = new Map([
    [fromInterestId, p.userId],
    [toInterestId, reverse.userId],
  ])
  await tx.insert(proposalDecisions).values([
    { proposalId: proposal!.id, side: 'duren', decision: 'accept', userId: byInterest.get(a.id) ?? null },
    { proposalId: proposal!.id, side: 'jinhua', decision: 'accept', userId: byInterest.get(b.id) ?? null },
  ])
  await tx
    .update(interestExpressions)
    .set({ proposalId: proposal!.id })
    .where(inArray(interestExpressions.id, [mine.id, reverse.id]))
  await notifyBothSides(tx, proposal!, { type: 'proposal.accepted' })
  let proposalStatus: 'accepted' | 'confirmed' = 'accepted'
  if (opts.autoConfirm) {
    await createPartnership(tx, proposal!, now)
    proposalStatus = 'confirmed'
  }
  return { created, expressionId: mine.id, status: 'matched', proposalId: proposal!.id, proposalStatus }
}
