import { type DbOrTx, meetings, visits } from '@dj/db'
import type { EventTime } from '@dj/queue'
import { localToInstant, planReminders } from '@dj/scheduling'
import { eq } from 'drizzle-orm'
import { cancelPendingTimers, insertTimers, type TimerRow, type TimerSpec, timerId } from './timers.js'

export type ReminderTargetKind = 'meeting' | 'visit'

export interface ReminderTarget {
  kind: ReminderTargetKind
  id: string
  title: string
  sequence: number
  scheduled: boolean
  /** The instant reminders count back from. */
  startsAt: Date | null
  time: EventTime | null
  institutionIds: string[]
}

/** A visit starts at midnight in the host's zone: "in 7 days" is counted from there. */
function visitStart(date: string, timeZone: string): Date {
  return new Date(localToInstant(date, 0, timeZone) ?? Date.parse(`${date}T00:00:00Z`))
}

export async function loadReminderTarget(
  tx: DbOrTx,
  kind: ReminderTargetKind,
  id: string,
): Promise<ReminderTarget | null> {
  if (kind === 'meeting') {
    const [m] = await tx.select().from(meetings).where(eq(meetings.id, id))
    if (!m) return null
    return {
      kind,
      id,
      title: m.title,
      sequence: m.sequence,
      scheduled: m.status === 'scheduled' && m.startAt !== null,
      startsAt: m.startAt,
      time: m.startAt && m.endAt ? { start: m.startAt.toISOString(), end: m.endAt.toISOString() } : null,
      institutionIds: [m.institutionA, m.institutionB],
    }
  }
  const [v] = await tx.select().from(visits).where(eq(visits.id, id))
  if (!v) return null
  return {
    kind,
    id,
    title: v.title,
    sequence: v.sequence,
    scheduled: v.status === 'scheduled',
    startsAt: visitStart(v.startDate, v.timeZone),
    time: { start: v.startDate, end: v.endDate, allDay: true },
    institutionIds: [v.hostInstitutionId, v.travellerInstitutionId],
  }
}

/**
 * Makes the pending reminder timers of a meeting or visit match its current state: the current
 * sequence's 7d/24h/1h reminders while scheduled, none otherwise. Reads the row rather than the
 * event, so events handled late or out of order still converge on the latest version.
 */
export async function syncReminders(
  tx: DbOrTx,
  kind: ReminderTargetKind,
  id: string,
  now: Date,
): Promise<{ added: TimerRow[]; cancelled: string[] }> {
  const target = await loadReminderTarget(tx, kind, id)
  const key = `${kind}:${id}`
  const desired: TimerSpec[] =
    target?.scheduled && target.startsAt
      ? planReminders({
          eventId: `${kind}-${id}`,
          sequence: target.sequence,
          startsAt: target.startsAt.toISOString(),
          now: now.toISOString(),
        }).map((r) => ({
          id: timerId(r.id),
          kind: 'reminder',
          target: key,
          fireAt: new Date(r.fireAt),
          sequence: r.sequence,
          payload: { kind, targetId: id, offset: r.offset },
        }))
      : []
  const cancelled = await cancelPendingTimers(
    tx,
    key,
    desired.map((d) => d.id),
  )
  const added = await insertTimers(tx, desired)
  return { added, cancelled }
}
