import { bearer, partnershipBetween, type SeededInstitution, seedInstitution } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, Session, serious } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { webGet } from './helper/web-session.js'

// Issue 12, item 7 on the web: the offices' list of partnerships with their agreement's state,
// the filters, the link to each workspace, the seven kinds of reader, the stats funnel's new
// stage, and axe.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let du: SeededInstitution
let jh: SeededInstitution
let jh2: SeededInstitution
let withDraft = ''
let without = ''
const PATH = '/officer/partnerships'

t.before(async () => {
  stack = await startStack('officer_partnerships')
  const app = stack.api.app
  const seven = await sevenReaders(stack, '')
  sessions = seven.sessions
  ;({ school: du, club: jh } = seven.actors)
  const jhUser = seven.actors.jh
  jh2 = await seedInstitution(app, 'jinhua', '婺城实验学校', [jhUser.id])
  without = (await partnershipBetween(app, du.id, jh.id)).id
  withDraft = (await partnershipBetween(app, du.id, jh2.id)).id
  const created = await app.inject({
    method: 'POST',
    url: `/v1/partnerships/${withDraft}/agreement`,
    headers: bearer(jhUser.accessToken),
    payload: {},
  })
  if (created.statusCode !== 201) throw new Error(created.body)
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (path: string) => accessMatrix(sessions, (s) => webGet(stack, path, s))

/** The row of one partnership in the page's table. */
const row = (body: string, id: string) =>
  new RegExp(`<tr data-partnership="${id}">([\\s\\S]*?)</tr>`).exec(body)?.[1] ?? ''

t.test('the seven readers: sign-in, 403 for coordinators, the offices and admins read', async (t) => {
  t.same(await matrix(PATH), ['sign-in', 403, 403, 403, 200, 200, 200])
})

t.test('each partnership with its state, own side first, linking to the workspace', async (t) => {
  const de = await webGet(stack, PATH, sessions.officerDu)
  t.match(de.body, CATALOGS.de['partnerList.title'])
  t.match(row(de.body, without), CATALOGS.de['partnerList.state.none'])
  t.match(row(de.body, withDraft), CATALOGS.de['partnerList.state.draft'])
  t.match(row(de.body, withDraft), `href="/partnerships/${withDraft}/workspace"`)
  t.match(row(de.body, withDraft), /<th scope="row">Gymnasium am Wirteltor<\/th>/, 'Düren first for Düren')

  const zh = await webGet(stack, PATH, sessions.officerJh)
  t.match(zh.body, CATALOGS.zh['partnerList.title'], 'in the officer’s language')
  t.match(row(zh.body, withDraft), /<th scope="row">婺城实验学校<\/th>/, 'Jinhua first for Jinhua')

  const drafts = await webGet(stack, `${PATH}?status=draft`, sessions.admin)
  t.match(drafts.body, `data-partnership="${withDraft}"`)
  t.match(
    drafts.body,
    `href="/partnerships/${withDraft}/agreement"`,
    'admins are led to the agreement, not the workspace',
  )
  t.notMatch(drafts.body, `data-partnership="${without}"`, 'the status filter')
  const searched = await webGet(stack, `${PATH}?q=${encodeURIComponent('婺城')}`, sessions.officerDu)
  t.match(searched.body, `data-partnership="${withDraft}"`)
  t.notMatch(searched.body, `data-partnership="${without}"`, 'the search')
  const waiting = await webGet(stack, `${PATH}?waiting=mine`, sessions.officerDu)
  t.notMatch(waiting.body, 'data-partnership=', 'nothing waits for the office yet')
  t.match(waiting.body, /id="partnerships-waiting" name="waiting" value="mine" checked/)

  const work = await webGet(stack, '/officer/work', sessions.officerDu)
  t.match(work.body, `href="${PATH}"`, 'linked from the work list')
})

t.test('the stats funnel names the new stage in every language', async (t) => {
  const stats = await webGet(stack, '/officer/stats', sessions.officerDu)
  t.equal(stats.statusCode, 200)
  t.match(stats.body, CATALOGS.de['stage.agreementSigned'])
  for (const locale of ['de', 'de-simple', 'en', 'zh'] as const)
    t.ok(CATALOGS[locale]['stage.agreementSigned'], `${locale} has the label`)
})

t.test('in the browser: axe finds nothing serious on the list', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const s = await Session.open(
    browser,
    'de-DE',
    { width: 1280, height: 900 },
    'Europe/Berlin',
    'officer-partnerships',
  )
  t.teardown(() => s.close())
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', 'amt@kreis-dueren.de')
  await s.page.fill('#f-password', 'correct horse battery')
  await s.page.getByRole('button', { name: CATALOGS.de['signIn.submit'], exact: true }).click()
  await s.page.waitForURL(`${stack.webUrl}/**`)
  await s.page.goto(`${stack.webUrl}${PATH}`)
  const list = await s.audit('officer-partnerships')
  t.same(serious(list.violations), [], describeViolations(list.violations))
  await s.page.check('#partnerships-waiting')
  await s.page.selectOption('#partnerships-status', 'signed_by_institutions')
  await s.page.locator('form.list-controls button[type="submit"]').click()
  await s.page.waitForURL(/waiting=mine/)
  t.match(s.page.url(), /status=signed_by_institutions/, 'the filters go into the address')
  const filtered = await s.audit('officer-partnerships-filtered')
  t.same(serious(filtered.violations), [], describeViolations(filtered.violations))
})
