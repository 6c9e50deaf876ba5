import { createHash } from 'node:crypto'
import { type DbOrTx, tripChecklistItems, tripPlans, visitPlans, visits } from '@dj/db'
import type { ChecklistItem, StoredItem } from '@dj/exchange'
import { and, asc, eq, inArray, notInArray } from 'drizzle-orm'
import { Errors } from '../errors.js'

export type TripPlanRow = typeof tripPlans.$inferSelect
export type ChecklistRow = typeof tripChecklistItems.$inferSelect

/** The plan row; `lock` queues concurrent writes of the two sides on it. */
export async function loadTripPlan(db: DbOrTx, id: string, o: { lock?: boolean } = {}): Promise<TripPlanRow> {
  const q = db.select().from(tripPlans).where(eq(tripPlans.id, id))
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) throw new Errors.NotFound('trip plan')
  return row
}

/** The booked visit with what its plan says about direction and group size. */
export async function loadVisit(db: DbOrTx, visitId: string) {
  const [row] = await db
    .select({
      id: visits.id,
      partnershipId: visits.partnershipId,
      hostInstitutionId: visits.hostInstitutionId,
      travellerInstitutionId: visits.travellerInstitutionId,
      startDate: visits.startDate,
      endDate: visits.endDate,
      status: visits.status,
      direction: visitPlans.direction,
      groupSize: visitPlans.groupSize,
    })
    .from(visits)
    .innerJoin(visitPlans, eq(visitPlans.id, visits.visitPlanId))
    .where(eq(visits.id, visitId))
  return row ?? null
}
export type VisitRow = NonNullable<Awaited<ReturnType<typeof loadVisit>>>

export async function loadChecklist(db: DbOrTx, planIds: readonly string[]): Promise<ChecklistRow[]> {
  if (planIds.length === 0) return []
  return db
    .select()
    .from(tripChecklistItems)
    .where(inArray(tripChecklistItems.tripPlanId, [...planIds]))
    .orderBy(asc(tripChecklistItems.position), asc(tripChecklistItems.key))
}

export const storedOf = (r: ChecklistRow): StoredItem => ({
  key: r.key,
  label: r.label,
  dueDate: r.dueDate,
  done: r.doneAt !== null,
})

/**
 * Makes the stored checklist the derived one: due dates, labels and order follow the plan, the
 * ticks stay where they were (derivation kept them by key), items the plan no longer calls for go.
 */
export async function saveChecklist(
  tx: DbOrTx,
  planId: string,
  items: readonly ChecklistItem[],
): Promise<void> {
  const keys = items.map((i) => i.key)
  await tx
    .delete(tripChecklistItems)
    .where(
      keys.length > 0
        ? and(eq(tripChecklistItems.tripPlanId, planId), notInArray(tripChecklistItems.key, keys))
        : eq(tripChecklistItems.tripPlanId, planId),
    )
  for (const [position, item] of items.entries()) {
    await tx
      .insert(tripChecklistItems)
      .values({ tripPlanId: planId, key: item.key, label: item.label, dueDate: item.dueDate, position })
      .onConflictDoUpdate({
        target: [tripChecklistItems.tripPlanId, tripChecklistItems.key],
        set: { label: item.label, dueDate: item.dueDate, position, updatedAt: new Date() },
      })
  }
}

/** What a stale edit's 409 names besides the version: a digest of the current fields. */
export const fieldsHash = (fields: unknown) =>
  createHash('sha256').update(JSON.stringify(fields)).digest('hex')
