import {
  agreements,
  matchRounds,
  partnerships,
  proposalDecisions,
  proposals,
  visitPlans,
  visits,
} from '@dj/db'
import {
  bearer,
  createInstitution,
  createInterest,
  createStaff,
  durenSchool,
  jinhuaSchool,
  json,
  officerAct,
  registerCoordinator,
  seedInstitution,
  seedProposal,
  startTestApp,
} from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { writeAudit } from '../src/domains/audit.js'
import { parseCsv } from '../src/domains/registry/csv.js'
import { csvCell } from '../src/domains/reporting/csv.js'
import { INSTITUTION_COLUMNS, PARTNERSHIP_COLUMNS } from '../src/domains/reporting/exports.js'

const ctx = await startTestApp('officer_reporting')
t.teardown(() => ctx.close())
const { app } = ctx
const db = app.db

const officerD = await createStaff(app, 'officer-d@kreis-dueren.de', 'officer', 'duren')
const officerJ = await createStaff(app, 'officer-j@jinhua.gov.cn', 'officer', 'jinhua')
const admin = await createStaff(app, 'admin@dj.example', 'admin')
const coordD = await registerCoordinator(app, 'd@school.de')
const coordJ = await registerCoordinator(app, 'j@school.cn')

// Düren: D1 verified (by the Düren officer) with a partnership and a finished visit,
// D2 pending in Jülich, D3 verified without municipality and with an open proposal.
const d1Id = await createInstitution(app, coordD.accessToken, durenSchool('Gymnasium Am Wirteltor'))
const d2Id = await createInstitution(
  app,
  coordD.accessToken,
  durenSchool('Realschule Jülich', { subtype: 'realschule', municipalityId: 'dn-juelich' }),
)
// Jinhua: J1 verified (by the Jinhua officer, Chinese name), J2 verified, accepted by its side only.
const j1Id = await createInstitution(app, coordJ.accessToken, jinhuaSchool('金华第一中学'))
for (const [token, id] of [
  [officerD.accessToken, d1Id],
  [officerJ.accessToken, j1Id],
] as const) {
  const res = await officerAct(app, token, id, 'verify')
  if (res.statusCode !== 200) throw new Error(`verify failed: ${res.body}`)
}
const d1Interest = await createInterest(app, coordD.accessToken, d1Id)
const j1Interest = await createInterest(app, coordJ.accessToken, j1Id)
const d1 = { id: d1Id, name: 'Gymnasium Am Wirteltor', side: 'duren' as const, interestId: d1Interest }
const j1 = { id: j1Id, name: '金华第一中学', side: 'jinhua' as const, interestId: j1Interest }
const d3 = await seedInstitution(app, 'duren', 'Sportverein Düren', [], { topics: ['sport'] })
const j2 = await seedInstitution(app, 'jinhua', '浦江县中学', [])

const p1 = await seedProposal(app, d1, j1)
await db.update(proposals).set({ status: 'confirmed' }).where(eq(proposals.id, p1))
const [ps] = await db
  .insert(partnerships)
  .values({
    proposalId: p1,
    interestA: d1.interestId,
    interestB: j1.interestId,
    institutionA: d1.id,
    institutionB: j1.id,
  })
  .returning()
const [plan] = await db
  .insert(visitPlans)
  .values({
    partnershipId: ps!.id,
    hostInstitutionId: d1.id,
    travellerInstitutionId: j1.id,
    direction: 'jinhua_to_duren',
    days: 6,
    groupSize: 12,
    rangeStart: '2020-03-01',
    rangeEnd: '2020-03-31',
    status: 'booked',
  })
  .returning()
await db.insert(visits).values({
  visitPlanId: plan!.id,
  partnershipId: ps!.id,
  hostInstitutionId: d1.id,
  travellerInstitutionId: j1.id,
  title: 'Besuch aus Jinhua',
  startDate: '2020-03-05',
  endDate: '2020-03-10',
  timeZone: 'Europe/Berlin',
  uid: 'visit-reporting-1@dj.example',
  organizerEmail: 'noreply@dj.example',
})
// The partnership's agreement, signed by both institutions but not yet countersigned: not
// "agreement signed" in the funnel until the offices complete it (a test below does).
const [agreement] = await db
  .insert(agreements)
  .values({
    partnershipId: ps!.id,
    version: 1,
    hash: 'a'.repeat(64),
    fields: {},
    status: 'signed_by_institutions',
    config: { countersign: true, secondSigner: { duren: false, jinhua: false } },
  })
  .returning()
const p2 = await seedProposal(app, d3, j2)
await db.insert(proposalDecisions).values({ proposalId: p2, side: 'jinhua', decision: 'accept' })

// Rounds with distinct creation times, oldest first.
const roundIds: string[] = []
for (const [i, policy] of (['stable', 'welfare', 'stable'] as const).entries()) {
  const [r] = await db
    .insert(matchRounds)
    .values({ policy, status: 'done', progress: 100, createdAt: new Date(Date.UTC(2026, 0, 1 + i)) })
    .returning({ id: matchRounds.id })
  roundIds.push(r!.id)
}
// An admin action about a user: no side's business.
await writeAudit(db, {
  actorId: admin.id,
  actorLabel: 'admin',
  action: 'user.disabled',
  entityType: 'user',
  entityId: coordD.id,
})

const get = (url: string, token?: string) =>
  app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })

const ROUTES = [
  '/v1/officer/rounds',
  '/v1/officer/stats',
  '/v1/officer/audit',
  '/v1/officer/overview',
  '/v1/officer/export/institutions.csv',
  '/v1/officer/export/partnerships.csv',
]

await t.test('access: coordinators 403, anonymous 401, officers and admins 200', async (t) => {
  for (const url of ROUTES) {
    t.equal((await get(url)).statusCode, 401, `anon ${url}`)
    t.equal((await get(url, coordD.accessToken)).statusCode, 403, `coordinator ${url}`)
    t.equal((await get(url, officerD.accessToken)).statusCode, 200, `officer ${url}`)
    t.equal((await get(url, admin.accessToken)).statusCode, 200, `admin ${url}`)
  }
  for (const url of ['/v1/officer/audit', '/v1/officer/overview', '/v1/officer/export/institutions.csv']) {
    const res = await get(`${url}?side=duren`, officerJ.accessToken)
    t.equal(res.statusCode, 403, `an officer cannot read the other side: ${url}`)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  }
})

type Round = {
  id: string
  status: string
  progress: number
  policy: string
  summary: unknown
  createdAt: string
}

await t.test('rounds: newest first with cursor pagination', async (t) => {
  const first = json<{ items: Round[]; nextCursor: string | null }>(
    await get('/v1/officer/rounds?limit=2', officerJ.accessToken),
  )
  t.same(
    first.items.map((r) => r.id),
    [roundIds[2], roundIds[1]],
  )
  t.match(first.items[0], { status: 'done', progress: 100, policy: 'stable', summary: null, scope: {} })
  t.equal(first.nextCursor, roundIds[1])
  const second = json<{ items: Round[]; nextCursor: string | null }>(
    await get(`/v1/officer/rounds?limit=2&cursor=${first.nextCursor}`, officerJ.accessToken),
  )
  t.same(
    second.items.map((r) => r.id),
    [roundIds[0]],
  )
  t.equal(second.nextCursor, null)
})

type Counts = Record<
  | 'registered'
  | 'verified'
  | 'proposed'
  | 'accepted'
  | 'partnership'
  | 'agreementSigned'
  | 'visitDone'
  | 'reportFiled',
  number
>
type SideStats = {
  side: string
  funnel: Counts
  byKind: (Counts & { kind: string | null })[]
  byTopic: (Counts & { topic: string; openInterests: number })[]
  byMunicipality: (Counts & { municipalityId: string | null })[]
}

await t.test('stats: funnel and breakdowns per side', async (t) => {
  const own = json<{ sides: SideStats[] }>(await get('/v1/officer/stats', officerD.accessToken))
  t.equal(own.sides.length, 1)
  const duren = own.sides[0]!
  t.equal(duren.side, 'duren')
  t.same(duren.funnel, {
    registered: 3,
    verified: 2,
    proposed: 2,
    accepted: 1,
    partnership: 1,
    agreementSigned: 0,
    visitDone: 1,
    reportFiled: 0,
  })
  t.same(
    duren.byKind.find((k) => k.kind === 'school'),
    { kind: 'school', ...duren.funnel },
  )
  t.match(
    duren.byKind.find((k) => k.kind === 'club'),
    { registered: 0 },
  )
  const place = (id: string | null) => duren.byMunicipality.find((m) => m.municipalityId === id)
  t.match(place('dn-dueren'), { registered: 1, verified: 1, partnership: 1, visitDone: 1 })
  t.match(place('dn-juelich'), { registered: 1, verified: 0, proposed: 0 })
  t.match(place(null), { registered: 1, verified: 1, proposed: 1, accepted: 0 })
  t.match(place('dn-nideggen'), { registered: 0 }, 'every municipality is listed')
  const topic = (name: string) => duren.byTopic.find((x) => x.topic === name)
  t.match(topic('sport'), { openInterests: 1, registered: 1, proposed: 1, partnership: 0 })
  t.match(topic('culture'), { openInterests: 1, registered: 1, partnership: 1 })
  t.match(topic('economy'), { openInterests: 0, registered: 0 })

  const both = json<{ sides: SideStats[] }>(await get('/v1/officer/stats?side=both', officerD.accessToken))
  t.same(
    both.sides.map((s) => s.side),
    ['duren', 'jinhua'],
    'aggregates of both sides are open to officers',
  )
  const jinhua = both.sides[1]!
  t.same(jinhua.funnel, {
    registered: 2,
    verified: 2,
    proposed: 2,
    accepted: 2,
    partnership: 1,
    agreementSigned: 0,
    visitDone: 1,
    reportFiled: 0,
  })
  t.match(
    jinhua.byMunicipality.find((m) => m.municipalityId === 'jh-wucheng'),
    { registered: 1, partnership: 1 },
  )
  const adminView = json<{ sides: SideStats[] }>(await get('/v1/officer/stats', admin.accessToken))
  t.equal(adminView.sides.length, 2, 'admins default to both sides')
  t.equal(JSON.stringify(both).includes('Wirteltor'), false, 'no names in aggregates')
})

await t.test('stats: "agreement signed" counts completed agreements only', async (t) => {
  await db
    .update(agreements)
    .set({ status: 'countersigned', completedAt: new Date() })
    .where(eq(agreements.id, agreement!.id))
  const both = json<{ sides: SideStats[] }>(await get('/v1/officer/stats?side=both', officerD.accessToken))
  t.same(
    both.sides.map((s) => [s.side, s.funnel.partnership, s.funnel.agreementSigned]),
    [
      ['duren', 1, 1],
      ['jinhua', 1, 1],
    ],
    'both institutions of the partnership',
  )
  t.match(
    both.sides[0]!.byMunicipality.find((m) => m.municipalityId === 'dn-dueren'),
    { partnership: 1, agreementSigned: 1 },
  )
  t.match(
    both.sides[0]!.byMunicipality.find((m) => m.municipalityId === 'dn-juelich'),
    { agreementSigned: 0 },
  )
})

const csvOf = (body: string) => parseCsv(body).map((r) => r.cells)

await t.test('institutions.csv: BOM, header, rows of the side, Chinese names round-trip', async (t) => {
  const res = await get('/v1/officer/export/institutions.csv', officerJ.accessToken)
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'text/csv; charset=utf-8')
  t.match(res.headers['content-disposition'], /attachment; filename="institutions-jinhua\.csv"/)
  t.same([...res.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first')
  const [header, ...rows] = csvOf(res.body)
  t.same(header, [...INSTITUTION_COLUMNS])
  t.equal(rows.length, 2, 'only the Jinhua institutions')
  const col = (row: string[], name: (typeof INSTITUTION_COLUMNS)[number]) =>
    row[INSTITUTION_COLUMNS.indexOf(name)]
  const first = rows.find((r) => col(r, 'id') === j1Id)!
  t.equal(col(first, 'name'), '金华第一中学')
  t.equal(col(first, 'municipality_zh'), '婺城区')
  t.equal(col(first, 'status'), 'verified')
  t.equal(col(first, 'interests'), '1')
  t.equal(col(first, 'proposals'), '1')
  t.equal(col(first, 'partnerships'), '1')
  t.equal(col(first, 'contact_name'), '王老师', 'officers of the side see the contact person')
  t.ok(rows.every((r) => col(r, 'side') === 'jinhua'))

  const duren = csvOf((await get('/v1/officer/export/institutions.csv', officerD.accessToken)).body)
  t.equal(duren.length, 4)
  const all = csvOf((await get('/v1/officer/export/institutions.csv', admin.accessToken)).body)
  t.equal(all.length, 6, 'admins export every side')
  const onlyD = csvOf((await get('/v1/officer/export/institutions.csv?side=duren', admin.accessToken)).body)
  t.same(
    onlyD
      .slice(1)
      .map((r) => col(r, 'id'))
      .sort(),
    [d1Id, d2Id, d3.id].sort(),
  )
})

await t.test('partnerships.csv', async (t) => {
  const res = await get('/v1/officer/export/partnerships.csv', officerD.accessToken)
  t.equal(res.body.charCodeAt(0), 0xfeff)
  const [header, ...rows] = csvOf(res.body)
  t.same(header, [...PARTNERSHIP_COLUMNS])
  t.equal(rows.length, 1)
  const row = Object.fromEntries(PARTNERSHIP_COLUMNS.map((c, i) => [c, rows[0]![i]]))
  t.match(row, {
    id: ps!.id,
    proposal_id: p1,
    origin: 'round',
    duren_institution_name: 'Gymnasium Am Wirteltor',
    jinhua_institution_name: '金华第一中学',
    topics: 'education;culture',
    visits_scheduled: '1',
    visits_done: '1',
  })
  t.notOk(res.body.includes('@'), 'no email addresses')
})

t.test('csv cells: quoting and formula guard', async (t) => {
  t.equal(csvCell('a,"b"'), '"a,""b"""')
  t.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`)
  t.equal(csvCell('-1'), "'-1")
  t.equal(csvCell(-1), '-1', 'numbers are not text')
  t.equal(csvCell(null), '')
})

type Entry = {
  id: string
  actorId: string | null
  action: string
  entityType: string
  entityId: string | null
}
type Page = { items: Entry[]; nextCursor: string | null }

await t.test('audit: filtered to the side, newest first, cursor, filters', async (t) => {
  const durenIds = new Set([d1Id, d2Id, d3.id])
  const own = json<Page>(await get('/v1/officer/audit?limit=200', officerD.accessToken))
  t.ok(own.items.length > 0)
  t.ok(
    own.items.every(
      (e) => (e.entityType === 'institution' && durenIds.has(e.entityId!)) || e.actorId === officerD.id,
    ),
    'only entries about Düren institutions or by Düren officers',
  )
  t.ok(own.items.some((e) => e.action.includes('verif') && e.entityId === d1Id))
  t.notOk(own.items.some((e) => e.entityId === j1Id || e.entityType === 'user'))
  const ids = own.items.map((e) => Number(e.id))
  t.same(
    ids,
    [...ids].sort((a, b) => b - a),
    'newest first',
  )

  const filtered = json<Page>(
    await get(`/v1/officer/audit?entityType=institution&entityId=${d1Id}`, officerD.accessToken),
  )
  t.ok(filtered.items.length > 0)
  t.ok(filtered.items.every((e) => e.entityId === d1Id))

  const page1 = json<Page>(await get('/v1/officer/audit?limit=1', officerD.accessToken))
  t.equal(page1.items.length, 1)
  if (own.items.length > 1) {
    t.ok(page1.nextCursor)
    const page2 = json<Page>(
      await get(`/v1/officer/audit?limit=1&cursor=${page1.nextCursor}`, officerD.accessToken),
    )
    t.equal(page2.items[0]?.id, own.items[1]?.id)
  }

  const jinhua = json<Page>(await get('/v1/officer/audit?limit=200', officerJ.accessToken))
  t.ok(jinhua.items.some((e) => e.entityId === j1Id))
  t.notOk(jinhua.items.some((e) => durenIds.has(e.entityId ?? '')))

  const everything = json<Page>(await get('/v1/officer/audit?limit=200', admin.accessToken))
  t.ok(everything.items.some((e) => e.entityType === 'user' && e.action === 'user.disabled'))
  t.ok(everything.items.some((e) => e.entityId === d1Id))
  t.ok(everything.items.some((e) => e.entityId === j1Id))
  const adminJ = json<Page>(await get('/v1/officer/audit?side=jinhua&limit=200', admin.accessToken))
  t.same(
    adminJ.items.map((e) => e.id),
    jinhua.items.map((e) => e.id),
  )
})

await t.test('overview: status counts, pending verifications, latest rounds', async (t) => {
  const own = json<Record<string, unknown>>(await get('/v1/officer/overview', officerD.accessToken))
  t.same(own.side, 'duren')
  t.same(own.institutions, { total: 3, byStatus: { pending: 1, verified: 2, rejected: 0, suspended: 0 } })
  t.same(own.interests, { total: 2, byStatus: { open: 2, paused: 0, full: 0, closed: 0 } })
  t.equal(own.pendingVerification, 1)
  t.same(
    (own.latestRounds as Round[]).map((r) => r.id),
    [...roundIds].reverse(),
  )
  const all = json<Record<string, { total: number }>>(await get('/v1/officer/overview', admin.accessToken))
  t.equal(all.institutions?.total, 5)
  t.equal(all.interests?.total, 4)
  const j = json<Record<string, { total: number }>>(
    await get('/v1/officer/overview?side=jinhua', admin.accessToken),
  )
  t.equal(j.institutions?.total, 2)
})
