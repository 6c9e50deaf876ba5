import { type Db, institutions, matchRounds, proposals, type RoundSummary, type Tx } from '@dj/db'
import type { ScoringWeights } from '@dj/matching'
import { consumeOutboxJob, markOutboxDone, recordOutboxError, writeOutbox } from '@dj/outbox'
import type { EventOf, InstitutionRef, OutboxEnvelope } from '@dj/queue'
import { eq, inArray, sql } from 'drizzle-orm'
import { computeRound } from './compute.js'
import { loadRoundInput } from './load.js'

export interface RoundDeps {
  db: Db
  weights: ScoringWeights
  proposalTtlDays: number
  now?: () => Date
  /** Test seams to simulate a crash at the worst moments. */
  hooks?: {
    /** Inside the transaction, after the proposals were inserted. */
    afterProposalsWritten?: (tx: Tx) => Promise<void>
    /** After the transaction committed, before the job is acknowledged. */
    afterCommit?: () => Promise<void>
  }
}

export type RoundOutcome =
  | { status: 'done'; proposals: number; summary: RoundSummary }
  | { status: 'skipped'; reason: 'missing' | 'already_done' }

type Report = (progress: number) => Promise<void>

async function setProgress(db: Db, roundId: string, progress: number, report: Report) {
  await db
    .update(matchRounds)
    .set({ progress, updatedAt: new Date() })
    .where(sql`${matchRounds.id} = ${roundId} and ${matchRounds.status} <> 'done'`)
  await report(progress)
}

/**
 * Runs one requested round. Idempotent: a round already done is skipped; the proposals, their
 * events, the summary and the outbox row's completion commit in one transaction under a row lock
 * on the round, and the insert ignores pairs that already exist, so a crash at any point and the
 * retry that follows leave exactly one set of proposals.
 */
export async function processRound(
  deps: RoundDeps,
  envelope: OutboxEnvelope<EventOf<'round.requested'>>,
  report: Report = async () => {},
): Promise<RoundOutcome> {
  const { db } = deps
  const roundId = envelope.event.roundId
  const [round] = await db.select().from(matchRounds).where(eq(matchRounds.id, roundId))
  if (!round || round.status === 'done') {
    await markOutboxDone(db, envelope.outboxId)
    return { status: 'skipped', reason: round ? 'already_done' : 'missing' }
  }
  await db
    .update(matchRounds)
    .set({
      status: 'running',
      error: null,
      weights: deps.weights,
      startedAt: round.startedAt ?? new Date(),
      updatedAt: new Date(),
    })
    .where(eq(matchRounds.id, roundId))
  await setProgress(db, roundId, 10, report)

  const input = await loadRoundInput(db, round)
  await setProgress(db, roundId, 40, report)

  const computed = computeRound(input, {
    policy: round.policy,
    proposer: round.proposer,
    weights: deps.weights,
  })
  await setProgress(db, roundId, 70, report)

  const now = deps.now?.() ?? new Date()
  const expiresAt = new Date(now.getTime() + deps.proposalTtlDays * 86_400_000)
  const outcome = await consumeOutboxJob(db, envelope, async (tx) => {
    const [locked] = await tx.execute<{ status: string }>(
      sql`select status from match_rounds where id = ${roundId}::uuid for update`,
    )
    if (!locked || locked.status === 'done') return null
    const byId = new Map(input.interests.map((x) => [x.id, x]))
    let inserted: {
      id: string
      interestA: string
      interestB: string
      institutionA: string
      institutionB: string
      score: number | null
    }[] = []
    if (computed.proposals.length > 0) {
      inserted = await tx
        .insert(proposals)
        .values(
          computed.proposals.map((p) => ({
            roundId,
            origin: 'round' as const,
            interestA: p.aId,
            interestB: p.bId,
            institutionA: byId.get(p.aId)!.institutionId,
            institutionB: byId.get(p.bId)!.institutionId,
            score: p.score,
            explanation: p.explanation,
            expiresAt,
          })),
        )
        .onConflictDoNothing()
        .returning({
          id: proposals.id,
          interestA: proposals.interestA,
          interestB: proposals.interestB,
          institutionA: proposals.institutionA,
          institutionB: proposals.institutionB,
          score: proposals.score,
        })
    }
    const refs = await institutionRefs(tx, [
      ...new Set(inserted.flatMap((p) => [p.institutionA, p.institutionB])),
    ])
    for (const p of inserted) {
      const a = refs.get(p.institutionA)!
      const b = refs.get(p.institutionB)!
      for (const [own, partner] of [
        [a, b],
        [b, a],
      ] as const) {
        await writeOutbox(tx, {
          type: 'proposal.created',
          audience: { institutionIds: [own.id] },
          proposalId: p.id,
          own,
          partner,
          score: p.score ?? 0,
          expiresAt: expiresAt.toISOString(),
        })
      }
    }
    await deps.hooks?.afterProposalsWritten?.(tx)
    if (round.requestedBy) {
      await writeOutbox(tx, {
        type: 'round.finished',
        audience: { userIds: [round.requestedBy] },
        roundId,
        status: 'done',
        proposals: inserted.length,
      })
    }
    const summary: RoundSummary = computed.summary
    await tx
      .update(matchRounds)
      .set({
        status: 'done',
        progress: 100,
        summary,
        finishedAt: new Date(),
        updatedAt: new Date(),
        error: null,
      })
      .where(eq(matchRounds.id, roundId))
    return { proposals: inserted.length, summary }
  })
  if (outcome.skipped || outcome.result === null) return { status: 'skipped', reason: 'already_done' }
  await deps.hooks?.afterCommit?.()
  await report(100)
  return { status: 'done', ...outcome.result }
}

/** Marks a round failed once its job has no attempts left, so the officer sees it. */
export async function failRound(db: Db, roundId: string, message: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [failed] = await tx
      .update(matchRounds)
      .set({ status: 'failed', error: message.slice(0, 2000), finishedAt: new Date(), updatedAt: new Date() })
      .where(sql`${matchRounds.id} = ${roundId} and ${matchRounds.status} not in ('done', 'failed')`)
      .returning({ requestedBy: matchRounds.requestedBy })
    // Told once, in the same transaction: a round failed again is not announced again.
    if (failed?.requestedBy) {
      await writeOutbox(tx, {
        type: 'round.finished',
        audience: { userIds: [failed.requestedBy] },
        roundId,
        status: 'failed',
        proposals: 0,
      })
    }
  })
}

async function institutionRefs(tx: Tx, ids: string[]): Promise<Map<string, InstitutionRef>> {
  if (ids.length === 0) return new Map()
  const rows = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, ids))
  return new Map(rows.map((r) => [r.id, r]))
}

/** The parts of a BullMQ job the processor uses (a fake in tests). */
export interface RoundJob {
  data: OutboxEnvelope
  attemptsMade: number
  opts: { attempts?: number }
  updateProgress(progress: number): Promise<void>
}

/**
 * The `match` queue's processor: runs round requests, records errors on the outbox row and marks
 * the round failed when its last attempt fails (earlier failures are retried by BullMQ).
 */
export async function processRoundJob(
  deps: RoundDeps,
  job: RoundJob,
): Promise<RoundOutcome | { skipped: true }> {
  const envelope = job.data
  if (envelope.event.type !== 'round.requested') {
    // Nothing else is routed here; acknowledge it so the relay does not send it again.
    await markOutboxDone(deps.db, envelope.outboxId)
    return { skipped: true }
  }
  const roundEnvelope = envelope as OutboxEnvelope<EventOf<'round.requested'>>
  try {
    return await processRound(deps, roundEnvelope, (p) => job.updateProgress(p))
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await recordOutboxError(deps.db, envelope.outboxId, message).catch(() => {})
    if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
      await failRound(deps.db, roundEnvelope.event.roundId, message).catch(() => {})
    }
    throw error
  }
}
