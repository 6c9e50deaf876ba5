import { TRIP_AGE_BANDS, TRIP_DERIVED_ITEMS } from '@dj/contracts'
import { tripChecklistItems } from '@dj/db'
import { AGE_BANDS, type DerivedKey } from '@dj/exchange'
import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  bookedVisit,
  confirmedPartnership,
  json,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'

// Issue 13, item 1: the trip plan of a booked visit and its checklist through the API: created
// from the visit (prefilled), edited by both sides with stale versions refused (409 naming the
// current version), fields checked (422 with the failing fields), the checklist derived from the
// travel date and direction and kept ticked through re-derivation, custom items, the outbox's
// internal event on every write, the audit trail, and all seven actors on every route.

let ctx: TestContext
let a: SevenActors
let partnershipId: string
let visitId: string
let otherVisitId: string

interface Entry {
  key: string
  label: string | null
  dueDate: string | null
  done: boolean
  overdue: boolean
}
interface Plan {
  id: string
  version: number
  visitId: string
  fields: Record<string, unknown> & {
    direction: string
    travel: { outbound: string; return: string }
    group: { bands: { band: string; count: number }[]; adults: number }
  }
  checklist: Entry[]
  progress: { done: number; total: number; overdue: number }
  viewer: { canEdit: boolean }
}
interface Problem {
  status: number
  code: string
  current?: { version: number }
  errors?: { field: string; message: string }[]
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}

// Far enough ahead that no checklist item is late whenever the test runs.
const START = `${new Date().getUTCFullYear() + 2}-05-10`

t.before(async () => {
  ctx = await startTestApp('trip')
  a = await sevenActors(ctx.app, 'trip')
  ;({ partnershipId } = await confirmedPartnership(ctx.app, a))
  ;({ visitId } = await bookedVisit(ctx.app, a, partnershipId, { start: START, days: 7, groupSize: 14 }))
  ;({ visitId: otherVisitId } = await bookedVisit(ctx.app, a, partnershipId, {
    start: `${Number(START.slice(0, 4)) + 1}-09-01`,
    direction: 'duren_to_jinhua',
  }))
})
t.teardown(() => ctx.close())

const outboxOf = (planId: string) =>
  ctx.app.dbHandle.sql<{ queue: string; payload: Record<string, unknown> }[]>`
    select queue, payload from outbox where event_type = 'trip.plan_changed'
      and payload->>'tripPlanId' = ${planId} order by created_at, id`

let plan: Plan
/** The items the plan itself calls for and the own ones (funding deadlines depend on the catalogue). */
const derived = (items: Entry[]) => items.filter((i) => !i.key.startsWith('funding:')).map((i) => i.key)

t.test('the contract publishes the domain’s words', async (t) => {
  t.same(TRIP_AGE_BANDS, AGE_BANDS)
  const derived: readonly DerivedKey[] = TRIP_DERIVED_ITEMS
  t.equal(derived.length, 5)
})

t.test('a coordinator plans the trip from the booked visit, prefilled; once per visit', async (t) => {
  const res = await send('POST', `/v1/visits/${visitId}/trip-plan`, 'jh')
  t.equal(res.statusCode, 201, res.body)
  plan = json<Plan>(res)
  t.equal(plan.visitId, visitId)
  t.equal(plan.version, 1)
  t.equal(plan.fields.direction, 'jinhua_to_duren')
  t.same(plan.fields.travel, { outbound: START, return: `${START.slice(0, 8)}16` })
  t.same(plan.fields.group.bands, [{ band: '12-14', count: 14 }])
  t.same(
    derived(plan.checklist),
    ['parental_consent', 'insurance', 'visa_schengen', 'report'],
    'a Chinese group going to Germany: the Schengen visa with its insurance',
  )
  // The catalogue's programmes this exchange fits add their next application deadline.
  const funding = plan.checklist.filter((i) => i.key.startsWith('funding:'))
  t.ok(
    funding.every((i) => i.label && i.dueDate && i.dueDate < START),
    'funding deadlines: named, dated before the trip',
  )
  t.same(plan.progress, { done: 0, total: 4 + funding.length, overdue: 0 })
  t.ok(plan.viewer.canEdit)
  const again = await send('POST', `/v1/visits/${visitId}/trip-plan`, 'du')
  t.equal(again.statusCode, 409)
  t.equal(json<Problem>(again).code, 'TRIP_PLAN_EXISTS')
  const events = await outboxOf(plan.id)
  t.same(
    events.map((e) => e.queue),
    ['schedule'],
    'the scheduler is told (internal event, nobody notified)',
  )
  t.same(Object.keys(events[0]!.payload).sort(), ['partnershipId', 'tripPlanId', 'type'])
  const audit = await ctx.app.dbHandle.sql`
    select action from audit_log where entity_id = ${plan.id}`
  t.same(
    audit.map((r) => r.action),
    ['trip_plan.created'],
  )
})

t.test('both sides edit; a stale version is refused naming the current one', async (t) => {
  const fields = {
    ...plan.fields,
    arrival: { carrier: 'LH 731', place: 'Frankfurt (FRA)', time: '06:35' },
    group: {
      bands: [
        { band: '12-14', count: 10 },
        { band: '15-17', count: 4 },
      ],
      adults: 2,
    },
    leaders: [{ name: 'Wang Li', role: 'Lehrerin', consent: true, consentAt: '2026-12-01T10:00:00.000Z' }],
    programme: [{ date: START, items: [{ time: '10:00', title: 'Empfang', place: 'Aula' }] }],
    direction: 'duren_to_jinhua',
  }
  const res = await send('PUT', `/v1/trip-plans/${plan.id}`, 'jh', { expectedVersion: 1, fields })
  t.equal(res.statusCode, 200, res.body)
  const edited = json<Plan>(res)
  t.equal(edited.version, 2)
  t.equal(edited.fields.direction, 'jinhua_to_duren', 'the direction stays the visit’s')
  const byDu = await send('PUT', `/v1/trip-plans/${plan.id}`, 'du', {
    expectedVersion: 2,
    fields: { ...edited.fields, purpose: 'Gemeinsames Wasserstoff-Projekt' },
  })
  t.equal(byDu.statusCode, 200, 'the Düren side edits the same plan')
  const stale = await send('PUT', `/v1/trip-plans/${plan.id}`, 'jh', { expectedVersion: 2, fields })
  t.equal(stale.statusCode, 409)
  const p = json<Problem>(stale)
  t.equal(p.code, 'TRIP_PLAN_STALE_VERSION')
  t.equal(p.current?.version, 3)
  t.match(stale.headers['content-type'], /application\/problem\+json/)
  plan = json<Plan>(byDu)
  t.equal((await outboxOf(plan.id)).length, 3)
})

t.test('invalid fields: 422 with every failing field, nothing written', async (t) => {
  const fields = {
    ...plan.fields,
    travel: { outbound: `${START.slice(0, 8)}12`, return: `${START.slice(0, 8)}11` },
    leaders: [{ name: 'Zhao Min', role: 'teacher', consent: false, consentAt: '2026-12-01T10:00:00.000Z' }],
    group: { bands: [{ band: '12-14', count: -3 }], adults: 0 },
  }
  const res = await send('PUT', `/v1/trip-plans/${plan.id}`, 'du', { expectedVersion: plan.version, fields })
  t.equal(res.statusCode, 422, res.body)
  const fieldsAt = (json<Problem>(res).errors ?? []).map((e) => e.field)
  t.ok(fieldsAt.includes('leaders.0.consent'))
  t.ok(fieldsAt.includes('group.bands.0.count'))
  const pupils = await send('PUT', `/v1/trip-plans/${plan.id}`, 'du', {
    expectedVersion: plan.version,
    fields: { ...plan.fields, pupils: [{ name: 'Max' }] },
  })
  t.equal(pupils.statusCode, 422, 'no place for a pupil’s name')
  const now = json<Plan>(await send('GET', `/v1/trip-plans/${plan.id}`, 'du'))
  t.equal(now.version, plan.version)
})

t.test('ticks stay through re-derivation; moving the dates moves the due dates', async (t) => {
  const tick = await send('POST', `/v1/trip-plans/${plan.id}/checklist/visa_schengen`, 'jh', { done: true })
  t.equal(tick.statusCode, 200, tick.body)
  t.same(json<Plan>(tick).progress, { done: 1, total: plan.checklist.length, overdue: 0 })
  const before = json<Plan>(tick).checklist.find((i) => i.key === 'visa_schengen')!
  const moved = {
    ...plan.fields,
    travel: { outbound: `${START.slice(0, 8)}09`, return: `${START.slice(0, 8)}16` },
  }
  const res = await send('PUT', `/v1/trip-plans/${plan.id}`, 'du', {
    expectedVersion: plan.version,
    fields: moved,
  })
  t.equal(res.statusCode, 200, res.body)
  plan = json<Plan>(res)
  const after = plan.checklist.find((i) => i.key === 'visa_schengen')!
  t.ok(after.done, 'still ticked')
  t.not(after.dueDate, before.dueDate, 'a day earlier')
  const untick = await send('POST', `/v1/trip-plans/${plan.id}/checklist/visa_schengen`, 'du', {
    done: false,
  })
  t.equal(json<Plan>(untick).progress.done, 0)
  const missing = await send('POST', `/v1/trip-plans/${plan.id}/checklist/visa_f`, 'du', { done: true })
  t.equal(missing.statusCode, 404, 'no such item on this plan')
})

t.test('custom items are added, kept, and ticked like the others', async (t) => {
  const res = await send('POST', `/v1/trip-plans/${plan.id}/checklist`, 'du', {
    label: 'Gastgeschenke besorgen',
    dueDate: `${START.slice(0, 8)}01`,
  })
  t.equal(res.statusCode, 201, res.body)
  const custom = json<Plan>(res).checklist.find((i) => i.key === 'custom:1')
  t.same(custom && [custom.label, custom.done], ['Gastgeschenke besorgen', false])
  const tick = await send('POST', `/v1/trip-plans/${plan.id}/checklist/custom:1`, 'jh', { done: true })
  t.equal(tick.statusCode, 200)
  const edit = await send('PUT', `/v1/trip-plans/${plan.id}`, 'jh', {
    expectedVersion: plan.version,
    fields: plan.fields,
  })
  const kept = json<Plan>(edit).checklist.find((i) => i.key === 'custom:1')
  t.ok(kept?.done, 'kept through an edit')
  plan = json<Plan>(edit)
  const rows = await ctx.app.db
    .select()
    .from(tripChecklistItems)
    .where(eq(tripChecklistItems.tripPlanId, plan.id))
  t.equal(rows.length, plan.checklist.length)
  t.equal(derived(plan.checklist).length, 5, 'four derived items and the own one')
})

t.test('the partnership’s plans with their progress', async (t) => {
  const other = await send('POST', `/v1/visits/${otherVisitId}/trip-plan`, 'du')
  t.equal(other.statusCode, 201)
  t.same(
    derived(json<Plan>(other).checklist),
    ['parental_consent', 'visa_f', 'insurance', 'report'],
    'a German group going to China: the F visa',
  )
  const res = await send('GET', `/v1/partnerships/${partnershipId}/trip-plans`, 'officerJh')
  t.equal(res.statusCode, 200)
  const items = json<{
    items: { id: string; outbound: string; progress: { done: number; total: number } }[]
  }>(res).items
  t.same(
    items.map((i) => [i.id, i.progress.done, i.progress.total]),
    [
      [plan.id, 1, plan.checklist.length],
      [json<Plan>(other).id, 0, json<Plan>(other).checklist.length],
    ],
  )
})

t.test('seven actors on every route', async (t) => {
  const id = plan.id
  const reads: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  const writes: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 403,
    officerJh: 403,
    admin: 403,
  }
  for (const who of ACTOR_NAMES) {
    t.equal((await send('GET', `/v1/trip-plans/${id}`, who)).statusCode, reads[who], `${who} reads the plan`)
    t.equal(
      (await send('GET', `/v1/partnerships/${partnershipId}/trip-plans`, who)).statusCode,
      reads[who],
      `${who} lists`,
    )
    t.equal(
      (await send('POST', `/v1/trip-plans/${id}/checklist/insurance`, who, { done: false })).statusCode,
      writes[who],
      `${who} ticks`,
    )
    const current = json<Plan>(await send('GET', `/v1/trip-plans/${id}`, 'du'))
    t.equal(
      (
        await send('PUT', `/v1/trip-plans/${id}`, who, {
          expectedVersion: current.version,
          fields: current.fields,
        })
      ).statusCode,
      writes[who],
      `${who} edits`,
    )
    t.equal(
      (await send('POST', `/v1/trip-plans/${id}/checklist`, who, { label: `by ${who}` })).statusCode,
      writes[who] === 200 ? 201 : writes[who],
      `${who} adds an item`,
    )
    const { visitId: fresh } = await bookedVisit(ctx.app, a, partnershipId, {
      start: `${Number(START.slice(0, 4)) + 3}-0${ACTOR_NAMES.indexOf(who) + 1}-01`,
    })
    t.equal(
      (await send('POST', `/v1/visits/${fresh}/trip-plan`, who)).statusCode,
      writes[who] === 200 ? 201 : writes[who],
      `${who} creates`,
    )
  }
  const viewer = json<Plan>(await send('GET', `/v1/trip-plans/${id}`, 'officerDu')).viewer
  t.same(viewer, { canEdit: false }, 'officers read only')
  t.equal(
    (await send('POST', `/v1/visits/00000000-0000-4000-8000-000000000000/trip-plan`, 'du')).statusCode,
    404,
  )
  t.equal(
    (await send('GET', `/v1/trip-plans/not-a-uuid`, 'anonymous')).statusCode,
    401,
    '401 before validation',
  )
})
