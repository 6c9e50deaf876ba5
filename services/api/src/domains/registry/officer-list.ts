import { type DbOrTx, type InstitutionStatus, institutions, type Side } from '@dj/db'
import { and, eq, sql } from 'drizzle-orm'
import {
  afterCursor,
  containsPattern,
  cursorColumns,
  type Dir,
  orderOf,
  pageOf,
  pickSort,
} from '../keyset.js'
import { institutionFor } from './institutions.js'

export type OfficerInstitutionSort = 'name' | 'created'
export interface OfficerInstitutionQuery {
  status: InstitutionStatus
  /** null: every side (admins). */
  side: Side | null
  q?: string | undefined
  sort?: OfficerInstitutionSort | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

/** All names an institution goes by, for the search box. */
export const institutionNames = sql`concat_ws(' ', ${institutions.name}, ${institutions.nameI18n}->>'de',
  ${institutions.nameI18n}->>'zh', ${institutions.nameI18n}->>'en', ${institutions.externalKey})`

/**
 * Institutions of a side in one status. The verification queue (pending) is oldest first, the
 * other statuses by name; keyset paged with the total.
 */
export async function listOfficerInstitutions(db: DbOrTx, q: OfficerInstitutionQuery) {
  const ks = pickSort(
    {
      name: { key: sql`lower(${institutions.name})`, type: 'text', dir: 'asc' },
      created: { key: institutions.createdAt, type: 'timestamptz', dir: 'asc' },
    },
    q.sort,
    q.status === 'pending' ? 'created' : 'name',
    q.dir,
    institutions.id,
  )
  const filter = and(
    eq(institutions.status, q.status),
    // Unclaimed open-data entries are nobody's registration: they wait for a claim, not a check.
    sql`(${institutions.claimState} is null or ${institutions.claimState} = 'claimed')`,
    q.side ? eq(institutions.side, q.side) : undefined,
    q.q ? sql`${institutionNames} ilike ${containsPattern(q.q)}` : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ inst: institutions, ...cursorColumns(ks) })
      .from(institutions)
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(institutions).where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  return {
    items: page.map(({ inst }) => institutionFor({ inst, access: 'full', memberRole: null }, true)),
    nextCursor,
    total: count?.n ?? 0,
  }
}
