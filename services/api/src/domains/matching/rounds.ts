import {
  type Db,
  institutions,
  matchRounds,
  proposals,
  type RoundPolicy,
  type RoundScope,
  type Side,
  type Tx,
} from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { and, asc, eq, gt } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { Errors } from '../../http/errors.js'
import type { Principal } from '../../plugins/auth.js'
import { writeAudit } from '../audit.js'

export interface RoundRequest {
  scope: RoundScope
  policy: RoundPolicy
  proposer?: Side | undefined
}

/** The round row and its `round.requested` event commit together, so a round is never lost. */
export async function requestRound(tx: Tx, p: Principal, input: RoundRequest, requestId: string) {
  const scope: RoundScope = {}
  if (input.scope.formats?.length) scope.formats = [...new Set(input.scope.formats)].sort()
  if (input.scope.topics?.length) scope.topics = [...new Set(input.scope.topics)].sort()
  const [round] = await tx
    .insert(matchRounds)
    .values({ scope, policy: input.policy, proposer: input.proposer ?? 'duren', requestedBy: p.userId })
    .returning()
  await writeOutbox(tx, { type: 'round.requested', roundId: round!.id })
  await writeAudit(tx, {
    actorId: p.userId,
    actorLabel: p.displayName,
    action: 'round.requested',
    entityType: 'match_round',
    entityId: round!.id,
    after: { scope, policy: round!.policy, proposer: round!.proposer },
    requestId,
  })
  return round!
}

export function roundOut(r: typeof matchRounds.$inferSelect) {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    policy: r.policy,
    proposer: r.proposer,
    scope: r.scope,
    weights: r.weights,
    summary: r.summary,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
  }
}

export async function getRound(db: Db, id: string) {
  const [round] = await db.select().from(matchRounds).where(eq(matchRounds.id, id))
  if (!round) throw new Errors.NotFound('round')
  return round
}

const instA = alias(institutions, 'inst_a')
const instB = alias(institutions, 'inst_b')

/** A round's proposals in a stable order (by id), one page after the cursor. */
export async function listRoundProposals(db: Db, roundId: string, cursor: string | undefined, limit: number) {
  await getRound(db, roundId)
  const rows = await db
    .select({
      p: proposals,
      a: { id: instA.id, name: instA.name, side: instA.side },
      b: { id: instB.id, name: instB.name, side: instB.side },
    })
    .from(proposals)
    .innerJoin(instA, eq(instA.id, proposals.institutionA))
    .innerJoin(instB, eq(instB.id, proposals.institutionB))
    .where(and(eq(proposals.roundId, roundId), cursor ? gt(proposals.id, cursor) : undefined))
    .orderBy(asc(proposals.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  return {
    items: page.map(({ p, a, b }) => ({
      id: p.id,
      status: p.status,
      score: p.score,
      explanation: p.explanation,
      expiresAt: p.expiresAt?.toISOString() ?? null,
      a: { institution: a, interestId: p.interestA },
      b: { institution: b, interestId: p.interestB },
    })),
    nextCursor: rows.length > limit ? page[page.length - 1]!.p.id : null,
  }
}
