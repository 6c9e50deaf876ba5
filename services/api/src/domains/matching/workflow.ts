import {
  type DbOrTx,
  type DeclineReason,
  excludedPairs,
  memberships,
  proposalDecisions,
  proposals,
  type Side,
} from '@dj/db'
import { notifyBothSides, type ProposalRow } from '@dj/proposals'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors } from '../errors.js'
import { MatchingErrors } from './errors.js'
import { createPartnership } from './partnerships.js'

export interface WorkflowOptions {
  autoConfirm: boolean
  now?: Date
  requestId?: string
}

/** A coordinator's answer: the proposal as it is now and the side they answered for. */
export interface Answered {
  proposal: ProposalRow
  side: Side
}

async function lockProposal(tx: DbOrTx, id: string): Promise<ProposalRow> {
  const [row] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update')
  if (!row) throw new Errors.NotFound('proposal')
  return row
}

/**
 * The side a coordinator acts for on a proposal: the side of the institution they are a member of.
 * Someone who is a member of neither gets 404, so proposals of other institutions stay invisible.
 */
export async function coordinatorSideOf(
  db: DbOrTx,
  p: Actor,
  proposal: Pick<ProposalRow, 'institutionA' | 'institutionB'>,
): Promise<Side> {
  const rows = await db
    .select({ institutionId: memberships.institutionId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, p.userId),
        inArray(memberships.institutionId, [proposal.institutionA, proposal.institutionB]),
      ),
    )
  const ids = new Set(rows.map((r) => r.institutionId))
  if (ids.has(proposal.institutionA)) return 'duren'
  if (ids.has(proposal.institutionB)) return 'jinhua'
  throw new Errors.NotFound('proposal')
}

async function decisionsOf(tx: DbOrTx, proposalId: string) {
  return tx
    .select({ side: proposalDecisions.side, decision: proposalDecisions.decision })
    .from(proposalDecisions)
    .where(eq(proposalDecisions.proposalId, proposalId))
}

function refuseClosed(row: ProposalRow): void {
  if (row.status === 'declined') throw new MatchingErrors.ProposalDeclined()
  if (row.status === 'expired') throw new MatchingErrors.ProposalExpired()
}

function isOverdue(row: ProposalRow, now: Date): boolean {
  return row.status === 'open' && row.expiresAt !== null && row.expiresAt.getTime() <= now.getTime()
}

/**
 * A coordinator accepts for their institution. Accepting twice answers the current state; when
 * both sides have accepted, the proposal waits for the officers (or becomes a partnership at once
 * with auto-confirmation).
 */
export async function acceptProposal(
  tx: DbOrTx,
  p: Actor,
  id: string,
  opts: WorkflowOptions,
): Promise<Answered> {
  const row = await lockProposal(tx, id)
  const side = await coordinatorSideOf(tx, p, row)
  return { proposal: await accept(tx, p, row, side, opts), side }
}

async function accept(
  tx: DbOrTx,
  p: Actor,
  row: ProposalRow,
  side: Side,
  opts: WorkflowOptions,
): Promise<ProposalRow> {
  const now = opts.now ?? new Date()
  const id = row.id
  const decisions = await decisionsOf(tx, id)
  const mine = decisions.find((d) => d.side === side && d.decision !== 'confirm')
  if (mine?.decision === 'accept') return row
  refuseClosed(row)
  if (mine?.decision === 'decline') throw new MatchingErrors.ProposalAlreadyAnswered('declined')
  if (isOverdue(row, now)) throw new MatchingErrors.ProposalExpired()
  if (row.status !== 'open') throw new MatchingErrors.ProposalConfirmed()

  await tx.insert(proposalDecisions).values({ proposalId: id, side, decision: 'accept', userId: p.userId })
  // "Your partner accepted" goes to the other institution only: the accepting side knows already.
  const partnerInstitution = side === 'duren' ? row.institutionB : row.institutionA
  const otherAccepted = decisions.some((d) => d.side !== side && d.decision === 'accept')
  if (!otherAccepted) {
    await tx.update(proposals).set({ updatedAt: now }).where(eq(proposals.id, id))
    await notifyBothSides(tx, row, { type: 'proposal.accepted' }, partnerInstitution)
    return { ...row, updatedAt: now }
  }
  const [accepted] = await tx
    .update(proposals)
    .set({ status: 'accepted', decidedAt: now, updatedAt: now })
    .where(eq(proposals.id, id))
    .returning()
  await notifyBothSides(tx, accepted!, { type: 'proposal.accepted' }, partnerInstitution)
  if (opts.autoConfirm) {
    await createPartnership(tx, accepted!, now)
    return { ...accepted!, status: 'confirmed' }
  }
  return accepted!
}

/** A coordinator declines; the interest pair is excluded from every later round. */
export async function declineProposal(
  tx: DbOrTx,
  p: Actor,
  id: string,
  input: { reason: DeclineReason; text?: string | undefined },
  opts: WorkflowOptions,
): Promise<Answered> {
  const row = await lockProposal(tx, id)
  const side = await coordinatorSideOf(tx, p, row)
  return { proposal: await decline(tx, p, row, side, input, opts), side }
}

async function decline(
  tx: DbOrTx,
  p: Actor,
  row: ProposalRow,
  side: Side,
  input: { reason: DeclineReason; text?: string | undefined },
  opts: WorkflowOptions,
): Promise<ProposalRow> {
  const now = opts.now ?? new Date()
  const id = row.id
  const decisions = await decisionsOf(tx, id)
  const mine = decisions.find((d) => d.side === side && d.decision !== 'confirm')
  if (mine?.decision === 'decline' && row.status === 'declined') return row
  refuseClosed(row)
  if (row.status === 'confirmed') throw new MatchingErrors.ProposalConfirmed()
  if (mine)
    throw new MatchingErrors.ProposalAlreadyAnswered(mine.decision === 'accept' ? 'accepted' : 'declined')
  if (isOverdue(row, now)) throw new MatchingErrors.ProposalExpired()

  await tx.insert(proposalDecisions).values({
    proposalId: id,
    side,
    decision: 'decline',
    reason: input.reason,
    text: input.text?.trim() || null,
    userId: p.userId,
  })
  const [declined] = await tx
    .update(proposals)
    .set({ status: 'declined', decidedAt: now, updatedAt: now })
    .where(eq(proposals.id, id))
    .returning()
  await tx
    .insert(excludedPairs)
    .values({
      institutionA: row.institutionA,
      institutionB: row.institutionB,
      interestA: row.interestA,
      interestB: row.interestB,
      reason: 'declined',
      proposalId: id,
      createdBy: p.userId,
    })
    .onConflictDoNothing()
  await notifyBothSides(tx, row, { type: 'proposal.declined', reason: input.reason })
  return declined!
}

/**
 * An officer confirms an accepted proposal for their own side; with both sides confirmed the
 * partnership exists. Confirming again answers the current state.
 */
export async function confirmProposal(
  tx: DbOrTx,
  p: Actor,
  id: string,
  requestedSide: Side | undefined,
  opts: WorkflowOptions,
): Promise<{ proposal: ProposalRow; partnershipId: string | null }> {
  if (p.role !== 'officer' || !p.side) throw new Errors.Forbidden()
  if (requestedSide && requestedSide !== p.side) throw new Errors.Forbidden()
  const side = p.side
  const now = opts.now ?? new Date()
  const row = await lockProposal(tx, id)
  refuseClosed(row)
  if (row.status === 'open') throw new MatchingErrors.ProposalNotAccepted()
  const decisions = await decisionsOf(tx, id)
  const already = decisions.some((d) => d.side === side && d.decision === 'confirm')
  if (!already) {
    await tx
      .insert(proposalDecisions)
      .values({ proposalId: id, side, decision: 'confirm', userId: p.userId })
      .onConflictDoNothing()
    await writeAudit(tx, {
      actorId: p.userId,
      actorLabel: p.displayName,
      action: 'proposal.confirmed',
      entityType: 'proposal',
      entityId: id,
      after: { side },
      ...(opts.requestId ? { requestId: opts.requestId } : {}),
    })
  }
  if (row.status === 'confirmed') return { proposal: row, partnershipId: await partnershipIdOf(tx, id) }
  const otherConfirmed = decisions.some((d) => d.side !== side && d.decision === 'confirm')
  if (!otherConfirmed) {
    if (!already) await notifyBothSides(tx, row, { type: 'proposal.officer_confirmed', side })
    return { proposal: row, partnershipId: null }
  }
  const partnershipId = await createPartnership(tx, row, now)
  return { proposal: { ...row, status: 'confirmed', decidedAt: now }, partnershipId }
}

async function partnershipIdOf(tx: DbOrTx, proposalId: string): Promise<string | null> {
  const rows = await tx.execute<{ id: string }>(
    sql`select id from partnerships where proposal_id = ${proposalId}::uuid limit 1`,
  )
  return rows[0]?.id ?? null
}
