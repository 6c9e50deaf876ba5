import type { DbOrTx } from '@dj/db'
import { type FundingDeadline, fundingDeadlinesFor, type TripPlanFields } from '@dj/exchange'
import { activeProgrammes } from '../funding/store.js'
import { partnersOf } from '../funding/trip-funding.js'
import type { Partnership } from '../workspace/access.js'

/**
 * The application deadlines ahead of the active programmes the plan fits (the funding rules of
 * @dj/exchange), for the checklist's `funding:<slug>` items. A programme whose stored document no
 * longer matches the schema is left out rather than failing the trip plan's write.
 */
export async function fundingDeadlines(
  db: DbOrTx,
  p: Partnership,
  plan: TripPlanFields,
  today: string,
): Promise<FundingDeadline[]> {
  const programmes = (await activeProgrammes(db)).map((r) => r.programme)
  if (programmes.length === 0) return []
  const found = fundingDeadlinesFor(plan, programmes, today, await partnersOf(db, p))
  // One item per programme: its next deadline (the first ahead of the trip).
  const next = new Map<string, FundingDeadline>()
  for (const d of found) if (!next.has(d.slug)) next.set(d.slug, { slug: d.slug, name: d.name, date: d.date })
  return [...next.values()]
}
