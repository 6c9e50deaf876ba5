import {
  type DbOrTx,
  imports,
  institutions,
  type ProposalOrigin,
  partnerships,
  proposalDecisions,
  proposals,
  type Side,
} from '@dj/db'
import { and, eq, gte, inArray, not, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
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

/** Imports with rejected rows stay on the work list this long (the officer fixes the file and imports again). */
export const IMPORT_PROBLEM_DAYS = 30

const confirmedBy = (side: Side) =>
  sql`exists (select 1 from proposal_decisions d where d.proposal_id = ${proposals.id}
    and d.side = ${side} and d.decision = 'confirm')`

/**
 * Accepted proposals (from rounds and from mutual interest alike) still waiting for the given
 * side's confirmation; for `null` (admins) waiting for either side.
 */
export function awaitingConfirmation(side: Side | null) {
  return and(
    eq(proposals.status, 'accepted'),
    side ? not(confirmedBy(side)) : or(not(confirmedBy('duren')), not(confirmedBy('jinhua'))),
  )
}

export const importHasProblems = (since: Date) =>
  and(gte(imports.createdAt, since), or(eq(imports.status, 'failed'), sql`${imports.failed} > 0`))

const problemSince = (now: Date) => new Date(now.getTime() - IMPORT_PROBLEM_DAYS * 86_400_000)

/** What waits for one side's office: counts for the work list and the dashboard. */
export async function officerWorkCounts(db: DbOrTx, side: Side, now = new Date()) {
  const [[inst], byOrigin, [imp]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(institutions)
      .where(and(eq(institutions.side, side), eq(institutions.status, 'pending'))),
    db
      .select({ origin: proposals.origin, n: sql<number>`count(*)::int` })
      .from(proposals)
      .where(awaitingConfirmation(side))
      .groupBy(proposals.origin),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(imports)
      .where(and(eq(imports.side, side), importHasProblems(problemSince(now)))),
  ])
  const of = (o: ProposalOrigin) => byOrigin.find((r) => r.origin === o)?.n ?? 0
  return {
    side,
    institutionsToVerify: inst?.n ?? 0,
    proposalsToConfirm: {
      total: of('round') + of('expressed'),
      fromRounds: of('round'),
      fromInterest: of('expressed'),
    },
    importsWithProblems: imp?.n ?? 0,
  }
}

const instA = alias(institutions, 'inst_a')
const instB = alias(institutions, 'inst_b')

export interface AwaitingQuery {
  side: Side | null
  origin?: ProposalOrigin | undefined
  q?: string | undefined
  sort?: 'waiting' | 'score' | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

/** Proposals waiting for the office's confirmation: longest waiting first, keyset paged with the total. */
export async function listAwaitingConfirmation(db: DbOrTx, q: AwaitingQuery) {
  const ks = pickSort(
    {
      waiting: {
        key: sql`coalesce(${proposals.decidedAt}, ${proposals.createdAt})`,
        type: 'timestamptz',
        dir: 'asc',
      },
      score: { key: sql`coalesce(${proposals.score}, -1)`, type: 'float8', dir: 'desc' },
    },
    q.sort,
    'waiting',
    q.dir,
    proposals.id,
  )
  const pattern = q.q ? containsPattern(q.q) : undefined
  const filter = and(
    awaitingConfirmation(q.side),
    q.origin ? eq(proposals.origin, q.origin) : undefined,
    pattern ? sql`(${instA.name} ilike ${pattern} or ${instB.name} ilike ${pattern})` : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ p: proposals, ...cursorColumns(ks) })
      .from(proposals)
      .innerJoin(instA, eq(instA.id, proposals.institutionA))
      .innerJoin(instB, eq(instB.id, proposals.institutionB))
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
    items: await officerViews(
      db,
      page.map((r) => r.p),
    ),
    nextCursor,
    total: count?.n ?? 0,
  }
}

type ProposalRow = typeof proposals.$inferSelect

/** Proposals as an office sees them: both institutions, each side's answer and confirmation. */
async function officerViews(db: DbOrTx, rows: ProposalRow[]) {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [decisions, insts, links] = await Promise.all([
    db
      .select({
        proposalId: proposalDecisions.proposalId,
        side: proposalDecisions.side,
        decision: proposalDecisions.decision,
        reason: proposalDecisions.reason,
      })
      .from(proposalDecisions)
      .where(inArray(proposalDecisions.proposalId, ids)),
    db
      .select({ id: institutions.id, name: institutions.name, side: institutions.side })
      .from(institutions)
      .where(inArray(institutions.id, [...new Set(rows.flatMap((r) => [r.institutionA, r.institutionB]))])),
    db
      .select({ id: partnerships.id, proposalId: partnerships.proposalId })
      .from(partnerships)
      .where(inArray(partnerships.proposalId, ids)),
  ])
  const inst = new Map(insts.map((i) => [i.id, i]))
  return rows.map((r) => {
    const ds = decisions.filter((d) => d.proposalId === r.id)
    const answer = (side: Side) => {
      const d = ds.find((x) => x.side === side && x.decision !== 'confirm')
      return (d?.decision as 'accept' | 'decline' | undefined) ?? null
    }
    const confirmed = (side: Side) => ds.some((d) => d.side === side && d.decision === 'confirm')
    const party = (side: Side, id: string, interestId: string) => ({
      institution: inst.get(id)!,
      interestId,
      answer: answer(side),
      confirmed: confirmed(side),
    })
    return {
      id: r.id,
      origin: r.origin,
      roundId: r.roundId,
      status: r.status,
      score: r.score,
      explanation: r.explanation,
      expiresAt: r.expiresAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      duren: party('duren', r.institutionA, r.interestA),
      jinhua: party('jinhua', r.institutionB, r.interestB),
      declineReason: ds.find((d) => d.decision === 'decline')?.reason ?? null,
      partnershipId: links.find((l) => l.proposalId === r.id)?.id ?? null,
    }
  })
}

export type OfficerProposal = Awaited<ReturnType<typeof officerViews>>[number]

/**
 * One proposal as an office sees it. Every proposal pairs a Düren with a Jinhua institution, so
 * both offices (and admins) may read it; confirming stays limited to the officer's own side.
 */
export async function officerProposal(db: DbOrTx, id: string): Promise<OfficerProposal> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id))
  if (!row) throw new Errors.NotFound('proposal')
  const [view] = await officerViews(db, [row])
  return view!
}
