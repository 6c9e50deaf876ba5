// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes

import { bearer, createStaff, registerCoordinator, type SeededInstitution, seedInstitution } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, type Session } from './helper/browser.js'
import { journey } from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 16, findings 1 and 2, in the browser: the recipient of an expression of interest follows
// the inbox message to it and answers it; the pair (accepted by both through mutual interest)
// then waits on both offices' work lists, reached from their dashboards, and is confirmed there
// without the API. Every page runs axe.
let stack: Stack
let browser: Browser
const { open, audited, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: true },
)
const DE = CATALOGS.de
const ZH = CATALOGS.zh
let du: SeededInstitution
let jh: SeededInstitution
let proposalPath = ''

t.before(async () => {
  stack = await startStack('journey-ends')
  browser = await launch()
  const app = stack.api.app
  const duUser = await registerCoordinator(app, 'schmidt@ends.example')
  const jhUser = await registerCoordinator(app, 'wang@ends.example', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  await createStaff(app, 'amt@ends.example', 'officer', 'duren')
  await createStaff(app, 'office@ends.example', 'officer', 'jinhua')
  du = await seedInstitution(app, 'duren', 'Gymnasium am Wirteltor', [duUser.id])
  jh = await seedInstitution(app, 'jinhua', '金华市第一中学', [jhUser.id])
  // The Düren coordinator expresses interest (partner search); the notifier would put the
  // message in the Jinhua coordinator's inbox: here it is put there from the outbox row.
  const res = await app.inject({
    method: 'POST',
    url: `/v1/interests/${jh.interestId}/express-interest`,
    headers: bearer(duUser.accessToken),
    payload: { fromInterestId: du.interestId },
  })
  if (res.statusCode !== 201) throw new Error(res.body)
  await app.dbHandle.sql`insert into notifications (user_id, event_type, payload)
    select ${jhUser.id}::uuid, event_type, payload from outbox
    where event_type = 'interest.expressed' and queue = 'notify'`
})
t.teardown(async () => {
  await closeSessions('journeys that reach their end')
  await browser?.close()
  await stack?.close()
})

let jinhua: Session

t.test(
  'finding 2: the recipient follows the message to the expression of interest and answers',
  async (t) => {
    jinhua = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
    await signIn(jinhua, 'wang@ends.example', ZH['signIn.submit'])
    const p = jinhua.page
    // The dashboard says something waits, and so does the proposals page.
    t.equal(await p.locator('[data-todo="interests"] a').count(), 1, 'a to-do on the dashboard')
    await p.goto(`${stack.webUrl}/proposals`)
    t.match(await p.locator('#incoming-title').innerText(), ZH['expressions.incomingTitle'].split('：')[0]!)
    await audited(t, jinhua, 'proposals-incoming')
    await p.goto(`${stack.webUrl}/inbox`)
    await audited(t, jinhua, 'inbox-with-link')
    await p.locator('a[data-about]').first().click()
    await p.waitForURL(/\/interest-expressions\/[0-9a-f-]{36}$/)
    const main = await p.locator('main').innerText()
    t.match(main, 'Gymnasium am Wirteltor', 'who is interested')
    t.match(main, ZH['expressions.answerHint'], 'what to do')
    await audited(t, jinhua, 'expression-incoming')
    await p.getByRole('button', { name: ZH['expressions.answer'] }).click()
    await p.waitForURL(/\/proposals\/[0-9a-f-]{36}\?notice=interest-matched/)
    proposalPath = new URL(p.url()).pathname
    t.match(await p.locator('main').innerText(), ZH['proposal.waiting'], 'now waiting for the offices')
    await audited(t, jinhua, 'proposal-after-answer')
    await p.goto(`${stack.webUrl}/`)
    t.equal(await p.locator('[data-todo="interests"]').count(), 0, 'answered: no longer a to-do')
  },
)

t.test('finding 1: both offices confirm the pair from mutual interest on their work lists', async (t) => {
  for (const [email, c, label] of [
    ['amt@ends.example', DE, 'Düren officer'],
    ['office@ends.example', ZH, 'Jinhua officer'],
  ] as const) {
    const s = await open(label, c === DE ? 'de-DE' : 'zh-CN', c === DE ? 'Europe/Berlin' : 'Asia/Shanghai')
    await signIn(s, email, c['signIn.submit'])
    const count = s.page.locator('main a[data-count="proposals"]')
    t.match(await count.innerText(), '1', `${label}: the dashboard counts it`)
    await audited(t, s, `dashboard-${label}`)
    await count.click()
    await s.page.waitForURL(/\/officer\/work/)
    const row = s.page.locator('#confirm ~ div tbody tr', { hasText: 'Gymnasium am Wirteltor' })
    t.match(await row.innerText(), c['work.originInterest'], 'from mutual interest')
    await audited(t, s, `work-${label}`)
    await row.getByRole('button', { name: new RegExp(`^${c['round.confirm']}`) }).click()
    await s.page.waitForURL(/\/officer\/work\?notice=proposal-confirmed/)
    t.equal(
      await s.page.locator('#confirm ~ div tbody tr', { hasText: 'Gymnasium am Wirteltor' }).count(),
      0,
      'done',
    )
    await s.page.goto(stack.webUrl + proposalPath)
    await audited(t, s, `proposal-officer-${label}`)
  }
  await jinhua.page.goto(stack.webUrl + proposalPath)
  t.match(await jinhua.page.locator('main').innerText(), ZH['proposal.partnership'], 'a partnership')
  t.equal(await jinhua.page.getByRole('link', { name: ZH['proposal.schedule'] }).count(), 1)
})
