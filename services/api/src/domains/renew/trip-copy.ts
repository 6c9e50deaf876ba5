import { type DbOrTx, tripChecklistItems } from '@dj/db'
import { deriveChecklist, isCustomKey, nextYear, type StoredItem, type TripPlanFields } from '@dj/exchange'
import { asc, eq } from 'drizzle-orm'
import { fundingDeadlines } from '../trip/funding.js'
import { saveChecklist } from '../trip/store.js'
import type { Partnership } from '../workspace/access.js'

/**
 * The renewed plan's checklist, derived anew from its dates by the trip's rules (visa lead times
 * by direction, next year's funding deadlines of the programmes it fits, the report): nothing is
 * ticked, since every item is next year's to do again. The coordinators' own items come along a
 * year later, as a reminder of what they had thought of.
 */
export async function copyChecklist(
  tx: DbOrTx,
  p: Partnership,
  fromPlanId: string,
  toPlanId: string,
  plan: TripPlanFields,
  today: string,
): Promise<void> {
  const old = await tx
    .select()
    .from(tripChecklistItems)
    .where(eq(tripChecklistItems.tripPlanId, fromPlanId))
    .orderBy(asc(tripChecklistItems.position))
  const custom: StoredItem[] = old
    .filter((i) => isCustomKey(i.key))
    .map((i) => ({
      key: i.key,
      label: i.label,
      dueDate: i.dueDate ? nextYear(i.dueDate) : null,
      done: false,
    }))
  const items = deriveChecklist(plan, {
    today,
    fundingDeadlines: await fundingDeadlines(tx, p, plan, today),
    previous: custom,
  })
  await saveChecklist(tx, toPlanId, items)
}
