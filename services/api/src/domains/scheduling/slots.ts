import { institutionCalendarId, loadCalendars, sideCalendarIds } from '@dj/calendar-store'
import type { SlotsBody } from '@dj/contracts'
import type { DbOrTx } from '@dj/db'
import { findMeetingSlots, type Participant, weekdayHours } from '@dj/scheduling'
import type { Actor } from '../actor.js'
import { pairAccess } from './access.js'
import { withSchedulingErrors } from './errors.js'

/**
 * Ad-hoc slot search: each participant brings a zone, optionally a side (its public holidays) and an
 * institution the caller may see (its own days off). Default hours Mon–Fri 08:00–17:00.
 */
export async function adhocSlots(db: DbOrTx, p: Actor, input: SlotsBody) {
  const calIds = input.participants.map((x) => [
    ...(x.side ? sideCalendarIds(x.side, false) : []),
    ...(x.institutionId ? [institutionCalendarId(x.institutionId)] : []),
  ])
  for (const x of input.participants) {
    if (x.institutionId) await pairAccess(db, p, [x.institutionId, x.institutionId], 'institution')
  }
  const cals = await loadCalendars(db, calIds.flat())
  const participants: Participant[] = input.participants.map((x, i) => ({
    id: x.id ?? `p${i}`,
    timeZone: x.timeZone,
    workingHours: x.workingHours ?? weekdayHours('08:00', '17:00'),
    calendars: calIds[i]!.map((id) => cals.get(id)!),
  }))
  return withSchedulingErrors(() =>
    findMeetingSlots({
      participants,
      slotMinutes: input.slotMinutes,
      range: {
        start: input.range.start,
        end: input.range.end,
        ...(input.range.timeZone ? { timeZone: input.range.timeZone } : {}),
      },
      count: input.count ?? 5,
      prefer: input.prefer ?? 'convenient',
      ...(input.granularityMinutes ? { granularityMinutes: input.granularityMinutes } : {}),
    }),
  )
}
