import { randomUUID } from 'node:crypto'
import { institutionCalendarId, loadCalendars, sideCalendarIds } from '@dj/calendar-store'
import { type DbOrTx, meetings, partnerships } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { addDays, findMeetingSlots, localDate, type Participant, weekdayHours } from '@dj/scheduling'
import { eq } from 'drizzle-orm'
import type { SchedulerConfig } from './config.js'
import { loadParties } from './parties.js'

export const meetingUid = (id: string) => `meeting-${id}@dueren-jinhua.exchange`

/**
 * On a confirmed partnership: proposes intro-meeting slots to both coordinators, computed from the
 * owners' time zones, Mon–Fri 08:00–17:00 and each side's public holidays plus the institutions'
 * own entries. Idempotent: a second delivery finds the meeting already there.
 */
export async function proposeIntroMeeting(
  tx: DbOrTx,
  partnershipId: string,
  config: Pick<SchedulerConfig, 'ORGANIZER_EMAIL' | 'INTRO_MEETING_MINUTES' | 'INTRO_MEETING_RANGE_DAYS'>,
  now: Date,
): Promise<string | null> {
  const [existing] = await tx
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.partnershipId, partnershipId))
  if (existing) return null
  const [p] = await tx.select().from(partnerships).where(eq(partnerships.id, partnershipId))
  if (!p) return null
  const parties = await loadParties(tx, [p.institutionA, p.institutionB])
  const calIds = parties.flatMap((x) => [...sideCalendarIds(x.side, false), institutionCalendarId(x.id)])
  const cals = await loadCalendars(tx, calIds)
  const participants: Participant[] = parties.map((x) => ({
    id: x.id,
    timeZone: x.timeZone,
    workingHours: weekdayHours('08:00', '17:00'),
    calendars: [...sideCalendarIds(x.side, false), institutionCalendarId(x.id)].map((id) => cals.get(id)!),
  }))
  const first = addDays(localDate(now.getTime(), 'UTC'), 1)
  const result = findMeetingSlots({
    participants,
    slotMinutes: config.INTRO_MEETING_MINUTES,
    range: { start: first, end: addDays(first, config.INTRO_MEETING_RANGE_DAYS - 1), timeZone: 'UTC' },
    count: 5,
  })
  const [a, b] = parties as [(typeof parties)[0], (typeof parties)[0]]
  const id = randomUUID()
  await tx.insert(meetings).values({
    id,
    partnershipId,
    institutionA: a.id,
    institutionB: b.id,
    kind: 'intro',
    title: `Kennenlernen / Intro / 初次会面: ${a.name} – ${b.name}`,
    status: 'proposed',
    slotMinutes: config.INTRO_MEETING_MINUTES,
    slots: result.slots.map((s) => ({
      start: s.start,
      end: s.end,
      allInsideWorkingHours: s.allInsideWorkingHours,
      participants: s.participants.map((v) => ({
        id: v.id,
        timeZone: v.timeZone,
        localStart: v.localStart,
        localEnd: v.localEnd,
        utcOffset: v.utcOffset,
      })),
    })),
    coverageGaps: result.coverageGaps.map((g) => ({
      calendarId: g.calendarId,
      participantId: g.participantId,
      gaps: g.gaps,
    })),
    uid: meetingUid(id),
    sequence: 0,
    organizerEmail: config.ORGANIZER_EMAIL,
  })
  await writeOutbox(tx, {
    type: 'meeting.slots_proposed',
    audience: { institutionIds: [a.id, b.id] },
    meetingId: id,
    partnershipId,
    slots: result.slots.map((s) => ({ start: s.start, end: s.end })),
  })
  return id
}
