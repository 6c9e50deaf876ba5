import { exchangeReports, timers, tripChecklistItems, tripPlans } from '@dj/db'
import { prefillReport } from '@dj/exchange'
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
import { eq } from 'drizzle-orm'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import t from 'tap'

// Issue 13, item 4: the report after a visit through the API. Each institution's report is its
// own draft until filed (nobody else sees the answers), saved with stale versions refused (409
// naming the current version), checked against the form (422 with the fields), filed only when
// complete, then read-only, its reminders cancelled in the filing transaction and the partner and
// both offices told; its PDF (Sachbericht) in the reader's language; all seven actors on every route.

let ctx: TestContext
let a: SevenActors
let partnershipId: string
let visitId: string
let duReport: string
let jhReport: string

interface Report {
  id: string
  status: 'open' | 'filed'
  version: number
  institution: { id: string; name: string; side: string }
  partner: { id: string; name: string }
  fields: Record<string, unknown> & { days?: number; outcomes: { aim: string }[] }
  story: { title: string } | null
  storyStatus: string | null
  aims: { key: string; text: Record<string, string> }[]
  gaps: { path: string; problem: string }[]
  viewer: { canEdit: boolean; canRead: boolean }
}
interface Problem {
  status: number
  code: string
  current?: { version: number; hash: string }
  errors?: { field: string; message: string }[]
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}

async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
  }).promise
  let text = ''
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('')
  }
  await doc.destroy()
  return text.replace(/\s+/g, '')
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** The two reports of the ended visit, as the scheduler's sweep opens them (prefilled). */
async function openReports(visit: { startDate: string; endDate: string }) {
  const ids: string[] = []
  for (const [inst, side, travelled] of [
    [a.school.id, 'duren', false],
    [a.club.id, 'jinhua', true],
  ] as const) {
    const [agreement] = await ctx.app.dbHandle.sql<{ fields: never }[]>`
      select fields from agreements where partnership_id = ${partnershipId} order by edition desc limit 1`
    const fields = prefillReport({
      visit,
      side,
      travelled,
      agreement: agreement?.fields ?? null,
      tripPlan: null,
    })
    const [row] = await ctx.app.db
      .insert(exchangeReports)
      .values({ visitId, partnershipId, institutionId: inst, fields: fields as never })
      .returning()
    ids.push(row!.id)
  }
  return ids
}

t.before(async () => {
  ctx = await startTestApp('report')
  a = await sevenActors(ctx.app, 'report')
  ;({ partnershipId } = await confirmedPartnership(ctx.app, a))
  const start = day(-9)
  await countersignedAgreement(ctx.app, a, partnershipId, { start, end: day(-5), validUntil: day(300) })
  const visit = await bookedVisit(ctx.app, a, partnershipId, { start, days: 5 })
  visitId = visit.visitId
  ;[duReport, jhReport] = (await openReports(visit)) as [string, string]
  // The trip plan applied to a funding programme of the catalogue: the PDF's header names it.
  const [plan] = await ctx.app.db.insert(tripPlans).values({ partnershipId, visitId, fields: {} }).returning()
  await ctx.app.db.insert(tripChecklistItems).values([
    { tripPlanId: plan!.id, key: 'funding:kjp-sonderprogramm-china', dueDate: start },
    { tripPlanId: plan!.id, key: 'report', dueDate: day(9) },
  ])
  // The reminders the scheduler planned for the Düren report: filing must cancel them.
  await ctx.app.db.insert(timers).values(
    [1, 2, 3].map((s) => ({
      id: `report_${duReport}_${s}`,
      kind: s === 3 ? 'report.overdue' : 'report.reminder',
      target: `report:${duReport}`,
      fireAt: new Date(Date.now() + s * 86_400_000),
      payload: { reportId: duReport, step: s },
    })),
  )
})
t.teardown(() => ctx.close())

const complete = (r: Report) => ({
  ...r.fields,
  activities: { chosen: ['lessons', 'culture'], other: 'Drachenbootrennen im Hafen' },
  outcomes: r.aims.map((aim) => ({
    aim: aim.key,
    rating: 'achieved',
    comment: 'Beide Gruppen haben präsentiert',
  })),
  rating: 5,
  wouldRepeat: 'yes',
  improve: 'Mehr Zeit für das gemeinsame Umweltprojekt',
})

t.test('the list: every report of the partnership with what the caller may do', async (t) => {
  const expect: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES) {
    const r = await send('GET', `/v1/partnerships/${partnershipId}/reports`, who)
    t.equal(r.statusCode, expect[who], who)
  }
  const list = json<{ items: (Report & { overdueOn: string })[] }>(
    await send('GET', `/v1/partnerships/${partnershipId}/reports`, 'du'),
  ).items
  t.equal(list.length, 2)
  const own = list.find((r) => r.id === duReport)!
  const partner = list.find((r) => r.id === jhReport)!
  t.same(own.viewer, { canEdit: true, canRead: true })
  t.same(partner.viewer, { canEdit: false, canRead: false }, 'the partner’s draft is not ours to read')
  t.equal(own.overdueOn, day(-5 + 21))
  t.notOk('fields' in own, 'no answers in the list')
})

t.test('a draft is its institution’s own: prefilled, seen by nobody else', async (t) => {
  const expect: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 404,
    stranger: 404,
    officerDu: 404,
    officerJh: 404,
    admin: 404,
  }
  for (const who of ACTOR_NAMES)
    t.equal((await send('GET', `/v1/reports/${duReport}`, who)).statusCode, expect[who], who)
  const r = json<Report>(await send('GET', `/v1/reports/${duReport}`, 'du'))
  t.equal(r.status, 'open')
  t.equal(r.fields.days, 5, 'prefilled from the visit')
  t.same(
    r.aims.map((x) => x.text.de),
    ['Gemeinsame Umweltprojekte.'],
    'the agreement’s aims',
  )
  t.same(r.fields.outcomes, [{ aim: 'aim-1' }])
  t.ok(r.gaps.some((g) => g.path === 'rating'))
  t.equal(r.partner.id, a.club.id)
})

t.test('saving the draft: only its coordinators; stale versions and bad answers refused', async (t) => {
  const r = json<Report>(await send('GET', `/v1/reports/${duReport}`, 'du'))
  const body = { expectedVersion: r.version, fields: { ...r.fields, rating: 4 }, story: null }
  const expect: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 404,
    stranger: 404,
    officerDu: 403,
    officerJh: 403,
    admin: 403,
  }
  for (const who of ACTOR_NAMES.filter((w) => w !== 'du'))
    t.equal((await send('PUT', `/v1/reports/${duReport}`, who, body)).statusCode, expect[who], who)
  const saved = await send('PUT', `/v1/reports/${duReport}`, 'du', body)
  t.equal(saved.statusCode, 200)
  t.equal(json<Report>(saved).version, r.version + 1)

  const stale = await send('PUT', `/v1/reports/${duReport}`, 'du', body)
  t.equal(stale.statusCode, 409)
  t.equal(json<Problem>(stale).code, 'REPORT_STALE_VERSION')
  t.equal(json<Problem>(stale).current?.version, r.version + 1, 'names the current version')
  t.match(stale.headers['content-type'], /application\/problem\+json/)

  const names = await send('PUT', `/v1/reports/${duReport}`, 'du', {
    expectedVersion: r.version + 1,
    fields: { ...r.fields, participants: { bands: { '12-14': 'Anna, Ben' } } },
    story: null,
  })
  t.equal(names.statusCode, 422, 'names where counts go')
  t.ok(json<Problem>(names).errors?.some((e) => e.field.startsWith('participants.bands')))

  const noConsent = await send('PUT', `/v1/reports/${duReport}`, 'du', {
    expectedVersion: r.version + 1,
    fields: r.fields,
    story: { title: 'Eine Woche', text: 'Wir …', language: 'de', consent: false },
  })
  t.equal(noConsent.statusCode, 400, 'no story without consent')
  const [row] = await ctx.app.db.select().from(exchangeReports).where(eq(exchangeReports.id, duReport))
  t.equal(row!.version, r.version + 1, 'nothing written by the refused saves')
})

t.test(
  'filing: refused with the missing answers, then filed, read-only, told, reminders cancelled',
  async (t) => {
    let r = json<Report>(await send('GET', `/v1/reports/${duReport}`, 'du'))
    const gaps = await send('POST', `/v1/reports/${duReport}/file`, 'du', { expectedVersion: r.version })
    t.equal(gaps.statusCode, 422)
    t.equal(json<Problem>(gaps).code, 'REPORT_INCOMPLETE')
    const kept = await ctx.app.dbHandle.sql`
    select id from timers where target = ${`report:${duReport}`} and status = 'pending'`
    t.equal(kept.length, 3, 'a refused filing cancels nothing')
    t.same(
      json<Problem>(gaps)
        .errors?.map((e) => e.field)
        .sort(),
      ['activities.chosen', 'improve', 'outcomes.aim-1', 'wouldRepeat'],
    )
    const story = {
      title: 'Eine Woche mit Jinhua',
      text: 'Wir haben gemeinsam gekocht.',
      language: 'de',
      consent: true,
    }
    r = json<Report>(
      await send('PUT', `/v1/reports/${duReport}`, 'du', {
        expectedVersion: r.version,
        fields: complete(r),
        story,
      }),
    )
    t.same(r.gaps, [])
    t.equal(r.storyStatus, 'pending_review', 'the story waits for an officer’s review')

    for (const who of ['anonymous', 'jh', 'stranger', 'officerDu', 'admin'] as const)
      t.not(
        (await send('POST', `/v1/reports/${duReport}/file`, who, { expectedVersion: r.version })).statusCode,
        200,
        who,
      )
    const filed = await send('POST', `/v1/reports/${duReport}/file`, 'du', { expectedVersion: r.version })
    t.equal(filed.statusCode, 200)
    t.equal(json<Report>(filed).status, 'filed')
    t.same(json<Report>(filed).viewer, { canEdit: false, canRead: true })

    const pending = await ctx.app.dbHandle.sql`
    select id from timers where target = ${`report:${duReport}`} and status = 'pending'`
    t.equal(pending.length, 0, 'the reminders are cancelled in the filing transaction')
    const told = await ctx.app.dbHandle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'report.filed' and queue = 'notify'
      and payload->>'reportId' = ${duReport}`
    t.equal(told.length, 1)
    t.match(told[0]!.payload, {
      audience: { institutionIds: [a.club.id], officerSides: ['duren', 'jinhua'] },
      institutionId: a.school.id,
      institutionName: 'Gymnasium am Wirteltor',
      visitId,
      partnershipId,
    })
    t.notOk(JSON.stringify(told[0]!.payload).includes('Umweltprojekt'), 'ids and names only, no answers')
    const audit = await ctx.app.dbHandle.sql`
    select 1 from audit_log where action = 'report.filed' and entity_id = ${duReport}`
    t.equal(audit.length, 1)

    const again = await send('PUT', `/v1/reports/${duReport}`, 'du', {
      expectedVersion: r.version + 1,
      fields: complete(r),
      story: null,
    })
    t.equal(again.statusCode, 409)
    t.equal(json<Problem>(again).code, 'REPORT_FILED', 'read-only once filed')
    t.equal(
      (await send('POST', `/v1/reports/${duReport}/file`, 'du', { expectedVersion: r.version + 1 }))
        .statusCode,
      409,
    )
    const partnerEdit = await send('PUT', `/v1/reports/${duReport}`, 'jh', {
      expectedVersion: r.version + 1,
      fields: complete(r),
      story: null,
    })
    t.equal(partnerEdit.statusCode, 403)
    t.equal(json<Problem>(partnerEdit).code, 'REPORT_NOT_YOURS')
  },
)

t.test('a filed report: the partner, both offices and admins read it; strangers do not', async (t) => {
  const expect: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES)
    t.equal((await send('GET', `/v1/reports/${duReport}`, who)).statusCode, expect[who], who)
  const seen = json<Report>(await send('GET', `/v1/reports/${duReport}`, 'jh'))
  t.equal(seen.viewer.canEdit, false)
})

t.test('the PDF (Sachbericht): the answers, in the reader’s language or the one asked for', async (t) => {
  const url = `/v1/reports/${duReport}/pdf`
  const expect: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES) t.equal((await send('GET', url, who)).statusCode, expect[who], who)
  const de = await send('GET', url, 'du')
  t.equal(de.headers['content-type'], 'application/pdf')
  t.match(de.headers['content-disposition'], /attachment; filename="report-.*-de\.pdf"/)
  const text = await pdfText(de.rawPayload)
  for (const s of [
    'SachberichtzurBegegnung',
    'GymnasiumamWirteltor',
    '金华第一中学',
    'GemeinsameUmweltprojekte.:erreicht',
    'Anmerkung:BeideGruppenhabenpräsentiert',
    'Weiteres:DrachenbootrennenimHafen',
    'Gesamtbewertung:5von5',
    'MehrZeitfürdasgemeinsameUmweltprojekt',
    'Dauer:5Tage',
    'Förderprogramm/Aktenzeichen',
    'KJPSonderprogrammChina',
  ])
    t.ok(text.includes(s), `de: ${s}`)
  const zh = await pdfText((await send('GET', url, 'jh')).rawPayload)
  t.ok(zh.includes('交流活动总结报告'), 'the Chinese coordinator reads it in Chinese')
  t.ok(zh.includes('总体评价：5分（满分5分）'))
  const en = await pdfText((await send('GET', `${url}?lang=en`, 'jh')).rawPayload)
  t.ok(en.includes('Narrativereportontheexchange'))
  t.equal((await send('GET', `${url}?lang=fr`, 'du')).statusCode, 400)
  t.equal((await send('GET', `/v1/reports/${jhReport}/pdf`, 'du')).statusCode, 404, 'not the partner’s draft')
})

t.test(
  'the offices’ statistics: the funnel’s "report filed", completion and outcomes by side, the CSV',
  async (t) => {
    type Outcomes = {
      opened: number
      filed: number
      overdue: number
      completionRate: number | null
      averageRating: number | null
      wouldRepeatShare: number | null
      aims: { achieved: number; partly: number; not: number }
      aimsAchievedShare: number | null
    }
    const stats = json<{ sides: { side: string; funnel: Record<string, number>; reports: Outcomes }[] }>(
      await send('GET', '/v1/officer/stats?side=both', 'officerDu'),
    )
    const [duren, jinhua] = stats.sides
    t.same(Object.keys(duren!.funnel).slice(-2), ['visitDone', 'reportFiled'], 'the last stage')
    t.equal(duren!.funnel.reportFiled, 1)
    t.equal(jinhua!.funnel.reportFiled, 0)
    t.same(duren!.reports, {
      opened: 1,
      filed: 1,
      overdue: 0,
      completionRate: 1,
      averageRating: 5,
      wouldRepeatShare: 1,
      aims: { achieved: 1, partly: 0, not: 0 },
      aimsAchievedShare: 1,
    })
    t.match(jinhua!.reports, {
      opened: 1,
      filed: 0,
      completionRate: 0,
      averageRating: null,
      wouldRepeatShare: null,
    })

    for (const [who, status] of [
      ['anonymous', 401],
      ['du', 403],
      ['stranger', 403],
      ['officerDu', 200],
      ['officerJh', 200],
      ['admin', 200],
    ] as const)
      t.equal((await send('GET', '/v1/officer/export/reports.csv', who)).statusCode, status, who)
    const csv = (await send('GET', '/v1/officer/export/reports.csv', 'officerDu')).body
    const [head, row, ...rest] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    t.equal(rest.length, 0, 'only the office’s own side')
    t.match(head, /^id,visit_id,partnership_id,institution_id,institution_name,side,/)
    t.match(
      row,
      new RegExp(`^${duReport},${visitId},${partnershipId},${a.school.id},Gymnasium am Wirteltor,duren,`),
    )
    t.match(row, /,filed,.*,false,16,2,5,5,yes,1,0,0$/, 'counts and ratings')
    t.notMatch(csv, 'Umweltprojekt', 'no free text')
    const jhCsv = (await send('GET', '/v1/officer/export/reports.csv', 'officerJh')).body
    t.match(jhCsv, /,open,[^,]*,,false,,,,,,,,$/m, 'a draft’s answers stay out')
  },
)

t.test('the trip plan’s report item is ticked when both institutions have filed', async (t) => {
  const item = async () => {
    const [row] = await ctx.app.dbHandle.sql<{ done_at: string | null }[]>`
      select i.done_at from trip_checklist_items i join trip_plans p on p.id = i.trip_plan_id
      where p.visit_id = ${visitId} and i.key = 'report'`
    return row!.done_at
  }
  t.equal(await item(), null, 'one filed report is not both')
  const r = json<Report>(await send('GET', `/v1/reports/${jhReport}`, 'jh'))
  const saved = json<Report>(
    await send('PUT', `/v1/reports/${jhReport}`, 'jh', {
      expectedVersion: r.version,
      fields: complete(r),
      story: null,
    }),
  )
  const filed = await send('POST', `/v1/reports/${jhReport}/file`, 'jh', { expectedVersion: saved.version })
  t.equal(filed.statusCode, 200, filed.body)
  t.ok(await item(), 'ticked in the second filing’s transaction')
})
