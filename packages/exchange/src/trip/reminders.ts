import type { ChecklistItem } from './checklist.js'
import { addDays } from './validate.js'

/**
 * Days before an item's due date its reminders go out: two weeks ahead (time to book the visa
 * appointment or ask the parents), then three days ahead as the last call. At most two per item.
 */
export const CHECKLIST_REMINDER_DAYS = [14, 3] as const

/** The hour (UTC) a reminder goes out on its day: 08:00 in Düren in winter, 15:00 in Jinhua. */
export const CHECKLIST_REMINDER_HOUR_UTC = 7

export interface PlannedChecklistReminder {
  key: string
  step: 1 | 2
  dueDate: string
  /** The civil date it goes out on, and the instant. */
  on: string
  fireAt: string
}

/**
 * Items the checklist shows but does not remind of: the report has its own reminders once the
 * visit ended (opened, then at most two), so a checklist reminder on top would be a third mail.
 */
export const NOT_REMINDED: ReadonlySet<string> = new Set(['report'])

/**
 * The reminders the open items call for, from `today` on: an item that is done, has no due date,
 * is already late or is reminded elsewhere (NOT_REMINDED) gets none; a step whose day has passed is left out (a late plan gets only
 * the reminders still ahead). Deterministic, so the scheduler can re-plan on every change.
 */
export function planChecklistReminders(
  items: readonly Pick<ChecklistItem, 'key' | 'dueDate' | 'done'>[],
  today: string,
): PlannedChecklistReminder[] {
  return items.flatMap((item) => {
    if (item.done || item.dueDate === null || item.dueDate < today || NOT_REMINDED.has(item.key)) return []
    const due = item.dueDate
    return CHECKLIST_REMINDER_DAYS.flatMap((days, i) => {
      const on = addDays(due, -days)
      if (on < today) return []
      const hour = String(CHECKLIST_REMINDER_HOUR_UTC).padStart(2, '0')
      return [{ key: item.key, step: (i + 1) as 1 | 2, dueDate: due, on, fireAt: `${on}T${hour}:00:00.000Z` }]
    })
  })
}
