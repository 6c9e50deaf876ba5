import type { SideStats } from '@dj/contracts'
import { type DbOrTx, INSTITUTION_KINDS, institutions, interests, REGIONS, type Side, TOPICS } from '@dj/db'
import { and, eq } from 'drizzle-orm'
import { addStages, emptyCounts, institutionStages, type StageCounts } from './funnel.js'
import { reportOutcomes } from './report-outcomes.js'

export type { SideStats }

/** Keyed buckets that list every known key (zeros included) first, then anything unexpected. */
function buckets<K extends string | null>(known: readonly K[]) {
  const map = new Map<K, StageCounts>(known.map((k) => [k, emptyCounts()]))
  return {
    at(key: K) {
      const counts = map.get(key) ?? emptyCounts()
      map.set(key, counts)
      return counts
    },
    entries: () => [...map.entries()],
  }
}

/**
 * The funnel of one side and its breakdowns. Aggregates only (no names, no people), which is why
 * officers may also read the other side's figures.
 */
export async function sideStats(db: DbOrTx, side: Side): Promise<SideStats> {
  const rows = await institutionStages(db, side)
  const funnel = emptyCounts()
  const kinds = buckets<string | null>([...INSTITUTION_KINDS, null])
  const places = buckets<string | null>([...REGIONS[side].units.map((u) => u.id), null])
  const byId = new Map(rows.map((r) => [r.id, r]))
  for (const row of rows) {
    addStages(funnel, row)
    addStages(kinds.at(row.kind), row)
    addStages(places.at(row.municipalityId), row)
  }

  // By topic: open interests per topic, and the stages of the institutions that have one.
  const open = await db
    .select({ institutionId: interests.institutionId, topics: interests.topics })
    .from(interests)
    .innerJoin(institutions, eq(institutions.id, interests.institutionId))
    .where(and(eq(institutions.side, side), eq(interests.status, 'open')))
  const topics = buckets<string>(TOPICS)
  const openInterests = new Map<string, number>()
  const seen = new Set<string>()
  for (const interest of open) {
    for (const topic of new Set(interest.topics)) {
      openInterests.set(topic, (openInterests.get(topic) ?? 0) + 1)
      const key = `${topic}\u0000${interest.institutionId}`
      const row = byId.get(interest.institutionId)
      if (seen.has(key) || !row) continue
      seen.add(key)
      addStages(topics.at(topic), row)
    }
  }

  return {
    side,
    funnel,
    reports: await reportOutcomes(db, side),
    byKind: kinds.entries().map(([kind, c]) => ({ kind, ...c })),
    byTopic: topics
      .entries()
      .map(([topic, c]) => ({ topic, openInterests: openInterests.get(topic) ?? 0, ...c })),
    byMunicipality: places.entries().map(([municipalityId, c]) => ({ municipalityId, ...c })),
  }
}
