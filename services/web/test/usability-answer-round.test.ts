// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes

// The mail's text the way the notifier renders it (tests may import other packages' code).
import { helpers, renderEvent } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
import type { Matcher } from '@dj/stack'
import {
  bearer,
  createInstitution,
  createInterest,
  createStaff,
  durenSchool,
  interestBody,
  jinhuaSchool,
  login,
  officerAct,
  registerCoordinator,
} from '@dj/stack'
import type { Browser, Page } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { launch, type Session } from './helper/browser.js'
import { journey, startStackMatcher } from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// Usability pass (issue 16, deliverable 7): two journeys driven the way a person would click
// through them, counting steps (page loads and form submits of the main frame) and printing
// the time they took. Nothing here asserts on time. The script only uses what both the old and
// the new pages have (catalog labels, nav links), and takes the shorter path when the page
// offers one, so the same file measures before and after a change.
let stack: Stack
let browser: Browser
let matcher: Matcher
const { open, signIn, closeSessions } = journey(
  () => stack,
  () => browser,
  { checkForeignPerPage: false },
)
const DE = CATALOGS.de
const DU_NAME = 'Gymnasium am Wirteltor'
const JH_NAME = '金华市第一中学'
const MUTUAL_DU = 'Realschule Jülich'
const MUTUAL_JH = '兰溪市第二中学'
let durenInstitution = ''
let proposalId = ''

t.before(async () => {
  stack = await startStack('usability-16a')
  matcher = await startStackMatcher(stack)
  browser = await launch()
})
t.teardown(async () => {
  await closeSessions('usability: answer a proposal, officer verifies and runs a round')
  await browser?.close()
  await matcher?.close()
  await stack?.close()
})

interface Steps {
  loads: number
  submits: number
  urls: string[]
}

/** Counts main-frame document requests: a GET is a page load, a POST a form submit. */
function countSteps(page: Page): { steps: Steps; stop(): void } {
  const steps: Steps = { loads: 0, submits: 0, urls: [] }
  const onRequest = (request: import('playwright-core').Request) => {
    if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return
    if (request.method() === 'POST') steps.submits++
    else steps.loads++
    steps.urls.push(`${request.method()} ${new URL(request.url()).pathname}`)
  }
  page.on('request', onRequest)
  return { steps, stop: () => page.off('request', onRequest) }
}

function report(name: string, steps: Steps, ms: number, extra = '') {
  console.log(
    `# usability ${name}: ${steps.loads + steps.submits} steps (${steps.loads} page loads + ${steps.submits} form submits), ${Math.round(ms)} ms${extra}\n#   ${steps.urls.join(' → ')}`,
  )
}

let duren: Session
let officer: Session

t.test(
  'setup: two institutions with interests; the Jinhua one verified, the Düren one pending',
  async (t) => {
    const du = await registerCoordinator(stack.api.app, 'schmidt@gymnasium-dueren.example')
    const jh = await registerCoordinator(stack.api.app, 'wang@jinhua-school.example', {
      locale: 'zh',
      timeZone: 'Asia/Shanghai',
    })
    await createStaff(stack.api.app, 'officer.dueren@kreis-dueren.example', 'officer', 'duren')
    const jhOfficer = await createStaff(stack.api.app, 'officer.jinhua@jinhua.example', 'officer', 'jinhua')
    durenInstitution = await createInstitution(stack.api.app, du.accessToken, durenSchool(DU_NAME))
    const jhInstitution = await createInstitution(stack.api.app, jh.accessToken, jinhuaSchool(JH_NAME))
    await createInterest(stack.api.app, du.accessToken, durenInstitution)
    await createInterest(stack.api.app, jh.accessToken, jhInstitution)
    t.equal((await officerAct(stack.api.app, jhOfficer.accessToken, jhInstitution, 'verify')).statusCode, 200)
    officer = await open('Düren officer', 'de-DE')
    duren = await open('Düren coordinator', 'de-DE')
    await signIn(officer, 'officer.dueren@kreis-dueren.example', DE['signIn.submit'])
    await signIn(duren, 'schmidt@gymnasium-dueren.example', DE['signIn.submit'])
  },
)

t.test('journey: the officer verifies an institution and runs a round', async (t) => {
  const p = officer.page
  await p.goto(`${stack.webUrl}/`)
  const { steps, stop } = countSteps(p)
  const started = performance.now()
  // From the overview to the institutions waiting for verification: a to-do link when the
  // overview has one, else the verification queue.
  const todo = p.locator('main a[href^="/officer/work"]').first()
  if (await todo.count()) await todo.click()
  else await p.locator('main a[href^="/officer/queue"]').first().click()
  await p.waitForLoadState('load')
  await p.getByRole('button', { name: `${DE['queue.verify']}: ${DU_NAME}` }).click()
  await p.waitForURL(/notice=institution-verified/)
  await p.locator('a[href="/officer/rounds"]').first().click()
  await p.waitForURL(/\/officer\/rounds$/)
  await p.getByRole('button', { name: DE['rounds.submit'] }).click()
  await p.waitForURL(/\/officer\/rounds\/[0-9a-f-]{36}/)
  const waitStarted = performance.now()
  await p.waitForSelector('[data-poll]', { state: 'detached', timeout: 60_000 })
  await p.waitForLoadState('load')
  const waited = performance.now() - waitStarted
  t.match(await p.locator('main').innerText(), DU_NAME, 'the result lists the pair')
  const ms = performance.now() - started
  stop()
  report(
    '"officer verifies and runs a round"',
    steps,
    ms,
    ` (of which ${Math.round(waited)} ms waiting for the matcher)`,
  )
  const [row] = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from proposals where institution_a = ${durenInstitution}::uuid`
  proposalId = row?.id ?? ''
  t.ok(proposalId, 'the round proposed the pair')
})

/** The "new proposal" message as the notifier renders it for this reader (the mail's link). */
function proposalMailLink(): string {
  const event = {
    type: 'proposal.created',
    audience: { institutionIds: [durenInstitution] },
    proposalId,
    own: { id: durenInstitution, name: DU_NAME, side: 'duren' },
    partner: { id: durenInstitution, name: JH_NAME, side: 'jinhua' },
    score: 0.9,
    expiresAt: null,
  } as DomainEvent
  return renderEvent(event, helpers('de', 'Europe/Berlin', stack.webUrl)).action?.url ?? ''
}

async function answer(p: Page) {
  const card = p.locator('article.card', { hasText: JH_NAME }).first()
  await card.getByRole('button', { name: DE['proposal.accept'] }).click()
  await p.waitForURL(/notice=proposal-accepted/)
}

t.test('journey: the coordinator follows the "new proposal" mail and accepts', async (t) => {
  const p = duren.page
  const link = proposalMailLink()
  const { steps, stop } = countSteps(p)
  const started = performance.now()
  const res = await p.goto(link)
  const deadEnd = res?.status() !== 200
  // A dead link leaves the reader to find the list themselves.
  if (deadEnd) {
    await p.locator(`a[href="/proposals"]`).first().click()
    await p.waitForLoadState('load')
  }
  await answer(p)
  const ms = performance.now() - started
  stop()
  report(
    '"answer a proposal" from the mail',
    steps,
    ms,
    deadEnd ? ` (the mail's link answered ${res?.status()})` : '',
  )
  t.pass('answered')
})

t.test('journey: the Jinhua coordinator answers from the overview', async (t) => {
  const jh = await open('Jinhua coordinator', 'zh-CN', 'Asia/Shanghai')
  await signIn(jh, 'wang@jinhua-school.example', CATALOGS.zh['signIn.submit'])
  const p = jh.page
  await p.goto(`${stack.webUrl}/`)
  const { steps, stop } = countSteps(p)
  const started = performance.now()
  const todo = p.locator('main a[href^="/proposals/"]').first()
  if (await todo.count()) await todo.click()
  else await p.locator('main a[href="/proposals"]').first().click()
  await p.waitForLoadState('load')
  const card = p.locator('article.card', { hasText: DU_NAME }).first()
  await card.getByRole('button', { name: CATALOGS.zh['proposal.accept'] }).click()
  await p.waitForURL(/notice=proposal-accepted/)
  const ms = performance.now() - started
  stop()
  report('"answer a proposal" from the overview', steps, ms)
  t.pass('answered')
})

/**
 * From the overview to the confirm button of an accepted pair: the work list when the overview
 * links to it, else the reports' latest rounds. Resolves to false when no page offers the button.
 */
async function findConfirm(p: Page, pair: string): Promise<boolean> {
  const todo = p.locator('main a[href^="/officer/work"]').first()
  if (await todo.count()) {
    await todo.click()
    await p.waitForLoadState('load')
  } else {
    await p.locator('a[href="/officer/overview"]').first().click()
    await p.waitForLoadState('load')
    await p.locator('main table a[href^="/officer/rounds/"]').first().click()
    await p.waitForLoadState('load')
  }
  const row = p.locator('tr, article', { hasText: pair })
  return (await row.getByRole('button', { name: DE['round.confirm'] }).count()) > 0
}

async function confirmJourney(t: Test, name: string, pair: string) {
  const p = officer.page
  await p.goto(`${stack.webUrl}/`)
  const { steps, stop } = countSteps(p)
  const started = performance.now()
  const found = await findConfirm(p, pair)
  if (found) {
    await p
      .locator('tr, article', { hasText: pair })
      .getByRole('button', { name: DE['round.confirm'] })
      .first()
      .click()
    await p.waitForURL(/notice=proposal-confirmed/)
  }
  const ms = performance.now() - started
  stop()
  report(name, steps, ms, found ? '' : ' — DEAD END: no page offers to confirm it')
  t.pass(found ? 'confirmed' : 'no page offers it')
}

t.test('journey: the officer confirms the pair both coordinators accepted', async (t) => {
  await confirmJourney(t, '"officer confirms an accepted pair from a round"', JH_NAME)
})

t.test('journey: the officer confirms a pair from mutual interest', async (t) => {
  const app = stack.api.app
  const du = await login(app, 'schmidt@gymnasium-dueren.example')
  const jh = await login(app, 'wang@jinhua-school.example')
  // A new pair of institutions, so the pair is not the round's.
  const duOfficer = await login(app, 'officer.dueren@kreis-dueren.example')
  const jhOfficer = await login(app, 'officer.jinhua@jinhua.example')
  const duInst = await createInstitution(app, du.accessToken, durenSchool(MUTUAL_DU))
  const jhInst = await createInstitution(app, jh.accessToken, jinhuaSchool(MUTUAL_JH))
  t.equal((await officerAct(app, duOfficer.accessToken, duInst, 'verify')).statusCode, 200)
  t.equal((await officerAct(app, jhOfficer.accessToken, jhInst, 'verify')).statusCode, 200)
  const virtual = interestBody({ formats: ['virtual_exchange'], topics: ['science'] })
  const mine = await createInterest(app, du.accessToken, duInst, virtual)
  const theirs = await createInterest(app, jh.accessToken, jhInst, virtual)
  for (const [token, to, from] of [
    [du.accessToken, theirs, mine],
    [jh.accessToken, mine, theirs],
  ] as const) {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/interests/${to}/express-interest`,
      headers: bearer(token),
      payload: { fromInterestId: from },
    })
    t.equal(res.statusCode, 201, 'interest expressed')
  }
  await confirmJourney(t, '"officer confirms a pair from mutual interest"', MUTUAL_JH)
})

t.test('journey: the recipient of an expression of interest follows the mail and answers', async (t) => {
  const app = stack.api.app
  const du = await login(app, 'schmidt@gymnasium-dueren.example')
  const jh = await login(app, 'wang@jinhua-school.example')
  const [duInst, jhInst] = await Promise.all(
    ['Städtisches Gymnasium Jülich', '义乌市第二中学'].map(async (name, i) =>
      createInstitution(app, (i === 0 ? du : jh).accessToken, (i === 0 ? durenSchool : jinhuaSchool)(name)),
    ),
  )
  const duOfficer = await login(app, 'officer.dueren@kreis-dueren.example')
  const jhOfficer = await login(app, 'officer.jinhua@jinhua.example')
  await officerAct(app, duOfficer.accessToken, duInst!, 'verify')
  await officerAct(app, jhOfficer.accessToken, jhInst!, 'verify')
  const club = interestBody({ formats: ['virtual_exchange'], topics: ['sport'] })
  const from = await createInterest(app, du.accessToken, duInst!, club)
  const to = await createInterest(app, jh.accessToken, jhInst!, club)
  const res = await app.inject({
    method: 'POST',
    url: `/v1/interests/${to}/express-interest`,
    headers: bearer(du.accessToken),
    payload: { fromInterestId: from },
  })
  t.equal(res.statusCode, 201)
  const [row] = await app.dbHandle.sql<{ payload: DomainEvent }[]>`
    select payload from outbox where event_type = 'interest.expressed' and queue = 'notify'
    order by created_at desc limit 1`
  const link = renderEvent(row!.payload, helpers('zh', 'Asia/Shanghai', stack.webUrl)).action?.url ?? ''
  const s = await open('Jinhua coordinator (expression)', 'zh-CN', 'Asia/Shanghai')
  await signIn(s, 'wang@jinhua-school.example', CATALOGS.zh['signIn.submit'])
  const p = s.page
  const { steps, stop } = countSteps(p)
  const started = performance.now()
  const opened = await p.goto(link)
  let note = ''
  if (opened?.status() !== 200) {
    note = ` (the mail's link answered ${opened?.status()})`
    await p.locator('a[href="/proposals"]').first().click()
    await p.waitForLoadState('load')
    const toExpression = p.locator('main a[href^="/interest-expressions/"]').first()
    if (await toExpression.count()) {
      await toExpression.click()
      await p.waitForLoadState('load')
    }
  }
  const answer = p.getByRole('button', {
    name: CATALOGS.zh['expressions.answer' as keyof typeof CATALOGS.zh] ?? '—',
  })
  const found = (await answer.count()) > 0
  if (found) {
    await answer.click()
    await p.waitForURL(/\/proposals\/[0-9a-f-]{36}/)
  }
  const ms = performance.now() - started
  stop()
  report(
    '"answer an expression of interest" from the mail',
    steps,
    ms,
    `${note}${found ? '' : ' — DEAD END: no page lists it or offers an answer'}`,
  )
  t.pass(found ? 'answered' : 'no page offers it')
})
