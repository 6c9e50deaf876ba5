import { FUNDING_SEED, type FundingProgramme, fundingSeedSql } from '@dj/exchange'
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
import t from 'tap'

// Issue 13, item 3 through the API: the seed programmes in every database (equal to the TS seed),
// the catalogue (officers write, admins and officers read, everyone signed in sees the active
// ones), stale versions (409 naming the current one), schema errors (422 with the fields), the
// outbox's internal event and the audit trail on every change, and a trip's fit, failed rules and
// budget (JSON, CSV, PDF) for all seven actors.

let ctx: TestContext
let a: SevenActors
let tripPlanId: string

interface Entry {
  id: string
  slug: string
  version: number
  active: boolean
  fields: FundingProgramme
}
interface Problem {
  status: number
  code: string
  current?: { version: number }
  errors?: { field: string; message: string }[]
}
interface Funding {
  tripPlanId: string
  programmes: {
    slug: string
    fits: boolean
    failed: { rule: string; expected: unknown; actual: unknown }[]
    budget: { total: number; lines: { item: string; amount: number }[]; distanceKm: number }
    deadlines: { date: string }[]
  }[]
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}

const START = `${new Date().getUTCFullYear() + 2}-05-10`

t.before(async () => {
  ctx = await startTestApp('funding')
  a = await sevenActors(ctx.app, 'fund')
  const { partnershipId } = await confirmedPartnership(ctx.app, a)
  const { visitId } = await bookedVisit(ctx.app, a, partnershipId, { start: START, days: 7, groupSize: 12 })
  const res = await send('POST', `/v1/visits/${visitId}/trip-plan`, 'jh')
  if (res.statusCode !== 201) throw new Error(res.body)
  tripPlanId = json<{ id: string }>(res).id
})
t.teardown(() => ctx.close())

const seedRows = () =>
  ctx.app.dbHandle.sql<{ slug: string; fields: unknown; version: number; active: boolean }[]>`
    select slug, fields, version, active from funding_programmes order by slug`

t.test('the migrated seed programmes equal the TS seed', async (t) => {
  const rows = await seedRows()
  const bySlug = (s: string) => FUNDING_SEED.find((p) => p.slug === s)
  t.same(rows.map((r) => r.slug).sort(), FUNDING_SEED.map((p) => p.slug).sort())
  for (const r of rows) {
    t.same(r.fields, bySlug(r.slug), r.slug)
    t.equal(r.version, 1)
    t.equal(r.active, true)
  }
  await ctx.app.dbHandle.sql.unsafe(fundingSeedSql(FUNDING_SEED).replaceAll('--> statement-breakpoint', ''))
  t.equal((await seedRows()).length, FUNDING_SEED.length, 'the seed SQL is idempotent')
})

t.test('the active programmes: every signed-in user; anonymous 401', async (t) => {
  for (const who of ACTOR_NAMES) {
    const res = await send('GET', '/v1/funding-programmes', who)
    t.equal(res.statusCode, who === 'anonymous' ? 401 : 200, `${who}: ${res.statusCode}`)
    if (res.statusCode === 200) t.equal(json<{ items: Entry[] }>(res).items.length, FUNDING_SEED.length)
  }
})

t.test('the catalogue: officers and admins read, coordinators 403, anonymous 401', async (t) => {
  const expected: Record<ActorName, number> = {
    anonymous: 401,
    du: 403,
    jh: 403,
    stranger: 403,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  const list = json<{ items: Entry[] }>(
    await send('GET', '/v1/officer/funding-programmes', 'officerDu'),
  ).items
  const id = list[0]!.id
  for (const who of ACTOR_NAMES) {
    t.equal(
      (await send('GET', '/v1/officer/funding-programmes', who)).statusCode,
      expected[who],
      `list ${who}`,
    )
    t.equal(
      (await send('GET', `/v1/officer/funding-programmes/${id}`, who)).statusCode,
      expected[who],
      `one ${who}`,
    )
  }
  const missing = await send(
    'GET',
    '/v1/officer/funding-programmes/00000000-0000-4000-8000-000000000000',
    'admin',
  )
  t.equal(missing.statusCode, 404)
})

const custom: FundingProgramme = {
  ...FUNDING_SEED[0]!,
  slug: 'kreis-dueren-fonds',
  name: {
    de: 'Partnerschaftsfonds Kreis Düren',
    en: 'District of Düren partnership fund',
    zh: '迪伦县伙伴关系基金',
  },
  funder: 'Kreis Düren',
  sourceUrl: 'https://www.kreis-dueren.de/',
  notes: 'Testprogramm',
}

let created: Entry

t.test('officers add a programme: audited, the scheduler told; others refused', async (t) => {
  const refused: Record<ActorName, number> = {
    anonymous: 401,
    du: 403,
    jh: 403,
    stranger: 403,
    officerDu: 0,
    officerJh: 0,
    admin: 403,
  }
  for (const who of ACTOR_NAMES.filter((w) => refused[w] !== 0)) {
    // An invalid body too: access is checked before the body is validated.
    t.equal(
      (await send('POST', '/v1/officer/funding-programmes', who, { nope: 1 })).statusCode,
      refused[who],
      who,
    )
  }
  const bad = await send('POST', '/v1/officer/funding-programmes', 'officerDu', {
    fields: { ...custom, lastChecked: 'gestern', eligibility: { ...custom.eligibility, sides: [] } },
  })
  t.equal(bad.statusCode, 422, bad.body)
  t.equal(json<Problem>(bad).code, 'FUNDING_PROGRAMME_INVALID')
  t.same(
    json<Problem>(bad)
      .errors?.map((e) => e.field)
      .sort(),
    ['eligibility.sides', 'lastChecked'],
  )
  const res = await send('POST', '/v1/officer/funding-programmes', 'officerDu', { fields: custom })
  t.equal(res.statusCode, 201, res.body)
  created = json<Entry>(res)
  t.match(created, { slug: 'kreis-dueren-fonds', version: 1, active: true })
  t.same(created.fields, custom)
  const again = await send('POST', '/v1/officer/funding-programmes', 'officerJh', { fields: custom })
  t.equal(again.statusCode, 409)
  t.equal(json<Problem>(again).code, 'FUNDING_PROGRAMME_EXISTS')

  const events = await ctx.app.dbHandle.sql<{ queue: string; payload: Record<string, unknown> }[]>`
    select queue, payload from outbox where event_type = 'funding.programme_changed'
      and payload->>'programmeId' = ${created.id}`
  t.same(
    events.map((e) => e.queue),
    ['schedule'],
  )
  const audit = await ctx.app.dbHandle.sql`select action from audit_log where entity_id = ${created.id}`
  t.same(
    audit.map((r) => r.action),
    ['funding.programme_created'],
  )
})

t.test('edits on the version read; a stale one gets 409 naming the current version', async (t) => {
  const url = `/v1/officer/funding-programmes/${created.id}`
  for (const who of ['anonymous', 'du', 'jh', 'stranger', 'admin'] as const)
    t.equal(
      (await send('PUT', url, who, { expectedVersion: 1, fields: custom })).statusCode,
      who === 'anonymous' ? 401 : 403,
      who,
    )
  const fields = { ...custom, slug: 'renamed', lastChecked: '2027-01-15', notes: 'Geprüft' }
  const res = await send('PUT', url, 'officerJh', { expectedVersion: 1, fields })
  t.equal(res.statusCode, 200, res.body)
  const edited = json<Entry>(res)
  t.equal(edited.version, 2)
  t.equal(edited.slug, 'kreis-dueren-fonds')
  t.equal(edited.fields.slug, 'kreis-dueren-fonds', 'the slug stays')
  t.equal(edited.fields.lastChecked, '2027-01-15')
  const stale = await send('PUT', url, 'officerDu', { expectedVersion: 1, fields })
  t.equal(stale.statusCode, 409)
  t.equal(json<Problem>(stale).code, 'FUNDING_PROGRAMME_STALE_VERSION')
  t.equal(json<Problem>(stale).current?.version, 2)
  const invalid = await send('PUT', url, 'officerDu', {
    expectedVersion: 2,
    fields: { ...fields, rates: { bogus: 1 } },
  })
  t.equal(invalid.statusCode, 422)
  t.equal(json<Entry>(await send('GET', url, 'officerDu')).version, 2, 'nothing half-written')
})

t.test('deactivated: gone from the active list, kept in the catalogue', async (t) => {
  const url = `/v1/officer/funding-programmes/${created.id}/active`
  for (const who of ['anonymous', 'du', 'jh', 'stranger', 'admin'] as const)
    t.equal(
      (await send('POST', url, who, { expectedVersion: 2, active: false })).statusCode,
      who === 'anonymous' ? 401 : 403,
      who,
    )
  t.equal((await send('POST', url, 'officerDu', { expectedVersion: 1, active: false })).statusCode, 409)
  const res = await send('POST', url, 'officerDu', { expectedVersion: 2, active: false })
  t.equal(res.statusCode, 200, res.body)
  t.match(json<Entry>(res), { active: false, version: 3 })
  const active = json<{ items: Entry[] }>(await send('GET', '/v1/funding-programmes', 'du')).items
  t.notOk(active.some((p) => p.id === created.id))
  const all = json<{ items: Entry[] }>(await send('GET', '/v1/officer/funding-programmes', 'officerJh')).items
  t.ok(all.some((p) => p.id === created.id && !p.active))
  const audit = await ctx.app.dbHandle.sql`
    select action from audit_log where entity_id = ${created.id} order by id`
  t.same(
    audit.map((r) => r.action),
    ['funding.programme_created', 'funding.programme_edited', 'funding.programme_deactivated'],
  )
})

const tripAccess: Record<ActorName, number> = {
  anonymous: 401,
  du: 200,
  jh: 200,
  stranger: 404,
  officerDu: 200,
  officerJh: 200,
  admin: 200,
}

t.test('a trip’s funding: which programmes fit, why the others do not, the budget', async (t) => {
  for (const who of ACTOR_NAMES)
    t.equal((await send('GET', `/v1/trip-plans/${tripPlanId}/funding`, who)).statusCode, tripAccess[who], who)
  const res = await send('GET', `/v1/trip-plans/${tripPlanId}/funding`, 'jh')
  const funding = json<Funding>(res)
  t.equal(funding.tripPlanId, tripPlanId)
  const by = (slug: string) => funding.programmes.find((p) => p.slug === slug)!
  t.same(
    funding.programmes.map((p) => p.slug),
    [
      'bildungsnetzwerk-china',
      'pasch-schulpartnerschaften',
      'ausbildungweltweit',
      'kjp-sonderprogramm-china',
    ],
    'the fitting ones first (a Chinese school group visiting a German school), then by name',
  )
  t.ok(by('pasch-schulpartnerschaften').fits)
  t.ok(by('bildungsnetzwerk-china').fits)
  t.match(by('bildungsnetzwerk-china').budget.lines, [{ item: 'lump_sum', amount: 5000 }])
  t.same(
    by('kjp-sonderprogramm-china').failed.map((f) => f.rule),
    ['format', 'kind'],
  )
  t.same(
    by('ausbildungweltweit').failed.map((f) => f.rule),
    ['format', 'direction', 'duration'],
  )
  t.equal(by('kjp-sonderprogramm-china').budget.distanceKm, 8988)
  t.same(
    by('pasch-schulpartnerschaften').deadlines.map((d) => d.date),
    [`${Number(START.slice(0, 4)) - 1}-10-31`, `${Number(START.slice(0, 4)) - 1}-12-15`],
  )
  t.equal(
    (await send('GET', '/v1/trip-plans/00000000-0000-4000-8000-000000000000/funding', 'du')).statusCode,
    404,
  )
})

t.test('the budget as CSV: German with ; and BOM, English with ,; seven actors', async (t) => {
  const url = `/v1/trip-plans/${tripPlanId}/funding/bildungsnetzwerk-china/budget.csv`
  for (const who of ACTOR_NAMES) t.equal((await send('GET', url, who)).statusCode, tripAccess[who], who)
  const de = await send('GET', url, 'du')
  t.match(de.headers['content-type'], /^text\/csv/)
  t.match(de.headers['content-disposition'], /attachment; filename="budget-bildungsnetzwerk-china.csv"/)
  t.ok(de.body.startsWith('\uFEFFPosten;Menge;'), de.body)
  t.match(
    de.body,
    /Pauschale \(höchstens\): Einsteigerprojekt;1;einmal;5000,00;5000,00\r\nSumme;;;;5000,00\r\n$/,
  )
  const en = await send('GET', `${url}?locale=en`, 'officerJh')
  t.match(en.body, /^\uFEFFItem,Quantity,/)
  t.equal((await send('GET', `${url}?locale=fr`, 'du')).statusCode, 400)
  const unknown = await send(
    'GET',
    `/v1/trip-plans/${tripPlanId}/funding/kreis-dueren-fonds/budget.csv`,
    'du',
  )
  t.equal(unknown.statusCode, 404, 'a deactivated programme has no budget')
})

t.test('the budget as PDF, in Chinese for the Jinhua side', async (t) => {
  const url = `/v1/trip-plans/${tripPlanId}/funding/pasch-schulpartnerschaften/budget.pdf`
  for (const who of ACTOR_NAMES.filter((w) => tripAccess[w] !== 200))
    t.equal((await send('GET', url, who)).statusCode, tripAccess[who], who)
  for (const who of ['du', 'jh', 'officerDu', 'officerJh', 'admin'] as const) {
    const res = await send('GET', `${url}?locale=${who === 'jh' ? 'zh' : 'de'}`, who)
    t.equal(res.statusCode, 200, who)
    t.equal(res.headers['content-type'], 'application/pdf')
    t.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-')
  }
})
