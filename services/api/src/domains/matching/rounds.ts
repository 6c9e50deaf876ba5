import {
  type DbOrTx,
  institutions,
  matchRounds,
  type ProposalStatus,
  proposals,
  type RoundPolicy,
  type RoundScope,
  type Side,
} from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { and, eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors } from '../errors.js'
import {
  afterCursor,
  containsPattern,
  cursorColumns,
  type Dir,
  orderOf,
  pageOf,
  pickSort,
} from '../keyset.js'

export interface RoundRequest {
  scope: RoundScope
  policy: RoundPolicy
  proposer?: Side | undefined
}

/** The round row and its `round.requested` event commit together, so a round is never lost. */
export async function requestRound(tx: DbOrTx, p: Actor, input: RoundRequest, requestId: string | undefined) {
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

export async function getRound(db: DbOrTx, id: string) {
  const [round] = await db.select().from(matchRounds).where(eq(matchRounds.id, id))
  if (!round) throw new Errors.NotFound('round')
  return round
}

const instA = alias(institutions, 'inst_a')
const instB = alias(institutions, 'inst_b')

export type RoundProposalSort = 'score' | 'duren' | 'jinhua'
export interface RoundProposalQuery {
  cursor?: string | undefined
  limit: number
  sort?: RoundProposalSort | undefined
  dir?: Dir | undefined
  status?: ProposalStatus | undefined
  q?: string | undefined
}

const nameOf = (t: typeof instA | typeof instB) =>
  sql`concat_ws(' ', ${t.name}, ${t.nameI18n}->>'de', ${t.nameI18n}->>'zh', ${t.nameI18n}->>'en')`

/**
 * A round's proposals, best score first by default (or by either institution's name), keyset
 * paged, with the number of rows the filters select.
 */
export async function listRoundProposals(db: DbOrTx, roundId: string, q: RoundProposalQuery) {
  await getRound(db, roundId)
  const ks = pickSort(
    {
      score: { key: sql`coalesce(${proposals.score}, -1)`, type: 'float8', dir: 'desc' },
      duren: { key: sql`lower(${instA.name})`, type: 'text', dir: 'asc' },
      jinhua: { key: sql`lower(${instB.name})`, type: 'text', dir: 'asc' },
    },
    q.sort,
    'score',
    q.dir,
    proposals.id,
  )
  const pattern = q.q ? containsPattern(q.q) : undefined
  const filter = and(
    eq(proposals.roundId, roundId),
    q.status ? eq(proposals.status, q.status) : undefined,
    pattern ? sql`(${nameOf(instA)} ilike ${pattern} or ${nameOf(instB)} ilike ${pattern})` : undefined,
  )
  const base = () =>
    db
      .select({
        p: proposals,
        a: { id: instA.id, name: instA.name, side: instA.side },
        b: { id: instB.id, name: instB.name, side: instB.side },
        ...cursorColumns(ks),
      })
      .from(proposals)
      .innerJoin(instA, eq(instA.id, proposals.institutionA))
      .innerJoin(instB, eq(instB.id, proposals.institutionB))
  const [rows, [count]] = await Promise.all([
    base()
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(proposals)
      .innerJoin(instA, eq(instA.id, proposals.institutionA))
      .innerJoin(instB, eq(instB.id, proposals.institutionB))
      .where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
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
    nextCursor,
    total: count?.n ?? 0,
  }
}
