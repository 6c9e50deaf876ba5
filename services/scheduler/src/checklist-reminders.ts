import { type DbOrTx, partnerships, tripChecklistItems, tripPlans } from '@dj/db'
import { planChecklistReminders } from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { and, eq } from 'drizzle-orm'
import { cancelPendingTimers, insertTimers, type TimerRow, type TimerSpec, timerId } from './timers.js'

export const checklistTarget = (tripPlanId: string) => `trip:${tripPlanId}`

/** Timer kind of a checklist item's reminder (steps 1 and 2, to both institutions). */
export const CHECKLIST_DUE = 'trip.checklist_due'

const civilDate = (now: Date) => now.toISOString().slice(0, 10)

/**
 * Makes the pending reminder timers of a trip plan match its checklist as stored: the plan of
 * @dj/exchange for the open items with a due date, none for ticked or late ones. The due date is
 * part of the timer id, so a moved date cancels the old reminders and plans new ones, while a
 * reminder that fired keeps its id and never fires again. Reads the rows rather than the event,
 * so late or repeated events converge on the latest state.
 */
export async function syncChecklistReminders(
  tx: DbOrTx,
  tripPlanId: string,
  now: Date,
): Promise<{ added: TimerRow[]; cancelled: string[] }> {
  const items = await tx
    .select({
      key: tripChecklistItems.key,
      dueDate: tripChecklistItems.dueDate,
      doneAt: tripChecklistItems.doneAt,
    })
    .from(tripChecklistItems)
    .where(eq(tripChecklistItems.tripPlanId, tripPlanId))
  const planned = planChecklistReminders(
    items.map((i) => ({ key: i.key, dueDate: i.dueDate, done: i.doneAt !== null })),
    civilDate(now),
  )
  const desired: TimerSpec[] = planned.map((r) => ({
    id: timerId('checklist', tripPlanId, r.key, r.dueDate, r.step),
    kind: CHECKLIST_DUE,
    target: checklistTarget(tripPlanId),
    fireAt: new Date(r.fireAt),
    payload: { tripPlanId, key: r.key, dueDate: r.dueDate, step: r.step },
  }))
  const cancelled = await cancelPendingTimers(
    tx,
    checklistTarget(tripPlanId),
    desired.map((d) => d.id),
  )
  const added = await insertTimers(tx, desired)
  return { added, cancelled }
}

/**
 * A checklist reminder, if its item is still open with the due date it was planned for (a tick
 * or a moved date since makes it stale, even before the event that cancels it is handled): both
 * institutions are told, by ids and the date only.
 */
export async function fireChecklistReminder(tx: DbOrTx, timer: TimerRow): Promise<boolean> {
  const tripPlanId = String(timer.payload.tripPlanId)
  const key = String(timer.payload.key)
  const dueDate = String(timer.payload.dueDate)
  const [row] = await tx
    .select({
      dueDate: tripChecklistItems.dueDate,
      doneAt: tripChecklistItems.doneAt,
      partnershipId: tripPlans.partnershipId,
      institutionA: partnerships.institutionA,
      institutionB: partnerships.institutionB,
    })
    .from(tripChecklistItems)
    .innerJoin(tripPlans, eq(tripPlans.id, tripChecklistItems.tripPlanId))
    .innerJoin(partnerships, eq(partnerships.id, tripPlans.partnershipId))
    .where(and(eq(tripChecklistItems.tripPlanId, tripPlanId), eq(tripChecklistItems.key, key)))
  if (!row || row.doneAt !== null || row.dueDate !== dueDate) return false
  await writeOutbox(tx, {
    type: 'trip.checklist_due',
    audience: { institutionIds: [row.institutionA, row.institutionB] },
    tripPlanId,
    partnershipId: row.partnershipId,
    itemKey: key,
    dueDate,
    step: Number(timer.payload.step) === 2 ? 2 : 1,
  })
  return true
}
