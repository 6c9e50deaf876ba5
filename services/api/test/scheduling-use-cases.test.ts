import { randomUUID } from 'node:crypto'
import { SIDE_CALENDARS } from '@dj/calendar-store'
import { SIDE_CALENDAR_IDS } from '@dj/contracts'
import { outbox } from '@dj/db'
import { parseIcs } from '@dj/scheduling'
import { ownInstitution, partnershipBetween, startTestApp, type TestContext } from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'
import type { Actor } from '../src/domains/actor.js'
import { type DomainError, isDomainError } from '../src/domains/errors.js'
import * as calendars from '../src/domains/scheduling/use-cases/calendars.js'
import * as visits from '../src/domains/scheduling/use-cases/visits.js'
import type { Deps, UseCase, UseCaseEnv } from '../src/domains/use-case.js'
import { seedActor } from './helper/actor.js'

/** Scheduling's use cases without HTTP: an actor, an input, the database and the few deps they name. */
let ctx: TestContext
let env: UseCaseEnv<'organizerEmail'>

t.before(async () => {
  ctx = await startTestApp('scheduling_use_cases')
  env = { db: ctx.app.db, deps: { organizerEmail: 'use-case-organizer@example.org' } }
})
t.teardown(() => ctx.close())

const actor = (role: Actor['role'], side: Actor['side'] = null) => seedActor(ctx.app.db, role, side)

const exec = <I, O>(uc: UseCase<I, keyof Deps, O>, who: Actor | null, input: I) =>
  uc.execute(env as UseCaseEnv, { actor: who, input })

/** The domain error a call ends with (or null when it succeeds). */
async function failure(p: Promise<unknown>): Promise<DomainError | null> {
  try {
    await p
    return null
  } catch (e) {
    if (isDomainError(e)) return e
    throw e
  }
}

/** A Düren school hosting a Jinhua club, their coordinators and the partnership between them. */
async function pair(label: string) {
  const du = await actor('coordinator')
  const jh = await actor('coordinator')
  const school = await ownInstitution(ctx.app, du.userId, 'duren', 'school', `UC Gymnasium ${label}`)
  const club = await ownInstitution(ctx.app, jh.userId, 'jinhua', 'club', `UC 俱乐部 ${label}`)
  const partnership = await partnershipBetween(ctx.app, school.id, club.id)
  return { du, jh, school, club, partnershipId: partnership.id }
}

const autumnPlan = {
  direction: 'jinhua_to_duren' as const,
  days: 7,
  groupSize: 8,
  range: { start: '2026-09-07', end: '2026-10-09' },
}

t.test('visit plan: both sides confirm the same window, then the visit is booked', async (t) => {
  const { du, jh, school, club, partnershipId } = await pair('confirm')
  const plan = await exec(visits.createVisitPlan, du, { partnershipId, plan: autumnPlan })
  t.equal(plan.status, 'open')
  t.equal(plan.hostInstitutionId, school.id, 'travelling to Düren: the Düren school hosts')
  t.equal(plan.travellerInstitutionId, club.id)
  const [w0, w1] = plan.windows
  t.ok(w0 && w1, 'at least two windows')

  const notAWindow = await failure(exec(visits.confirmVisitWindow, du, { id: plan.id, start: '2026-01-01' }))
  t.equal(notAWindow?.kind, 'invalid')
  t.same(notAWindow?.details.errors, [{ field: 'start', message: 'is not the start of a proposed window' }])

  const officer = await actor('officer', 'duren')
  t.equal(
    (await failure(exec(visits.confirmVisitWindow, officer, { id: plan.id, start: w0!.start })))?.code,
    'ACCESS_FORBIDDEN',
    'only coordinators confirm',
  )
  const seen = await exec(visits.viewVisitPlan, officer, { id: plan.id })
  t.equal(seen.canAct, false, 'the office of a side reads only')
  const outsider = await actor('coordinator')
  t.equal((await failure(exec(visits.viewVisitPlan, outsider, { id: plan.id })))?.code, 'NOT_FOUND')

  const hostOnly = await exec(visits.confirmVisitWindow, du, { id: plan.id, start: w0!.start })
  t.equal(hostOnly.status, 'open', 'one side is not enough')
  t.same(hostOnly.confirmations, { host: w0!.start, travellers: null })
  const different = await exec(visits.confirmVisitWindow, jh, { id: plan.id, start: w1!.start })
  t.equal(different.status, 'open', 'different windows do not book')
  const booked = await exec(visits.confirmVisitWindow, jh, { id: plan.id, start: w0!.start })
  t.equal(booked.status, 'booked')
  t.ok(booked.visitId)
  t.same(booked.confirmations, { host: w0!.start, travellers: w0!.start })

  const visit = await exec(visits.viewVisit, jh, { id: booked.visitId! })
  t.same([visit.start, visit.end, visit.status], [w0!.start, w0!.end, 'scheduled'])
  const text = await exec(visits.visitInvitation, du, { id: visit.id })
  t.same(parseIcs(text).events[0]?.start, { type: 'date', date: w0!.start }, 'all-day')
  t.match(
    text.replace(/\r\n[ \t]/g, ''),
    /ORGANIZER[^\n]*mailto:use-case-organizer@example\.org/i,
    'the organizer comes from the deps',
  )

  const again = await failure(exec(visits.confirmVisitWindow, du, { id: plan.id, start: w0!.start }))
  t.same([again?.kind, again?.code], ['conflict', 'CONFLICT'], 'a booked plan takes no more confirmations')
  const scheduled = await ctx.app.db.select().from(outbox).where(eq(outbox.eventType, 'visit.scheduled'))
  const queues = scheduled
    .filter((e) => (e.payload as { visitId?: string }).visitId === visit.id)
    .map((e) => e.queue)
  t.ok(queues.length > 0, 'visit.scheduled is written')
  t.same(queues, [...new Set(queues)], 'once for each queue that consumes it')
})

t.test('changing a visit: dates that do not fit are rejected with the reasons as data', async (t) => {
  const { du, jh, partnershipId } = await pair('change')
  const plan = await exec(visits.createVisitPlan, du, { partnershipId, plan: autumnPlan })
  const w0 = plan.windows[0]!
  await exec(visits.confirmVisitWindow, du, { id: plan.id, start: w0.start })
  const { visitId } = await exec(visits.confirmVisitWindow, jh, { id: plan.id, start: w0.start })

  const same = await failure(exec(visits.changeVisit, du, { id: visitId!, start: w0.start }))
  t.same([same?.code, same?.message], ['CONFLICT', 'the visit already starts on this date'])

  const holidays = await failure(exec(visits.changeVisit, du, { id: visitId!, start: '2026-10-19' }))
  t.equal(holidays?.kind, 'conflict')
  t.equal(holidays?.code, 'VISIT_DATES_REJECTED')
  const reasons = holidays?.details.reasons ?? []
  t.ok(reasons.length > 0, 'the finder says why')
  t.ok(
    reasons.every((r) => typeof r.code === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.date)),
    'each reason has a code and a date',
  )
  t.ok(
    reasons.some((r) => r.code === 'HOST_SCHOOL_HOLIDAY' && r.date >= '2026-10-19'),
    'NRW autumn holidays of the host school',
  )
  t.match(holidays?.message, /HOST_SCHOOL_HOLIDAY/)
  const unchanged = await exec(visits.viewVisit, du, { id: visitId! })
  t.same([unchanged.start, unchanged.sequence], [w0.start, 0], 'a rejected change leaves the visit as it was')

  const cancelled = await exec(visits.cancelVisit, jh, { id: visitId! })
  t.same([cancelled.status, cancelled.sequence], ['cancelled', 1])
  t.equal((await exec(visits.viewVisitPlan, du, { id: plan.id })).status, 'cancelled', 'and its plan')
  t.equal((await failure(exec(visits.cancelVisit, du, { id: visitId! })))?.code, 'CONFLICT')
})

t.test('calendar ranges and entry kinds are checked before any query', async (t) => {
  const { du, school } = await pair('calendar')
  const errorsOf = async (p: Promise<unknown>) => (await failure(p))?.details.errors
  t.same(await errorsOf(exec(calendars.listCalendars, du, { start: '2026-01-01' })), [
    { field: 'end', message: 'give both start and end' },
  ])
  t.same(await errorsOf(exec(calendars.listCalendars, du, { start: '2026-02-01', end: '2026-01-01' })), [
    { field: 'end', message: 'is before start' },
  ])
  const all = await exec(calendars.listCalendars, du, {})
  t.ok(
    all.items.some((c) => c.id === `institution:${school.id}`),
    'no range: every calendar, without gaps',
  )
  t.same(await errorsOf(exec(calendars.calendarEntries, du, { id: 'cn-public' })), [
    { field: 'start', message: 'give both start and end' },
  ])
  const holiday = await failure(
    exec(calendars.addInstitutionEntries, du, {
      id: school.id,
      entries: [{ start: '2026-05-01', kind: 'public_holiday' }],
    }),
  )
  t.equal(holiday?.kind, 'invalid')
  t.match(holiday?.details.errors, [{ field: 'entries[0].kind' }], 'public holidays come from the offices')
  t.same((await exec(calendars.listInstitutionEntries, du, { id: school.id })).items, [], 'nothing stored')
  const added = await exec(calendars.addInstitutionEntries, du, {
    id: school.id,
    entries: [{ start: '2026-05-04', end: '2026-05-08', kind: 'exam' }],
  })
  t.same(
    added.items.map((e) => [e.start, e.end, e.kind]),
    [['2026-05-04', '2026-05-08', 'exam']],
  )
  t.equal(
    (await failure(exec(calendars.deleteInstitutionEntry, du, { id: school.id, entryId: randomUUID() })))
      ?.code,
    'NOT_FOUND',
  )
  t.equal(
    await exec(calendars.deleteInstitutionEntry, du, { id: school.id, entryId: added.items[0]!.id! }),
    null,
  )
})

t.test('the contract names the side calendars the store holds', async (t) => {
  t.same(Object.keys(SIDE_CALENDARS).sort(), [...SIDE_CALENDAR_IDS].sort())
})
