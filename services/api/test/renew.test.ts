import { nextYear } from '@dj/exchange'
import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  bookedVisit,
  confirmedPartnership,
  countersignedAgreement,
  json,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import t, { type Test } from 'tap'

// Issue 13, item 5: "plan the next one" through the API. Refused until the agreement is fully
// signed and its visit is over (409 with the reason); then either coordinator copies the agreement
// into edition n+1 as a draft and the latest trip plan into a new plan without a visit, every date
// a year later, the checklist derived anew, the other institution told, all in one transaction
// (a failure half-way leaves nothing); a second renewal is refused while the new draft exists;
// all seven actors on both routes.

let ctx: TestContext
let a: SevenActors
let partnershipId: string
let pastVisitId: string

const YEAR = new Date().getUTCFullYear()
// A visit that is over whenever the test runs, and one still ahead.
const PAST = { start: `${YEAR - 1}-05-10`, end: `${YEAR - 1}-05-14` }
const FUTURE = `${YEAR + 1}-05-10`

interface Problem {
  status: number
  code: string
  detail: string
}
interface Status {
  edition: number | null
  allowed: boolean
  reason: string | null
  canRenew: boolean
}
interface Renewed {
  partnershipId: string
  agreement: { id: string; edition: number; version: number; status: string }
  tripPlanId: string | null
  renewedFromId: string | null
}
interface PlanFields {
  travel: { outbound: string; return: string }
  programme: { date: string; items: { title: string }[] }[]
  leaders: unknown[]
  group: unknown
  purpose: string
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}
const renewUrl = () => `/v1/partnerships/${partnershipId}/renew`
const sql = () => ctx.app.dbHandle.sql

async function counts() {
  const [row] = await sql()<{ agreements: number; plans: number; items: number; renewed: number }[]>`
    select (select count(*)::int from agreements where partnership_id = ${partnershipId}) as agreements,
      (select count(*)::int from trip_plans where partnership_id = ${partnershipId}) as plans,
      (select count(*)::int from trip_checklist_items c join trip_plans p on p.id = c.trip_plan_id
        where p.partnership_id = ${partnershipId} and c.key not like 'funding:%') as items,
      (select count(*)::int from outbox where event_type = 'exchange.renewed'
        and payload->>'partnershipId' = ${partnershipId}) as renewed`
  return row!
}

async function refusedWith(t: Test, code: string, reason?: string) {
  const res = await send('POST', renewUrl(), 'du')
  t.equal(res.statusCode, 409, res.body)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  const p = json<Problem>(res)
  t.equal(p.code, code)
  if (reason && code === 'RENEW_NOT_YET') t.match(p.detail, reason, 'the detail names the reason')
  const status = json<Status>(await send('GET', renewUrl(), 'du'))
  t.match(status, { allowed: false, canRenew: false, ...(reason ? { reason } : {}) })
}

t.before(async () => {
  ctx = await startTestApp('renew')
  a = await sevenActors(ctx.app, 'renew')
  ;({ partnershipId } = await confirmedPartnership(ctx.app, a))
})
t.teardown(() => ctx.close())

t.test('refused until the exchange is complete, saying why', async (t) => {
  await refusedWith(t, 'RENEW_NOT_YET', 'no_agreement')
  await countersignedAgreement(ctx.app, a, partnershipId, { ...PAST, validUntil: `${YEAR}-05-14` })
  await refusedWith(t, 'RENEW_NOT_YET', 'no_visit')
  const ahead = await bookedVisit(ctx.app, a, partnershipId, { start: FUTURE })
  await refusedWith(t, 'RENEW_NOT_YET', 'visit_not_ended')
  // The visit ahead is called off; the one that took place last year is the exchange to follow up.
  await sql()`update visits set status = 'cancelled' where id = ${ahead.visitId}`
  ;({ visitId: pastVisitId } = await bookedVisit(ctx.app, a, partnershipId, { start: PAST.start }))
  t.same(await counts(), { agreements: 1, plans: 0, items: 0, renewed: 0 }, 'nothing written')
})

let oldPlanId: string
let oldFields: PlanFields

t.test('the trip as it was planned this year', async (t) => {
  const created = await send('POST', `/v1/visits/${pastVisitId}/trip-plan`, 'jh')
  t.equal(created.statusCode, 201, created.statusCode === 201 ? 'planned' : created.body)
  const plan = json<{ id: string; version: number; fields: PlanFields }>(created)
  oldPlanId = plan.id
  const fields: PlanFields = {
    ...plan.fields,
    programme: [
      { date: PAST.start, items: [{ title: 'Ankunft / 到达' }] },
      { date: `${YEAR - 1}-05-11`, items: [{ title: 'Annakirmes' }] },
    ],
    leaders: [
      { name: 'Wang Fang', role: 'Lehrerin', consent: true, consentAt: `${YEAR - 1}-03-01T09:00:00.000Z` },
    ],
    purpose: 'Umweltprojekt',
  }
  const edited = await send('PUT', `/v1/trip-plans/${plan.id}`, 'jh', {
    expectedVersion: plan.version,
    fields,
  })
  t.equal(edited.statusCode, 200, edited.statusCode === 200 ? 'edited' : edited.body)
  oldFields = json<{ fields: PlanFields }>(edited).fields
  const custom = await send('POST', `/v1/trip-plans/${plan.id}/checklist`, 'du', {
    label: 'Gastgeschenke besorgen',
    dueDate: `${YEAR - 1}-05-01`,
  })
  t.equal(custom.statusCode, 201, custom.statusCode === 201 ? 'an own item' : custom.body)
  const ticked = await send('POST', `/v1/trip-plans/${plan.id}/checklist/insurance`, 'jh', { done: true })
  t.equal(ticked.statusCode, 200, ticked.statusCode === 200 ? 'ticked' : ticked.body)
  // An earlier trip the other way, planned afterwards: the next one follows the latest trip.
  const earlier = await bookedVisit(ctx.app, a, partnershipId, {
    start: `${YEAR - 1}-03-01`,
    direction: 'duren_to_jinhua',
  })
  const other = await send('POST', `/v1/visits/${earlier.visitId}/trip-plan`, 'du')
  t.equal(other.statusCode, 201, other.statusCode === 201 ? 'the earlier trip planned' : other.body)
})

t.test('seven actors: who sees whether it can be renewed, who may renew', async (t) => {
  const reads: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 403,
  }
  for (const who of ACTOR_NAMES) {
    const res = await send('GET', renewUrl(), who)
    t.equal(res.statusCode, reads[who], `GET ${who}`)
    if (res.statusCode !== 200) continue
    const s = json<Status>(res)
    t.match(s, { edition: 1, allowed: true, reason: null }, `${who}: allowed`)
    t.equal(s.canRenew, who === 'du' || who === 'jh', `${who}: the button only for the two coordinators`)
  }
  const writes: Record<ActorName, number> = {
    anonymous: 401,
    du: 201,
    jh: 201,
    stranger: 404,
    officerDu: 403,
    officerJh: 403,
    admin: 403,
  }
  for (const who of ACTOR_NAMES) {
    if (who === 'du' || who === 'jh') continue
    const res = await send('POST', renewUrl(), who)
    t.equal(res.statusCode, writes[who], `POST ${who}`)
  }
  t.same(await counts(), { agreements: 1, plans: 2, items: 9, renewed: 0 }, 'the refused wrote nothing')
})

t.test('a failure half-way leaves nothing behind', async (t) => {
  // The trip plan's insert fails after the agreement's edition was written.
  await sql().unsafe(`
    create function renew_test_fail() returns trigger language plpgsql as
      $$ begin raise exception 'renew test: trip plan refused'; end $$;
    create trigger renew_test_fail before insert on trip_plans
      for each row when (new.renewed_from_id is not null) execute function renew_test_fail();`)
  const before = await counts()
  const res = await send('POST', renewUrl(), 'du')
  t.equal(res.statusCode, 500, res.body)
  t.same(await counts(), before, 'no edition, no plan, no checklist, no event')
  await sql().unsafe(`drop trigger renew_test_fail on trip_plans; drop function renew_test_fail();`)
})

let renewed: Renewed

t.test('a coordinator plans the next one: agreement and trip plan a year later', async (t) => {
  const res = await send('POST', renewUrl(), 'du')
  t.equal(res.statusCode, 201, res.body)
  renewed = json<Renewed>(res)
  t.match(renewed, {
    partnershipId,
    agreement: { edition: 2, version: 1, status: 'draft' },
    renewedFromId: oldPlanId,
  })

  // The agreement: edition 2 is the current one, a draft with the period and term a year later.
  const base = `/v1/partnerships/${partnershipId}/agreement`
  type A = {
    id: string
    edition: number
    status: string
    fields: { period: { start: string; end: string }; term: { validUntil: string } } & Record<string, unknown>
    editions: { edition: number; status: string }[]
    signatures: unknown[]
    viewer: { canEdit: boolean }
  }
  const next = json<A>(await send('GET', base, 'jh'))
  const first = json<A>(await send('GET', `${base}?edition=1`, 'jh'))
  t.equal(next.id, renewed.agreement.id)
  t.match(next, { edition: 2, status: 'draft', signatures: [], viewer: { canEdit: true } })
  t.same(
    next.editions.map((e) => [e.edition, e.status]),
    [
      [1, 'countersigned'],
      [2, 'draft'],
    ],
  )
  t.same(next.fields.period, { start: nextYear(PAST.start), end: nextYear(PAST.end) })
  t.same(next.fields.term.validUntil, `${YEAR + 1}-05-14`)
  t.same(
    { ...next.fields, period: null, term: { ...next.fields.term, validUntil: null } },
    { ...first.fields, period: null, term: { ...first.fields.term, validUntil: null } },
    'everything else copied',
  )
  t.match(first, { edition: 1, status: 'countersigned', viewer: { canEdit: false } }, 'last year’s as signed')

  // The trip plan: no visit yet, dates a year later, leaders to be entered with their consent.
  const [plan] = await sql()<{ visit_id: string | null; renewed_from_id: string; fields: PlanFields }[]>`
    select visit_id, renewed_from_id, fields from trip_plans where id = ${renewed.tripPlanId!}`
  t.equal(plan!.visit_id, null)
  t.equal(plan!.renewed_from_id, oldPlanId)
  t.same(plan!.fields.travel, {
    outbound: nextYear(oldFields.travel.outbound),
    return: nextYear(oldFields.travel.return),
  })
  t.same(
    plan!.fields.programme.map((d) => [d.date, d.items[0]?.title]),
    [
      [`${YEAR}-05-10`, 'Ankunft / 到达'],
      [`${YEAR}-05-11`, 'Annakirmes'],
    ],
  )
  t.same(plan!.fields.leaders, [], 'consent was given for last year’s trip')
  t.same(plan!.fields.group, oldFields.group)
  t.equal(plan!.fields.purpose, 'Umweltprojekt')

  // Its checklist derived anew from the new dates, nothing ticked, the own item a year later.
  const items = await sql()<{ key: string; label: string | null; due_date: string; done_at: Date | null }[]>`
    select key, label, due_date::text, done_at from trip_checklist_items
    where trip_plan_id = ${renewed.tripPlanId!} order by key`
  const old = await sql()<{ key: string; due_date: string }[]>`
    select key, due_date::text from trip_checklist_items where trip_plan_id = ${oldPlanId} order by key`
  // Next year's funding deadlines may add items (whether any lies ahead depends on today).
  const own = (xs: { key: string }[]) => xs.map((i) => i.key).filter((k) => !k.startsWith('funding:'))
  t.same(own(items), own(old), 'the same items')
  t.ok(
    items.every((i) => i.done_at === null),
    'nothing ticked',
  )
  for (const i of items.filter((x) => !x.key.startsWith('funding:'))) {
    const was = old.find((o) => o.key === i.key)!
    t.equal(i.due_date, nextYear(was.due_date), `${i.key} due a year later`)
  }
  t.equal(items.find((i) => i.key.startsWith('custom:'))?.label, 'Gastgeschenke besorgen')

  // The other institution is told; the scheduler syncs the new plan's reminders.
  const events = await sql()<{ queue: string; payload: Record<string, unknown> }[]>`
    select queue, payload from outbox where event_type in ('exchange.renewed', 'trip.plan_changed')
      and payload->>'partnershipId' = ${partnershipId} and created_at >= now() - interval '1 hour'
      and (payload->>'tripPlanId' = ${renewed.tripPlanId!}) order by event_type`
  t.same(
    events.map((e) => [e.payload.type, e.queue]),
    [
      ['exchange.renewed', 'notify'],
      ['trip.plan_changed', 'schedule'],
    ],
  )
  t.same(events[0]!.payload, {
    type: 'exchange.renewed',
    audience: { institutionIds: [a.club.id] },
    partnershipId,
    tripPlanId: renewed.tripPlanId,
    agreementEdition: 2,
    by: { id: a.school.id, name: 'Gymnasium am Wirteltor', side: 'duren' },
  })
})

t.test('while the new draft exists, no second renewal (also when both press at once)', async (t) => {
  await refusedWith(t, 'RENEW_DRAFT_EXISTS', 'draft_exists')
  const status = json<Status & { nextTripPlanId: string | null }>(await send('GET', renewUrl(), 'officerJh'))
  t.match(status, { edition: 2, nextTripPlanId: renewed.tripPlanId }, 'the workspace links next year’s plan')
  const jh = await send('POST', renewUrl(), 'jh')
  t.equal(jh.statusCode, 409)
  t.same(await counts(), { agreements: 2, plans: 3, items: 14, renewed: 1 })
})

t.test('next year’s edition signed: the next one waits for next year’s visit', async (t) => {
  const base = `/v1/partnerships/${partnershipId}/agreement`
  const { hash } = json<{ hash: string }>(await send('GET', base, 'du'))
  const submitted = await send('POST', `${base}/submit`, 'jh', { hash })
  t.equal(submitted.statusCode, 200, submitted.statusCode === 200 ? 'sent out' : submitted.body)
  for (const who of ['du', 'jh', 'officerDu', 'officerJh'] as const)
    t.equal((await send('POST', `${base}/sign`, who, { hash })).statusCode, 200, `${who} signs edition 2`)
  await refusedWith(t, 'RENEW_NOT_YET', 'no_visit')
})

t.test('two coordinators renewing at the same moment: one edition', async (t) => {
  const b = await sevenActors(ctx.app, 'twice')
  const { partnershipId: pid } = await confirmedPartnership(ctx.app, b)
  await countersignedAgreement(ctx.app, b, pid, PAST)
  await bookedVisit(ctx.app, b, pid, { start: PAST.start })
  const url = `/v1/partnerships/${pid}/renew`
  const answers = await Promise.all(
    [b.du, b.jh].map((who) => ctx.app.inject({ method: 'POST', url, headers: bearer(who.accessToken) })),
  )
  t.same(answers.map((r) => r.statusCode).sort(), [201, 409])
  const lost = answers.find((r) => r.statusCode === 409)!
  t.equal(json<Problem>(lost).code, 'RENEW_DRAFT_EXISTS')
  const [n] = await sql()<
    { n: number }[]
  >`select count(*)::int as n from agreements where partnership_id = ${pid}`
  t.equal(n!.n, 2)
})

t.test('next year’s visit, once booked, takes over the renewed trip plan', async (t) => {
  const start = `${YEAR + 1}-06-07`
  const { visitId } = await bookedVisit(ctx.app, a, partnershipId, { start, days: 4 })
  const res = await send('POST', `/v1/visits/${visitId}/trip-plan`, 'jh')
  t.equal(res.statusCode, 201, res.body)
  const plan = json<{
    id: string
    visitId: string
    fields: { travel: { outbound: string; return: string } }
  }>(res)
  t.equal(plan.id, renewed.tripPlanId, 'the draft, not a second plan')
  t.equal(plan.visitId, visitId)
  t.same(plan.fields.travel, { outbound: start, return: `${YEAR + 1}-06-10` }, 'the visit’s dates')
  const again = await send('POST', `/v1/visits/${visitId}/trip-plan`, 'du')
  t.equal(again.statusCode, 409, 'one plan per visit')
})
