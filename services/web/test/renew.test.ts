import { bookedVisit, confirmedPartnership, countersignedAgreement, type SevenActors } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { accessMatrix, type Reader, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost } from './helper/web-session.js'

// Issue 13, item 5 on the web: "plan the next one" on the workspace once the exchange is complete
// (for the pair's coordinators only), the seven readers on the button's post, the redirect to the
// new agreement draft, a second press refused, the agreement's editions (the earlier one readable
// with its PDF), the timeline labelled with the edition, German and Chinese, and axe.

let stack: Stack
let browser: Browser | undefined
let a: SevenActors
let sessions: Sessions
let partnershipId = ''
let workspace = ''
let agreementPage = ''

const YEAR = new Date().getUTCFullYear()
const PAST = { start: `${YEAR - 1}-05-10`, end: `${YEAR - 1}-05-14` }
/** The addresses sevenActors gives the actors signed in through the browser. */
const EMAILS = {
  du: 'wr.lehrerin@gym-dueren.de',
  jh: 'wr.laoshi@jinhua-school.cn',
}

t.before(async () => {
  stack = await startStack('renew')
  const app = stack.api.app
  ;({ actors: a, sessions } = await sevenReaders(stack, 'wr'))
  ;({ partnershipId } = await confirmedPartnership(app, a))
  await countersignedAgreement(app, a, partnershipId, PAST)
  await bookedVisit(app, a, partnershipId, { start: PAST.start })
  workspace = `/partnerships/${partnershipId}/workspace`
  agreementPage = `/partnerships/${partnershipId}/agreement`
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)
const buttonOn = (body: string) => body.includes(`action="/partnerships/${partnershipId}/renew"`)

t.test(
  'the button on the workspace: for the pair’s coordinators, once the exchange is complete',
  async (t) => {
    t.same(await matrix((s) => webGet(stack, workspace, s)), ['sign-in', 200, 200, 404, 200, 200, 403])
    const de = await webGet(stack, workspace, sessions.du)
    t.ok(buttonOn(de.body), 'Düren’s coordinator gets the button')
    t.match(de.body, CATALOGS.de['renew.button'])
    t.match(de.body, CATALOGS.de['renew.intro'].slice(0, 40))
    const zh = await webGet(stack, workspace, sessions.jh)
    t.ok(buttonOn(zh.body))
    t.match(zh.body, CATALOGS.zh['renew.button'], 'in Chinese for Jinhua')
    for (const officer of [sessions.officerDu, sessions.officerJh])
      t.notOk(buttonOn((await webGet(stack, workspace, officer)).body), 'offices do not renew')
  },
)

t.test('in the browser: the workspace with the button passes axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const s = await Session.open(browser, 'de-DE', { width: 1280, height: 900 }, 'Europe/Berlin', 'renew')
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', EMAILS.du)
  await s.page.fill('#f-password', 'correct horse battery')
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  await s.page.goto(`${stack.webUrl}${workspace}`)
  const audit = await s.audit('renew-workspace-de')
  t.same(serious(audit.violations), [], describeViolations(audit.violations))
  t.same(s.foreignRequests, [], 'nothing from another host')
})

t.test('pressing it: the refused first, then the next agreement draft opens', async (t) => {
  const post = (s: WebSession) => webPost(stack, `/partnerships/${partnershipId}/renew`, s)
  const refusedBy: [Reader, number | string][] = [
    ['anon', 'sign-in'],
    ['stranger', 404],
    ['officerDu', 403],
    ['officerJh', 403],
    ['admin', 403],
  ]
  for (const [who, expected] of refusedBy) {
    const res = await post(sessions[who])
    const location = String(res.headers.location ?? '')
    t.equal(
      res.statusCode === 303 && location.startsWith('/sign-in') ? 'sign-in' : res.statusCode,
      expected,
      who,
    )
  }
  const [row] = await stack.api.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from agreements where partnership_id = ${partnershipId}`
  t.equal(row!.n, 1, 'nothing renewed by the refused')

  const res = await post(sessions.du)
  t.equal(res.statusCode, 303, res.body.slice(0, 500))
  t.equal(res.headers.location, `${agreementPage}?notice=exchange-renewed`)
  const draft = await webGet(stack, String(res.headers.location), sessions.du)
  t.equal(draft.statusCode, 200)
  t.match(draft.body, CATALOGS.de['renew.notice.renewed'].slice(0, 30), 'says what happened')
  t.match(draft.body, CATALOGS.de['agr.status.draft'])
  t.match(draft.body, CATALOGS.de['renew.edition'].replace('{edition}', '2'))
  t.match(draft.body, `href="${agreementPage}?edition=1"`, 'last year’s agreement one click away')

  const again = await post(sessions.jh)
  t.equal(again.statusCode, 409)
  t.match(again.body, CATALOGS.zh['renew.err.draftExists'], 'a second press is refused, in Chinese')
})

t.test('after: the workspace points to the draft; the earlier edition stays readable', async (t) => {
  const ws = await webGet(stack, workspace, sessions.jh)
  t.notOk(buttonOn(ws.body), 'no second button')
  t.match(ws.body, CATALOGS.zh['renew.drafting'].replace('{edition}', '2'))
  t.match(ws.body, CATALOGS.zh['renew.timelineEdition'].replace('{edition}', '1'), 'timeline: edition 1')
  t.match(ws.body, CATALOGS.zh['renew.timelineEdition'].replace('{edition}', '2'), 'timeline: edition 2')

  t.same(await matrix((s) => webGet(stack, `${agreementPage}?edition=1`, s)), [
    'sign-in',
    200,
    200,
    404,
    200,
    200,
    200,
  ])
  const old = await webGet(stack, `${agreementPage}?edition=1`, sessions.du)
  t.match(old.body, CATALOGS.de['renew.editionEarlier'].replace('{edition}', '1').slice(0, 30))
  t.match(old.body, CATALOGS.de['agr.status.complete'])
  t.notMatch(old.body, `action="${agreementPage}/sign"`, 'an earlier edition is not signed again')
  t.notMatch(old.body, `href="${agreementPage}/edit"`, 'nor edited')
  t.match(old.body, 'name="edition" value="1"', 'the language choice stays on this edition')
  const pdfLink = /href="([^"]*\/pdf\?languages=de,zh&amp;edition=1)"/.exec(old.body)?.[1]
  t.ok(pdfLink, 'its PDF names the edition')
  const pdf = await webGet(stack, pdfLink!.replaceAll('&amp;', '&'), sessions.du)
  t.equal(pdf.statusCode, 200)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  const list = await webGet(stack, '/officer/partnerships', sessions.officerDu)
  t.match(
    list.body,
    CATALOGS.de['renew.edition'].replace('{edition}', '2'),
    'the offices’ list names the edition',
  )
  t.equal((await webGet(stack, `${agreementPage}?edition=9`, sessions.du)).statusCode, 404)
  t.equal((await webGet(stack, `${agreementPage}?edition=x`, sessions.du)).statusCode, 400)
})

t.test('in the browser: the agreement with its editions passes axe (Chinese)', async (t) => {
  if (!browser) return
  const s = await Session.open(browser, 'zh-CN', { width: 1280, height: 900 }, 'Asia/Shanghai', 'renew-zh')
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', EMAILS.jh)
  await s.page.fill('#f-password', 'correct horse battery')
  await s.page.locator('form[action="/sign-in"] button[type="submit"]').click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  for (const [name, path] of [
    ['renew-agreement-zh', agreementPage],
    ['renew-agreement-edition1-zh', `${agreementPage}?edition=1`],
  ] as const) {
    await s.page.goto(`${stack.webUrl}${path}`)
    const audit = await s.audit(name)
    t.same(serious(audit.violations), [], `${name}: ${describeViolations(audit.violations)}`)
  }
})
