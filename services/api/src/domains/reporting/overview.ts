import {
  type DbOrTx,
  INSTITUTION_STATUSES,
  INTEREST_STATUSES,
  type InstitutionStatus,
  type InterestStatus,
  institutions,
  interests,
  type Side,
} from '@dj/db'
import { count, eq } from 'drizzle-orm'
import { listRounds } from './rounds.js'

function tally<K extends string>(keys: readonly K[], rows: { key: K; n: number }[]) {
  const byStatus = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>
  for (const r of rows) byStatus[r.key] = r.n
  return { total: rows.reduce((s, r) => s + r.n, 0), byStatus }
}

/** The officer dashboard: status counts of the side's institutions and interests, latest rounds. */
export async function officerOverview(db: DbOrTx, side: Side | null) {
  const where = side ? eq(institutions.side, side) : undefined
  const inst = await db
    .select({ key: institutions.status, n: count() })
    .from(institutions)
    .where(where)
    .groupBy(institutions.status)
  const ints = await db
    .select({ key: interests.status, n: count() })
    .from(interests)
    .innerJoin(institutions, eq(institutions.id, interests.institutionId))
    .where(where)
    .groupBy(interests.status)
  const institutionCounts = tally<InstitutionStatus>(INSTITUTION_STATUSES, inst)
  return {
    side,
    institutions: institutionCounts,
    interests: tally<InterestStatus>(INTEREST_STATUSES, ints),
    pendingVerification: institutionCounts.byStatus.pending,
    latestRounds: (await listRounds(db, undefined, 5)).items,
  }
}
