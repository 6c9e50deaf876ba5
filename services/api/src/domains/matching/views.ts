import {
  builtOncePerHandle,
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
import { and, eq, not, or, type SQLWrapper, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { cursorColumns, type Dir, decodeCursor, type Keyset, orderOf, pageOf } from '../keyset.js'
import { publicInstitution } from '../registry/institutions.js'
import { interestOut } from '../registry/interests.js'
import { partneredWith } from './partnerships.js'
import { coordinatorSideOf, type WorkflowOptions } from './workflow.js'

type Answer = 'accept' | 'decline' | null

/**
 * `column = any($n::uuid[])` with the list as one placeholder, so the statement's text is the
 * same whatever the page holds: built once, run prepared (`in ($1, $2, …)` is a text per length).
 */
const anyOf = (column: SQLWrapper, placeholder: string) =>
  sql`${column} = any(${sql.placeholder(placeholder)}::uuid[])`

/**
 * The partner's side of each proposal in one statement (a list page is one round trip here, not
 * four plus one per partner with a contact): the partner's institution and interest, the
 * answers and confirmations, the partnership it led to, and whether a partnership links the
 * viewer's institution with the partner (the registry's rule for the contact person).
 */
const partnerSides = builtOncePerHandle((db) => {
  // The viewer is institution A (Düren side) on the proposals in `durenIds`, B on the others.
  const mineIsA = anyOf(proposals.id, 'durenIds')
  const own = sql`case when ${mineIsA} then ${proposals.institutionA} else ${proposals.institutionB} end`
  const partner = sql`case when ${mineIsA} then ${proposals.institutionB} else ${proposals.institutionA} end`
  const partnerInterest = sql`case when ${mineIsA} then ${proposals.interestB} else ${proposals.interestA} end`
  return db
    .select({
      id: proposals.id,
      institution: institutions,
      interest: interests,
      partnershipId: partnerships.id,
      decisions: sql<{ side: Side; decision: string }[]>`coalesce((
        select json_agg(json_build_object('side', d.side, 'decision', d.decision))
        from ${proposalDecisions} d where d.proposal_id = ${proposals.id}), '[]'::json)`,
      partnered: sql<boolean>`${partneredWith(own, partner)}`,
    })
    .from(proposals)
    .innerJoin(institutions, eq(institutions.id, partner))
    .innerJoin(interests, eq(interests.id, partnerInterest))
    .leftJoin(partnerships, eq(partnerships.proposalId, proposals.id))
    .where(anyOf(proposals.id, 'ids'))
    .prepare('matching.partnerSides')
})

async function partnerSidesOf(db: DbOrTx, rows: { row: ProposalRow; side: Side }[]) {
  const found = await partnerSides(db).execute({
    ids: rows.map((r) => r.row.id),
    durenIds: rows.filter((r) => r.side === 'duren').map((r) => r.row.id),
  })
  return new Map(found.map((f) => [f.id, f]))
}

/** What a coordinator sees of a proposal: the partner's public profile and interest, and why. */
async function viewsFor(db: DbOrTx, rows: { row: ProposalRow; side: Side }[]) {
  if (rows.length === 0) return []
  const partners = await partnerSidesOf(db, rows)
  return rows.map(({ row, side }) => {
    const { institution, interest, partnershipId, decisions: ds, partnered } = partners.get(row.id)!
    const answer = (s: Side): Answer =>
      (ds.find((d) => d.side === s && d.decision !== 'confirm')?.decision as Answer) ?? null
    const other: Side = side === 'duren' ? 'jinhua' : 'duren'
    // Contact details follow the registry's rule (a partnership) and the contact's consent.
    const contact =
      institution.contact && institution.contactConsentAt && partnered ? institution.contact : null
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
        institution: publicInstitution(institution),
        interest: interestOut(interest),
        answer: answer(other),
        contact,
      },
      officerConfirmed: {
        duren: ds.some((d) => d.side === 'duren' && d.decision === 'confirm'),
        jinhua: ds.some((d) => d.side === 'jinhua' && d.decision === 'confirm'),
      },
      partnershipId,
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

/** The coordinator's institutions (the list's filter and which side of each proposal is theirs). */
const myInstitutions = builtOncePerHandle((db) =>
  db
    .select({ id: memberships.institutionId })
    .from(memberships)
    .where(eq(memberships.userId, sql.placeholder('userId')))
    .prepare('matching.myInstitutions'),
)

const keysetOf = (dir: Dir): Keyset => ({
  name: `created.${dir}`,
  key: proposals.createdAt,
  type: 'timestamptz',
  id: proposals.id,
  idType: 'uuid',
  dir,
})

type Variant = Pick<MyProposalQuery, 'status' | 'awaiting'> & { dir: Dir; after: boolean }

/** The filter, values as placeholders (`ids`, `status`). */
function whereOf(v: Variant) {
  return and(
    or(anyOf(proposals.institutionA, 'ids'), anyOf(proposals.institutionB, 'ids')),
    v.status ? eq(proposals.status, sql.placeholder('status')) : undefined,
    v.awaiting
      ? and(
          eq(proposals.status, 'open'),
          or(
            and(anyOf(proposals.institutionA, 'ids'), not(answered('duren'))),
            and(anyOf(proposals.institutionB, 'ids'), not(answered('jinhua'))),
          ),
        )
      : undefined,
  )
}

/** The page and total statements of each filter combination, built once per handle (16 at most). */
const pageQueries = builtOncePerHandle((db) => {
  const built = new Map<string, ReturnType<typeof buildPageQueries>>()
  return (v: Variant) => {
    const key = `${v.dir}|${v.status ? 's' : ''}|${v.awaiting ? 'a' : ''}|${v.after ? 'c' : ''}`
    let q = built.get(key)
    if (!q) {
      q = buildPageQueries(db, v)
      built.set(key, q)
    }
    return q
  }
})

function buildPageQueries(db: DbOrTx, v: Variant) {
  const ks = keysetOf(v.dir)
  const where = whereOf(v)
  // The keyset condition of keyset.ts' afterCursor, its values as placeholders.
  const after = v.after
    ? sql`(${ks.key}, ${ks.id}) ${v.dir === 'asc' ? sql`>` : sql`<`} (${sql.placeholder('afterKey')}::timestamptz, ${sql.placeholder('afterId')}::uuid)`
    : undefined
  return {
    page: db
      .select({ row: proposals, ...cursorColumns(ks) })
      .from(proposals)
      .where(and(where, after))
      .orderBy(...orderOf(ks))
      .limit(sql.placeholder('limit'))
      .prepare('matching.myProposals'),
    count: db
      .select({ n: sql<number>`count(*)::int` })
      .from(proposals)
      .where(where)
      .prepare('matching.myProposals.count'),
  }
}

/**
 * Proposals of every institution the coordinator is a member of, newest first, keyset paged
 * with the total.
 */
export async function listMyProposals(db: DbOrTx, p: Actor, filter: MyProposalQuery) {
  const mine = await myInstitutions(db).execute({ userId: p.userId })
  const ids = mine.map((m) => m.id)
  if (ids.length === 0) return { items: [], nextCursor: null, total: 0 }
  const dir = filter.dir ?? 'desc'
  const ks = keysetOf(dir)
  const [afterKey, afterId] = filter.cursor ? decodeCursor(ks, filter.cursor) : [undefined, undefined]
  const queries = pageQueries(db)({
    dir,
    status: filter.status,
    awaiting: filter.awaiting,
    after: Boolean(filter.cursor),
  })
  const values = { ids, status: filter.status, limit: filter.limit + 1, afterKey, afterId }
  const [rows, [count]] = await Promise.all([queries.page.execute(values), queries.count.execute(values)])
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
