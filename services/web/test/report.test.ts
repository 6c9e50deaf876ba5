import { exchangeReports } from '@dj/db'
import { prefillReport } from '@dj/exchange'
import { bookedVisit, confirmedPartnership, countersignedAgreement, type SevenActors } from '@dj/stack'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { formFields, withChanges } from './helper/form-fields.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet } from './helper/web-session.js'

// Issue 13, item 4 on the web: the report form (prefilled, five steps on one page) for the seven
// readers, a draft saved, filing refused with the missing answers on their fields, then filed and
// read-only with its PDF, the workspace's "report due" block, German and Chinese, and axe.

let stack: Stack
let browser: Browser | undefined
let a: SevenActors
let sessions: Sessions
let partnershipId = ''
let duPage = ''
let jhPage = ''

/** The addresses sevenActors gives the actors signed in through the browser. */
const EMAILS = {
  jh: 'rp.laoshi@jinhua-school.cn',
  officerDu: 'rp.amt@kreis-dueren.de',
}
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

t.before(async () => {
  stack = await startStack('report')
  const app = stack.api.app
  ;({ actors: a, sessions } = await sevenReaders(stack, 'rp'))
  ;({ partnershipId } = await confirmedPartnership(app, a))
  const start = day(-9)
  await countersignedAgreement(app, a, partnershipId, { start, end: day(-5), validUntil: day(300) })
  const visit = await bookedVisit(app, a, partnershipId, { start, days: 5 })
  const [agreement] = await app.dbHandle.sql<{ fields: never }[]>`
    select fields from agreements where partnership_id = ${partnershipId} order by edition desc limit 1`
  // The two reports as the scheduler's sweep opens them once the visit is over (prefilled).
  const ids: string[] = []
  for (const [inst, side, travelled] of [
    [a.school.id, 'duren', false],
    [a.club.id, 'jinhua', true],
  ] as const) {
    const fields = prefillReport({ visit, side, travelled, agreement: agreement!.fields, tripPlan: null })
    const [row] = await app.db
      .insert(exchangeReports)
      .values({ visitId: visit.visitId, partnershipId, institutionId: inst, fields: fields as never })
      .returning()
    ids.push(row!.id)
  }
  duPage = `/partnerships/${partnershipId}/reports/${ids[0]}`
  jhPage = `/partnerships/${partnershipId}/reports/${ids[1]}`
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)

/** What a browser sends for the report form as it stands, with some fields changed. */
const formOf = (body: string, changes: Record<string, string | string[]> = {}) =>
  new URLSearchParams(
    withChanges(
      formFields(body, /<form method="post" action="[^"]*\/reports\/[^"]*"[\s\S]*?<\/form>/),
      changes,
    ),
  ).toString()

const post = (path: string, s: WebSession, payload: string) =>
  stack.web.inject({
    method: 'POST',
    url: path,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload,
  })

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

t.test('the form: only the reporting institution’s coordinators see a draft; prefilled', async (t) => {
  t.same(await matrix((s) => webGet(stack, duPage, s)), ['sign-in', 200, 404, 404, 404, 404, 404])
  t.same(await matrix((s) => webGet(stack, jhPage, s)), ['sign-in', 404, 200, 404, 404, 404, 404])
  const de = (await webGet(stack, duPage, sessions.du)).body
  t.match(de, CATALOGS.de['report.title'])
  t.match(de, CATALOGS.de['report.step.participants'])
  t.match(de, /name="days"[^>]*value="5"/, 'the days from the visit')
  t.match(de, 'Gemeinsame Umweltprojekte.', 'the agreement’s aim')
  t.match(de, CATALOGS.de['report.story.hint'])
  t.equal((de.match(/<fieldset class="step">/g) ?? []).length, 5, 'five steps on one page')
  const zh = (await webGet(stack, jhPage, sessions.jh)).body
  t.match(zh, '<html lang="zh-Hans"')
  t.match(zh, CATALOGS.zh['report.step.outcomes'])
  t.match(zh, '共同的环境项目。', 'the aim in Chinese for the Chinese reader')
  t.match(zh, CATALOGS.zh['report.file'])
})

t.test('the workspace: a "report due" block with the link, for the institution that owes it', async (t) => {
  const ws = (await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.du)).body
  t.match(ws, CATALOGS.de['report.due.link'])
  t.match(ws, `href="${duPage}"`)
  t.notMatch(ws, `href="${jhPage}"`, 'not the partner’s draft')
  const officer = (await webGet(stack, `/partnerships/${partnershipId}/workspace`, sessions.officerDu)).body
  t.notMatch(officer, CATALOGS.de['report.due.link'])
})

t.test('a draft is saved; filing with gaps names the fields; a story needs its consent', async (t) => {
  const form = (await webGet(stack, duPage, sessions.du)).body
  t.same(await matrix((s) => post(duPage, s, formOf(form, { _csrf: s.csrf, action: 'save' }))), [
    'sign-in',
    303,
    404,
    404,
    403,
    403,
    403,
  ])
  const current = (await webGet(stack, duPage, sessions.du)).body
  const saved = await post(
    duPage,
    sessions.du,
    formOf(current, { _csrf: sessions.du.csrf, action: 'save', rating: '4' }),
  )
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `${duPage}?notice=report-saved`)
  const again = (await webGet(stack, String(saved.headers.location), sessions.du)).body
  t.match(again, CATALOGS.de['notice.reportSaved'])
  t.match(again, /name="rating" value="4" checked/)

  const gaps = await post(duPage, sessions.du, formOf(again, { _csrf: sessions.du.csrf, action: 'file' }))
  t.equal(gaps.statusCode, 422)
  t.match(gaps.body, CATALOGS.de['report.err.incomplete'])
  for (const field of ['activities', 'wouldRepeat', 'improve', 'outcome-aim-1'])
    t.match(gaps.body, `href="#f-${field}"`, `the summary links to ${field}`)

  const story = await post(
    duPage,
    sessions.du,
    formOf(again, { _csrf: sessions.du.csrf, action: 'save', storyTitle: 'Eine Woche', storyText: 'Wir …' }),
  )
  t.equal(story.statusCode, 400)
  t.match(story.body, CATALOGS.de['report.err.storyConsent'])

  const stale = await post(duPage, sessions.du, formOf(form, { _csrf: sessions.du.csrf, action: 'save' }))
  t.equal(stale.statusCode, 409, 'the form of an older version')
  t.match(stale.body, CATALOGS.de['report.err.stale'])
})

t.test('filed: read-only for its readers, with the PDF holding the answers', async (t) => {
  const form = (await webGet(stack, duPage, sessions.du)).body
  const filed = await post(
    duPage,
    sessions.du,
    formOf(form, {
      _csrf: sessions.du.csrf,
      action: 'file',
      activities: ['lessons', 'culture'],
      activitiesOther: 'Drachenbootrennen',
      'outcome-aim-1': 'partly',
      'comment-aim-1': 'Zu wenig Zeit für das Projekt',
      rating: '5',
      wouldRepeat: 'yes',
      improve: 'Eine Woche länger bleiben',
      storyConsent: 'yes',
      storyTitle: 'Drachenboote in Düren',
      storyText: 'Beide Gruppen haben gemeinsam trainiert.',
      storyLanguage: 'de',
    }),
  )
  t.equal(filed.statusCode, 303, filed.body.slice(0, 2000))
  t.equal(filed.headers.location, `${duPage}?notice=report-filed`)
  t.same(await matrix((s) => webGet(stack, duPage, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  const read = (await webGet(stack, duPage, sessions.jh)).body
  t.notMatch(read, `<form method="post" action="${duPage}"`, 'no form once filed')
  t.match(read, CATALOGS.zh['report.readOnly'])
  t.match(read, 'Eine Woche länger bleiben')
  t.match(read, CATALOGS.zh['report.storyStatus.pending_review'])
  t.match(read, `href="${duPage}/pdf"`)
  const stillForm = await post(duPage, sessions.du, formOf(form, { _csrf: sessions.du.csrf, action: 'save' }))
  t.equal(stillForm.statusCode, 303, 'a late post goes to the read view')

  t.same(await matrix((s) => webGet(stack, `${duPage}/pdf`, s)), ['sign-in', 200, 200, 404, 200, 200, 200])
  const pdf = await webGet(stack, `${duPage}/pdf`, sessions.du)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  const text = await pdfText(pdf.rawPayload)
  for (const s of [
    'Sachbericht',
    'Drachenbootrennen',
    'ZuwenigZeitfürdasProjekt',
    'EineWochelängerbleiben',
    'Gesamtbewertung:5von5',
  ])
    t.ok(text.includes(s), `PDF: ${s}`)
  const zh = await pdfText((await webGet(stack, `${duPage}/pdf`, sessions.jh)).rawPayload)
  t.ok(zh.includes('交流活动总结报告'), 'the Chinese reader gets it in Chinese')
  const en = await pdfText((await webGet(stack, `${duPage}/pdf?lang=en`, sessions.jh)).rawPayload)
  t.ok(en.includes('Narrativereport'))
  t.equal(
    (
      await webGet(
        stack,
        `/partnerships/${partnershipId}/reports/${jhPage.split('/').at(-1)}/pdf`,
        sessions.du,
      )
    ).statusCode,
    404,
  )
})

t.test(
  'the offices’ statistics page: "report filed" in the funnel, completion and outcomes, the CSV',
  async (t) => {
    const de = (await webGet(stack, '/officer/stats?side=both', sessions.officerDu)).body
    t.match(de, CATALOGS.de['stage.reportFiled'])
    t.match(de, CATALOGS.de['reportStats.title'])
    t.match(de, CATALOGS.de['reportStats.completionRate'])
    t.match(de, /<th scope="row">durchschnittliche Bewertung \(1–5\)<\/th><td class="num">5,0<\/td>/)
    const zh = (await webGet(stack, '/officer/stats', sessions.officerJh)).body
    t.match(zh, CATALOGS.zh['reportStats.title'])
    t.same(await matrix((s) => webGet(stack, '/officer/export/reports.csv', s)), [
      'sign-in',
      403,
      403,
      403,
      200,
      200,
      200,
    ])
    const csv = await webGet(stack, '/officer/export/reports.csv', sessions.officerDu)
    t.match(csv.headers['content-type'], /text\/csv/)
    t.match(csv.body, ',filed,')
  },
)

t.test('in the browser: the form (Chinese) and the filed report (German) pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const signIn = async (s: Session, email: string) => {
    await s.page.goto(`${stack.webUrl}/sign-in`)
    await s.page.fill('#f-email', email)
    await s.page.fill('#f-password', 'correct horse battery')
    await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
    await s.page.waitForURL(`${stack.webUrl}/`)
  }
  const zh = await Session.open(browser, 'zh-CN', { width: 1280, height: 900 }, 'Asia/Shanghai', 'report')
  t.teardown(() => zh.close())
  await signIn(zh, EMAILS.jh)
  await zh.page.goto(`${stack.webUrl}${jhPage}`)
  const form = await zh.audit('report-form-zh')
  t.same(serious(form.violations), [], describeViolations(form.violations))
  await zh.page.getByRole('button', { name: CATALOGS.zh['report.file'], exact: true }).click()
  await zh.page.waitForLoadState('load')
  const errors = await zh.audit('report-form-errors-zh')
  t.match(await zh.page.content(), 'href="#f-activities"', 'the error summary')
  t.same(serious(errors.violations), [], describeViolations(errors.violations))
  // The journey's end: the Chinese coordinator answers the rest and files.
  await zh.page.check('#f-activities')
  await zh.page.check('#f-outcome-aim-1')
  await zh.page.check('#f-rating-3')
  await zh.page.check('#f-wouldRepeat')
  await zh.page.fill('#f-improve', '希望有更多时间进行联合项目')
  await zh.page.getByRole('button', { name: CATALOGS.zh['report.file'], exact: true }).click()
  await zh.page.waitForURL(/notice=report-filed/)
  t.match(await zh.page.content(), CATALOGS.zh['notice.reportFiled'])
  t.match(await zh.page.content(), '希望有更多时间进行联合项目')
  const filed = await zh.audit('report-filed-zh')
  t.same(serious(filed.violations), [], describeViolations(filed.violations))

  const de = await Session.open(browser, 'de-DE', { width: 1280, height: 900 }, 'Europe/Berlin', 'report-de')
  t.teardown(() => de.close())
  await signIn(de, EMAILS.officerDu)
  await de.page.goto(`${stack.webUrl}${duPage}`)
  const read = await de.audit('report-read-de')
  t.same(serious(read.violations), [], describeViolations(read.violations))
  // The statistics with the new stage and the reports table still fit 1280 px (one-voice rule).
  await de.page.goto(`${stack.webUrl}/officer/stats?side=both`)
  const overflow = await de.page
    .locator('.table-scroll')
    .evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth))
  t.same(
    overflow.filter((x) => x > 1),
    [],
    'no statistics table scrolls sideways at 1280 px',
  )
  const stats = await de.audit('officer-stats-reports-de')
  t.same(serious(stats.violations), [], describeViolations(stats.violations))
})
