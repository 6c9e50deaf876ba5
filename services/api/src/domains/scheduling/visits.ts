import { randomUUID } from 'node:crypto'
import { institutionCalendarId, loadCalendars, sideCalendarIds } from '@dj/calendar-store'
import type { EventOf, VisitReasonCode as PublishedReasonCode, VisitPlanBody } from '@dj/contracts'
import { type DbOrTx, visitPlans, visits } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import {
  addDays,
  buildIcs,
  type Calendar,
  findVisitWindows,
  type Institution,
  type RejectedWindow,
  type VisitReasonCode,
  type VisitResult,
  type VisitWindow,
} from '@dj/scheduling'
import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { DatesRejectedError, Errors, FieldsError } from '../errors.js'
import { loadPartnership, type PairAccess, pairAccess, requireAct } from './access.js'
import { withSchedulingErrors } from './errors.js'
import { attendeesOf, loadParties, type Party, SIDE_ZONE } from './people.js'

export type VisitPlanRow = typeof visitPlans.$inferSelect
export type VisitRow = typeof visits.$inferSelect

const MAX_REJECTED_STORED = 400

/** The finder's reason codes and the ones the contract publishes are the same list (fails to compile otherwise). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const reasonCodesMatch: Same<VisitReasonCode, PublishedReasonCode> = true
void reasonCodesMatch

function asFinderInstitution(p: Party, calendars: Map<string, Calendar>): Institution {
  const school = p.kind === 'school' || p.kind === 'vocational'
  const ids = [...sideCalendarIds(p.side, school), institutionCalendarId(p.id)]
  return {
    id: p.id,
    side: p.side === 'duren' ? 'de' : 'cn',
    kind: school ? 'school' : 'club',
    calendars: ids.map((id) => calendars.get(id)!),
  }
}

/** Runs the window finder for a host/traveller pair with builtin + DB calendars. */
export async function findWindows(
  db: DbOrTx,
  hostId: string,
  travellerId: string,
  days: number,
  range: { start: string; end: string },
  count = 5,
): Promise<{ result: VisitResult; host: Party; travellers: Party }> {
  const [host, travellers] = (await loadParties(db, [hostId, travellerId])) as [Party, Party]
  const ids = [host, travellers].flatMap((p) => [
    ...sideCalendarIds(p.side, true),
    institutionCalendarId(p.id),
  ])
  const cals = await loadCalendars(db, [...ids, 'cn-public'])
  const result = withSchedulingErrors(() =>
    findVisitWindows({
      host: asFinderInstitution(host, cals),
      travellers: asFinderInstitution(travellers, cals),
      days,
      range,
      chinaCalendar: cals.get('cn-public')!,
      count,
    }),
  )
  return { result, host, travellers }
}

export function planView(v: VisitPlanRow, access: PairAccess, visit: VisitRow | null = null) {
  return {
    id: v.id,
    partnershipId: v.partnershipId,
    direction: v.direction,
    hostInstitutionId: v.hostInstitutionId,
    travellerInstitutionId: v.travellerInstitutionId,
    days: v.days,
    groupSize: v.groupSize,
    range: { start: v.rangeStart, end: v.rangeEnd },
    status: v.status,
    windows: v.windows as VisitWindow[],
    rejected: v.rejected as RejectedWindow[],
    coverageGaps: v.coverageGaps,
    confirmations: { host: v.hostConfirmedStart, travellers: v.travellerConfirmedStart },
    visitId: visit?.id ?? null,
    canAct: access.level === 'act',
  }
}

export function visitView(v: VisitRow, access: PairAccess) {
  return {
    id: v.id,
    visitPlanId: v.visitPlanId,
    partnershipId: v.partnershipId,
    hostInstitutionId: v.hostInstitutionId,
    travellerInstitutionId: v.travellerInstitutionId,
    title: v.title,
    start: v.startDate,
    end: v.endDate,
    timeZone: v.timeZone,
    status: v.status,
    uid: v.uid,
    sequence: v.sequence,
    canAct: access.level === 'act',
  }
}

export async function createVisitPlan(db: DbOrTx, p: Actor, partnershipId: string, input: VisitPlanBody) {
  const ps = await loadPartnership(db, partnershipId)
  const access = await pairAccess(db, p, [ps.institutionA, ps.institutionB], 'partnership')
  requireAct(access)
  // institution_a is always the Düren side, institution_b the Jinhua side.
  const [hostId, travellerId] =
    input.direction === 'duren_to_jinhua'
      ? [ps.institutionB, ps.institutionA]
      : [ps.institutionA, ps.institutionB]
  const { result } = await findWindows(db, hostId, travellerId, input.days, input.range)
  const [row] = await db
    .insert(visitPlans)
    .values({
      partnershipId,
      hostInstitutionId: hostId,
      travellerInstitutionId: travellerId,
      direction: input.direction,
      days: input.days,
      groupSize: input.groupSize,
      rangeStart: input.range.start,
      rangeEnd: input.range.end,
      windows: result.windows,
      rejected: result.rejected.slice(0, MAX_REJECTED_STORED),
      coverageGaps: result.coverageGaps,
      createdBy: p.userId,
    })
    .returning()
  if (row!.windows.length > 0) {
    await tellOtherSide(db, row!, access.ownInstitutionId, {
      type: 'visit_plan.proposed',
      planId: row!.id,
      days: row!.days,
      windows: row!.windows.slice(0, WINDOWS_IN_MESSAGE).map(allDay),
      moreWindows: Math.max(0, row!.windows.length - WINDOWS_IN_MESSAGE),
    })
  }
  return planView(row!, access)
}

export async function loadPlan(db: DbOrTx, p: Actor, id: string, lock = false) {
  const q = db.select().from(visitPlans).where(eq(visitPlans.id, id))
  const [v] = lock ? await q.for('update') : await q
  if (!v) throw new Errors.NotFound('visit plan')
  const access = await pairAccess(db, p, [v.hostInstitutionId, v.travellerInstitutionId], 'visit plan')
  const [visit] = await db.select().from(visits).where(eq(visits.visitPlanId, id))
  return { v, access, visit: visit ?? null }
}

function visitEvent(type: 'visit.scheduled' | 'visit.changed' | 'visit.cancelled', v: VisitRow) {
  return {
    type,
    audience: { institutionIds: [v.hostInstitutionId, v.travellerInstitutionId] },
    visitId: v.id,
    uid: v.uid,
    sequence: v.sequence,
    title: v.title,
    time: { start: v.startDate, end: v.endDate, allDay: true },
    organizerEmail: v.organizerEmail,
  } satisfies EventOf<typeof type>
}

/** Windows named in a "visit proposed" message; the rest are counted. */
const WINDOWS_IN_MESSAGE = 3

type PlanEvent = EventOf<'visit_plan.proposed' | 'visit_plan.window_confirmed' | 'visit_plan.dropped'>
type PlanEventBody<T extends PlanEvent['type']> = Omit<EventOf<T>, 'audience' | 'by'>

/**
 * A visit plan waits for the other institution, so the other one is told of every step this one
 * takes (its own members know already), through the outbox in the same transaction.
 */
async function tellOtherSide<T extends PlanEvent['type']>(
  tx: DbOrTx,
  plan: Pick<VisitPlanRow, 'hostInstitutionId' | 'travellerInstitutionId'>,
  own: string,
  body: PlanEventBody<T> & { type: T },
) {
  const other = own === plan.hostInstitutionId ? plan.travellerInstitutionId : plan.hostInstitutionId
  const [by] = await loadParties(tx, [own])
  await writeOutbox(tx, {
    ...body,
    audience: { institutionIds: [other] },
    by: { id: by!.id, name: by!.name, side: by!.side },
  } as PlanEvent)
}

const allDay = (w: { start: string; end: string }) => ({ start: w.start, end: w.end, allDay: true })

/**
 * Each side confirms one of the proposed windows by its start date; when both sides have confirmed
 * the same window the visit is booked (one invitation, all-day, to both institutions).
 */
export async function confirmWindow(db: DbOrTx, p: Actor, planId: string, start: string, organizer: string) {
  const { v, access } = await loadPlan(db, p, planId, true)
  requireAct(access)
  if (v.status !== 'open') throw new Errors.Conflict(`visit plan is ${v.status}`)
  const window = v.windows.find((w) => w.start === start)
  if (!window) throw new FieldsError([{ field: 'start', message: 'is not the start of a proposed window' }])
  const asHost = access.ownInstitutionId === v.hostInstitutionId
  const [updated] = await db
    .update(visitPlans)
    .set(asHost ? { hostConfirmedStart: start } : { travellerConfirmedStart: start })
    .where(eq(visitPlans.id, planId))
    .returning()
  let plan = updated!
  let visit: VisitRow | null = null
  if (plan.hostConfirmedStart && plan.hostConfirmedStart === plan.travellerConfirmedStart) {
    const [host, travellers] = (await loadParties(db, [v.hostInstitutionId, v.travellerInstitutionId])) as [
      Party,
      Party,
    ]
    const id = randomUUID()
    const [created] = await db
      .insert(visits)
      .values({
        id,
        visitPlanId: planId,
        partnershipId: v.partnershipId,
        hostInstitutionId: v.hostInstitutionId,
        travellerInstitutionId: v.travellerInstitutionId,
        title: `Besuch / Visit / 访问: ${travellers.name} → ${host.name}`,
        startDate: window.start,
        endDate: window.end,
        timeZone: SIDE_ZONE[host.side],
        uid: `visit-${id}@dueren-jinhua.exchange`,
        organizerEmail: organizer,
      })
      .returning()
    visit = created!
    ;[plan] = (await db
      .update(visitPlans)
      .set({ status: 'booked', updatedAt: new Date() })
      .where(eq(visitPlans.id, planId))
      .returning()) as [VisitPlanRow]
    await writeOutbox(db, visitEvent('visit.scheduled', visit))
  } else if (v[asHost ? 'hostConfirmedStart' : 'travellerConfirmedStart'] !== start) {
    await tellOtherSide(db, v, access.ownInstitutionId, {
      type: 'visit_plan.window_confirmed',
      planId,
      window: allDay(window),
    })
  }
  return planView(plan, access, visit)
}

/** Drops a plan that is not booked yet (a booked one is cancelled through its visit). */
export async function cancelPlan(db: DbOrTx, p: Actor, planId: string) {
  const { v, access } = await loadPlan(db, p, planId, true)
  requireAct(access)
  if (v.status !== 'open') throw new Errors.Conflict(`visit plan is ${v.status}`)
  const [row] = await db
    .update(visitPlans)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(eq(visitPlans.id, planId))
    .returning()
  await tellOtherSide(db, v, access.ownInstitutionId, { type: 'visit_plan.dropped', planId })
  return planView(row!, access)
}

export async function loadVisit(db: DbOrTx, p: Actor, id: string, lock = false) {
  const q = db.select().from(visits).where(eq(visits.id, id))
  const [v] = lock ? await q.for('update') : await q
  if (!v) throw new Errors.NotFound('visit')
  const access = await pairAccess(db, p, [v.hostInstitutionId, v.travellerInstitutionId], 'visit')
  return { v, access }
}

export async function cancelVisit(db: DbOrTx, p: Actor, id: string) {
  const { v, access } = await loadVisit(db, p, id, true)
  requireAct(access)
  if (v.status === 'cancelled') throw new Errors.Conflict('visit is cancelled')
  const [row] = await db
    .update(visits)
    .set({ status: 'cancelled', sequence: sql`${visits.sequence} + 1`, updatedAt: new Date() })
    .where(eq(visits.id, id))
    .returning()
  await db
    .update(visitPlans)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(eq(visitPlans.id, v.visitPlanId))
  await writeOutbox(db, visitEvent('visit.cancelled', row!))
  return visitView(row!, access)
}

/**
 * Moves a booked visit (same length) to a new start. The new dates must pass the same rules as a
 * proposed window; otherwise 409 with the finder's reasons.
 */
export async function changeVisit(db: DbOrTx, p: Actor, id: string, start: string) {
  const { v, access } = await loadVisit(db, p, id, true)
  requireAct(access)
  if (v.status !== 'scheduled') throw new Errors.Conflict(`visit is ${v.status}`)
  if (start === v.startDate) throw new Errors.Conflict('the visit already starts on this date')
  const [plan] = await db.select().from(visitPlans).where(eq(visitPlans.id, v.visitPlanId))
  const days = plan!.days
  const end = addDays(start, days - 1)
  const { result } = await findWindows(
    db,
    v.hostInstitutionId,
    v.travellerInstitutionId,
    days,
    { start, end },
    1,
  )
  if (result.windows.length === 0) {
    throw new DatesRejectedError(
      (result.rejected[0]?.reasons ?? []).map((r) => ({
        code: r.code,
        date: r.date,
        ...(r.endDate ? { endDate: r.endDate } : {}),
      })),
    )
  }
  const [row] = await db
    .update(visits)
    .set({ startDate: start, endDate: end, sequence: sql`${visits.sequence} + 1`, updatedAt: new Date() })
    .where(eq(visits.id, id))
    .returning()
  await writeOutbox(db, visitEvent('visit.changed', row!))
  return visitView(row!, access)
}

export async function visitIcs(db: DbOrTx, p: Actor, id: string): Promise<string> {
  const { v } = await loadVisit(db, p, id)
  return buildIcs({
    uid: v.uid,
    sequence: v.sequence,
    method: v.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
    when: { type: 'allDay', start: v.startDate, end: v.endDate },
    summary: v.title,
    organizer: { email: v.organizerEmail, name: 'Düren–Jinhua Exchange' },
    attendees: await attendeesOf(db, [v.hostInstitutionId, v.travellerInstitutionId]),
    dtstamp: v.updatedAt.toISOString(),
  })
}
