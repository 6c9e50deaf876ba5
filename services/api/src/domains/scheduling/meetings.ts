import type { EventOf, PickBody } from '@dj/contracts'
import { type DbOrTx, meetings } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { buildIcs } from '@dj/scheduling'
import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors, FieldsError } from '../errors.js'
import { type PairAccess, pairAccess, requireAct } from './access.js'
import { attendeesOf } from './people.js'

export type MeetingRow = typeof meetings.$inferSelect

export async function loadMeeting(db: DbOrTx, p: Actor, id: string, lock = false) {
  const q = db.select().from(meetings).where(eq(meetings.id, id))
  const [m] = lock ? await q.for('update') : await q
  if (!m) throw new Errors.NotFound('meeting')
  const access = await pairAccess(db, p, [m.institutionA, m.institutionB], 'meeting')
  return { m, access }
}

export function meetingView(m: MeetingRow, access: PairAccess) {
  return {
    id: m.id,
    partnershipId: m.partnershipId,
    institutionIds: [m.institutionA, m.institutionB],
    title: m.title,
    status: m.status,
    slotMinutes: m.slotMinutes,
    slots: m.slots,
    coverageGaps: m.coverageGaps,
    start: m.startAt?.toISOString() ?? null,
    end: m.endAt?.toISOString() ?? null,
    uid: m.uid,
    sequence: m.sequence,
    canAct: access.level === 'act',
  }
}

/** A proposed slot by index or by its exact start; anything else is a 400 naming the field. */
function pickSlot(m: MeetingRow, input: PickBody): { start: Date; end: Date } {
  if (input.slotIndex !== undefined) {
    const slot = m.slots[input.slotIndex]
    if (!slot) throw new FieldsError([{ field: 'slotIndex', message: `must be 0..${m.slots.length - 1}` }])
    return { start: new Date(slot.start), end: new Date(slot.end) }
  }
  if (input.start !== undefined) {
    const at = Date.parse(input.start)
    const slot = m.slots.find((s) => Date.parse(s.start) === at)
    if (!slot) throw new FieldsError([{ field: 'start', message: 'is not one of the proposed slots' }])
    return { start: new Date(slot.start), end: new Date(slot.end) }
  }
  throw new FieldsError([{ field: 'slotIndex', message: 'give slotIndex or start' }])
}

function event(type: 'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled', m: MeetingRow) {
  return {
    type,
    audience: { institutionIds: [m.institutionA, m.institutionB] },
    meetingId: m.id,
    uid: m.uid,
    sequence: m.sequence,
    title: m.title,
    time: { start: m.startAt!.toISOString(), end: m.endAt!.toISOString() },
    organizerEmail: m.organizerEmail,
  } satisfies EventOf<typeof type>
}

/**
 * Rule: the first coordinator (of either institution) to pick one of the proposed slots books it;
 * the other side is told by the invitation and can still reschedule or cancel.
 */
export async function chooseSlot(db: DbOrTx, p: Actor, id: string, input: PickBody) {
  const { m, access } = await loadMeeting(db, p, id, true)
  requireAct(access)
  if (m.status !== 'proposed') throw new Errors.Conflict(`meeting is ${m.status}`)
  const { start, end } = pickSlot(m, input)
  const [row] = await db
    .update(meetings)
    .set({ status: 'scheduled', startAt: start, endAt: end, chosenBy: p.userId, updatedAt: new Date() })
    .where(eq(meetings.id, id))
    .returning()
  await writeOutbox(db, event('meeting.scheduled', row!))
  return meetingView(row!, access)
}

/** New time (a proposed slot or any future instant) under the same uid and the next sequence. */
export async function rescheduleMeeting(db: DbOrTx, p: Actor, id: string, input: PickBody, now: Date) {
  const { m, access } = await loadMeeting(db, p, id, true)
  requireAct(access)
  if (m.status !== 'scheduled') throw new Errors.Conflict(`meeting is ${m.status}`)
  let start: Date
  let end: Date
  if (input.slotIndex !== undefined) ({ start, end } = pickSlot(m, input))
  else if (input.start !== undefined) {
    start = new Date(input.start)
    if (start.getTime() <= now.getTime())
      throw new FieldsError([{ field: 'start', message: 'must be in the future' }])
    end = new Date(start.getTime() + m.slotMinutes * 60_000)
  } else throw new FieldsError([{ field: 'start', message: 'give start or slotIndex' }])
  if (start.getTime() === m.startAt?.getTime())
    throw new Errors.Conflict('the meeting is already at this time')
  const [row] = await db
    .update(meetings)
    .set({ startAt: start, endAt: end, sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
    .where(eq(meetings.id, id))
    .returning()
  await writeOutbox(db, event('meeting.changed', row!))
  return meetingView(row!, access)
}

export async function cancelMeeting(db: DbOrTx, p: Actor, id: string) {
  const { m, access } = await loadMeeting(db, p, id, true)
  requireAct(access)
  if (m.status === 'cancelled') throw new Errors.Conflict('meeting is cancelled')
  const wasScheduled = m.status === 'scheduled'
  const [row] = await db
    .update(meetings)
    .set({ status: 'cancelled', sequence: sql`${meetings.sequence} + 1`, updatedAt: new Date() })
    .where(eq(meetings.id, id))
    .returning()
  // Only a booked meeting has an invitation out there to withdraw.
  if (wasScheduled) await writeOutbox(db, event('meeting.cancelled', row!))
  return meetingView(row!, access)
}

export async function meetingIcs(db: DbOrTx, p: Actor, id: string): Promise<string> {
  const { m } = await loadMeeting(db, p, id)
  if (!m.startAt || !m.endAt) throw new Errors.Conflict('the meeting has no time yet')
  return buildIcs({
    uid: m.uid,
    sequence: m.sequence,
    method: m.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    when: { type: 'meeting', start: m.startAt.toISOString(), end: m.endAt.toISOString() },
    summary: m.title,
    organizer: { email: m.organizerEmail, name: 'Düren–Jinhua Exchange' },
    attendees: await attendeesOf(db, [m.institutionA, m.institutionB]),
    dtstamp: m.updatedAt.toISOString(),
  })
}
