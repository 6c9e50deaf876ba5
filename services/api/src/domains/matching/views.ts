import {
  type DbOrTx,
  institutions,
  interests,
  memberships,
  type ProposalStatus,
  partnerships,
  proposalDecisions,
  proposals,
  type Side,
} from '@dj/db'
import type { ProposalRow } from '@dj/proposals'
import { and, eq, inArray, not, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { afterCursor, cursorColumns, type Dir, type Keyset, orderOf, pageOf } from '../keyset.js'
import { canSeeContact } from '../registry/access.js'
import { publicInstitution } from '../registry/institutions.js'
import { interestOut } from '../registry/interests.js'
import { coordinatorSideOf, type WorkflowOptions } from './workflow.js'

type Answer = 'accept' | 'decline' | null

/** What a coordinator sees of a proposal: the partner's public profile and interest, and why. */
async function viewsFor(db: DbOrTx, rows: { row: ProposalRow; side: Side }[]) {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.row.id)
  const decisions = await db
    .select({
      proposalId: proposalDecisions.proposalId,
      side: proposalDecisions.side,
      decision: proposalDecisions.decision,
    })
    .from(proposalDecisions)
    .where(inArray(proposalDecisions.proposalId, ids))
  const links = await db
    .select({ id: partnerships.id, proposalId: partnerships.proposalId })
    .from(partnerships)
    .where(inArray(partnerships.proposalId, ids))
  const partnerInst = rows.map(({ row, side }) => (side === 'duren' ? row.institutionB : row.institutionA))
  const partnerInterest = rows.map(({ row, side }) => (side === 'duren' ? row.interestB : row.interestA))
  const insts = await db.select().from(institutions).where(inArray(institutions.id, partnerInst))
  const ints = await db.select().from(interests).where(inArray(interests.id, partnerInterest))
  const instById = new Map(insts.map((i) => [i.id, i]))
  const intById = new Map(ints.map((i) => [i.id, i]))
  // Contact details follow the registry's rule (a confirmed partnership) and the contact's consent.
  const contacts = await Promise.all(
    rows.map(async ({ row, side }, k) => {
      const partner = instById.get(partnerInst[k]!)!
      const own = side === 'duren' ? row.institutionA : row.institutionB
      if (!partner.contact || !partner.contactConsentAt) return null
      return (await canSeeContact(db, [own], partner.id)) ? partner.contact : null
    }),
  )
  return rows.map(({ row, side }, k) => {
    const ds = decisions.filter((d) => d.proposalId === row.id)
    const answer = (s: Side): Answer =>
      (ds.find((d) => d.side === s && d.decision !== 'confirm')?.decision as Answer) ?? null
    const other: Side = side === 'duren' ? 'jinhua' : 'duren'
    return {
      id: row.id,
      roundId: row.roundId,
      origin: row.origin,
      status: row.status,
      score: row.score,
      explanation: row.explanation,
      expiresAt: row.expiresAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      side,
      own: {
        institutionId: side === 'duren' ? row.institutionA : row.institutionB,
        interestId: side === 'duren' ? row.interestA : row.interestB,
        answer: answer(side),
      },
      partner: {
        institution: publicInstitution(instById.get(partnerInst[k]!)!),
        interest: interestOut(intById.get(partnerInterest[k]!)!),
        answer: answer(other),
        contact: contacts[k] ?? null,
      },
      officerConfirmed: {
        duren: ds.some((d) => d.side === 'duren' && d.decision === 'confirm'),
        jinhua: ds.some((d) => d.side === 'jinhua' && d.decision === 'confirm'),
      },
      partnershipId: links.find((l) => l.proposalId === row.id)?.id ?? null,
    }
  })
}

export type ProposalView = Awaited<ReturnType<typeof viewsFor>>[number]

/** An answer (accept or decline) for the given side exists on the proposal. */
const answered = (side: Side) =>
  sql`exists (select 1 from proposal_decisions d where d.proposal_id = ${proposals.id}
    and d.side = ${side} and d.decision in ('accept', 'decline'))`

export interface MyProposalQuery {
  status?: ProposalStatus | undefined
  /** Only open proposals my side has not answered yet. */
  awaiting?: boolean | undefined
  cursor?: string | undefined
  dir?: Dir | undefined
  limit: number
}

/**
 * Proposals of every institution the coordinator is a member of, newest first, keyset paged
 * with the total.
 */
export async function listMyProposals(db: DbOrTx, p: Actor, filter: MyProposalQuery) {
  const mine = await db
    .select({ id: memberships.institutionId })
    .from(memberships)
    .where(eq(memberships.userId, p.userId))
  const ids = mine.map((m) => m.id)
  if (ids.length === 0) return { items: [], nextCursor: null, total: 0 }
  const ks: Keyset = {
    name: `created.${filter.dir ?? 'desc'}`,
    key: proposals.createdAt,
    type: 'timestamptz',
    id: proposals.id,
    idType: 'uuid',
    dir: filter.dir ?? 'desc',
  }
  const where = and(
    or(inArray(proposals.institutionA, ids), inArray(proposals.institutionB, ids)),
    filter.status ? eq(proposals.status, filter.status) : undefined,
    filter.awaiting
      ? and(
          eq(proposals.status, 'open'),
          or(
            and(inArray(proposals.institutionA, ids), not(answered('duren'))),
            and(inArray(proposals.institutionB, ids), not(answered('jinhua'))),
          ),
        )
      : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ row: proposals, ...cursorColumns(ks) })
      .from(proposals)
      .where(and(where, afterCursor(ks, filter.cursor)))
      .orderBy(...orderOf(ks))
      .limit(filter.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(proposals).where(where),
  ])
  const { page, nextCursor } = pageOf(ks, rows, filter.limit)
  const mineSet = new Set(ids)
  const items = await viewsFor(
    db,
    page.map(({ row }) => ({
      row,
      side: mineSet.has(row.institutionA) ? ('duren' as const) : ('jinhua' as const),
    })),
  )
  return { items, nextCursor, total: count?.n ?? 0 }
}

/** One proposal as the coordinator sees it (404 unless they are a member of one of its institutions). */
/** A proposal as the coordinator sees it; `side` when already known (their membership checked). */
export async function viewProposal(
  db: DbOrTx,
  p: Actor,
  row: ProposalRow,
  side?: Side,
): Promise<ProposalView> {
  const [view] = await viewsFor(db, [{ row, side: side ?? (await coordinatorSideOf(db, p, row)) }])
  return view!
}

export async function loadProposal(db: DbOrTx, id: string): Promise<ProposalRow> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id))
  if (!row) throw new Errors.NotFound('proposal')
  return row
}

export type { WorkflowOptions }
