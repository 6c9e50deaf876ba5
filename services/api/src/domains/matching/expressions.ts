import { type DbOrTx, institutions, interestExpressions, interests, memberships, proposals } from '@dj/db'
import { and, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { afterCursor, cursorColumns, type Dir, type Keyset, orderOf, pageOf } from '../keyset.js'
import { publicInstitution } from '../registry/institutions.js'
import { interestOut } from '../registry/interests.js'

export type Direction = 'incoming' | 'outgoing'
type ExpressionRow = typeof interestExpressions.$inferSelect

async function myInstitutionIds(db: DbOrTx, p: Actor): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.institutionId })
    .from(memberships)
    .where(eq(memberships.userId, p.userId))
  return rows.map((r) => r.id)
}

/** Expressions whose target (incoming) or source (outgoing) interest belongs to my institutions. */
const mineFor = (direction: Direction, ids: string[]) =>
  inArray(
    direction === 'incoming' ? interestExpressions.toInterestId : interestExpressions.fromInterestId,
    sql`(select i.id from interests i where i.institution_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}))`,
  )

/**
 * Expressions as one of the two institutions sees them: the other institution's public profile
 * and interest, the state, and whether the reader can answer by expressing interest back.
 */
async function viewsOf(db: DbOrTx, rows: ExpressionRow[], mine: Set<string>) {
  if (rows.length === 0) return []
  const interestIds = [...new Set(rows.flatMap((r) => [r.fromInterestId, r.toInterestId]))]
  const ints = await db.select().from(interests).where(inArray(interests.id, interestIds))
  const intById = new Map(ints.map((i) => [i.id, i]))
  const insts = await db
    .select()
    .from(institutions)
    .where(inArray(institutions.id, [...new Set(ints.map((i) => i.institutionId))]))
  const instById = new Map(insts.map((i) => [i.id, i]))
  // A live proposal for the pair (from a round, say) answers the expression as well.
  const pairs = await db
    .select({ id: proposals.id, a: proposals.interestA, b: proposals.interestB })
    .from(proposals)
    .where(
      and(
        inArray(proposals.status, ['open', 'accepted', 'confirmed']),
        or(inArray(proposals.interestA, interestIds), inArray(proposals.interestB, interestIds)),
      ),
    )
  return rows.map((r) => {
    const from = intById.get(r.fromInterestId)!
    const to = intById.get(r.toInterestId)!
    const incoming = mine.has(to.institutionId)
    const own = incoming ? to : from
    const other = incoming ? from : to
    const ownInst = instById.get(own.institutionId)!
    const otherInst = instById.get(other.institutionId)!
    const pair = pairs.find((x) => (x.a === from.id && x.b === to.id) || (x.a === to.id && x.b === from.id))
    const proposalId = r.proposalId ?? pair?.id ?? null
    return {
      id: r.id,
      direction: (incoming ? 'incoming' : 'outgoing') as Direction,
      status: (r.proposalId ? 'matched' : 'pending') as 'matched' | 'pending',
      createdAt: r.createdAt.toISOString(),
      proposalId,
      own: {
        institution: { id: ownInst.id, name: ownInst.name, side: ownInst.side },
        interest: interestOut(own),
      },
      partner: { institution: publicInstitution(otherInst), interest: interestOut(other) },
      canAnswer:
        incoming &&
        proposalId === null &&
        own.status === 'open' &&
        other.status === 'open' &&
        ownInst.status === 'verified' &&
        otherInst.status === 'verified',
    }
  })
}

export type ExpressionView = Awaited<ReturnType<typeof viewsOf>>[number]

export interface ExpressionQuery {
  direction: Direction
  status?: 'pending' | 'matched' | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

/** Expressions of interest to (incoming) or from (outgoing) my institutions, newest first. */
export async function listExpressions(db: DbOrTx, p: Actor, q: ExpressionQuery) {
  const ids = await myInstitutionIds(db, p)
  if (ids.length === 0) return { items: [], nextCursor: null, total: 0 }
  const dir = q.dir ?? 'desc'
  const ks: Keyset = {
    name: `created.${dir}`,
    key: interestExpressions.createdAt,
    type: 'timestamptz',
    id: interestExpressions.id,
    idType: 'uuid',
    dir,
  }
  const filter = and(
    mineFor(q.direction, ids),
    q.status === 'pending' ? isNull(interestExpressions.proposalId) : undefined,
    q.status === 'matched' ? isNotNull(interestExpressions.proposalId) : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ e: interestExpressions, ...cursorColumns(ks) })
      .from(interestExpressions)
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(interestExpressions).where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  const items = await viewsOf(
    db,
    page.map((r) => r.e),
    new Set(ids),
  )
  // An expression between two of my own institutions cannot exist (same side is refused).
  return { items, nextCursor, total: count?.n ?? 0 }
}

/** One expression, for members of either institution (404 for everyone else). */
export async function viewExpression(db: DbOrTx, p: Actor, id: string): Promise<ExpressionView> {
  const [row] = await db.select().from(interestExpressions).where(eq(interestExpressions.id, id))
  if (!row) throw new Errors.NotFound('interest expression')
  const ids = await myInstitutionIds(db, p)
  const [view] = await viewsOf(db, [row], new Set(ids))
  if (!view) throw new Errors.NotFound('interest expression')
  // "Own" is the reader's side of the pair; a reader who is a member of neither gets 404.
  if (!ids.includes(view.own.institution.id)) throw new Errors.NotFound('interest expression')
  return view
}
