// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes

import { generateDemoPopulation } from '@dj/demo-data'
import type { Matcher } from '@dj/stack'
import { hashPassword, loadDemoPopulation } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, printMetrics, Session, serious } from './helper/browser.js'
import { startStackMatcher } from './helper/journey.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 16, finding 4 and deliverable 4: on the demo data (1,650 institutions) and a matching
// round over all of it, no list is cut without a word: every list says how many rows there are
// and pages through all of them, and no page is over 100 KB of HTML.
let stack: Stack
let browser: Browser
let matcher: Matcher
const sessions: Session[] = []
const DE = CATALOGS.de
const DEMO_PASSWORD = 'demo-password-2026'
const MAX_HTML = 100 * 1024
const weights: { name: string; bytes: number }[] = []

t.before(async () => {
  stack = await startStack('demo-lists')
  const pop = generateDemoPopulation({ seed: 20260101, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const result = await stack.api.app.db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }),
  )
  if (!result.loaded) throw new Error('demo population not loaded')
  matcher = await startStackMatcher(stack)
  browser = await launch()
})
t.teardown(async () => {
  for (const s of sessions) {
    printMetrics(`demo lists: ${s.label}`, s.metrics)
    await s.close()
  }
  console.log(
    `# HTML per page on the demo data (limit ${MAX_HTML} B):\n${weights.map((w) => `#   ${w.name.padEnd(28)} ${String(w.bytes).padStart(7)} B`).join('\n')}`,
  )
  await browser?.close()
  await matcher?.close()
  await stack?.close()
})

async function signedIn(label: string, email: string) {
  const s = await Session.open(browser, 'de-DE', { width: 1280, height: 900 }, 'Europe/Berlin', label)
  sessions.push(s)
  await s.page.goto(`${stack.webUrl}/sign-in`)
  await s.page.fill('#f-email', email)
  await s.page.fill('#f-password', DEMO_PASSWORD)
  await s.page.getByRole('button', { name: DE['signIn.submit'], exact: true }).click()
  await s.page.waitForURL(`${stack.webUrl}/`)
  return s
}

/** Opens a page, checks it with axe, and records the size of its HTML. */
async function visit(t: Test, s: Session, path: string, name: string) {
  const res = await s.page.goto(stack.webUrl + path)
  t.equal(res?.status(), 200, `${name}: 200`)
  const bytes = await s.page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).decodedBodySize,
  )
  weights.push({ name, bytes })
  t.ok(bytes < MAX_HTML, `${name}: ${bytes} B of HTML, under 100 KB`)
  const { violations } = await s.audit(name)
  t.same(serious(violations), [], `${name}: axe`, { violations: describeViolations(serious(violations)) })
}

/** The total a list states and the rows it shows. */
async function totalOf(s: Session) {
  return Number(await s.page.locator('[data-total]').first().getAttribute('data-total'))
}

/** Follows "next page" to the end; returns how many rows the pages showed in all. */
async function pageToEnd(t: Test, s: Session, rows: string, name: string) {
  let shown = await s.page.locator(rows).count()
  let pages = 1
  while ((await s.page.locator('a[rel="next"]').count()) > 0 && pages < 100) {
    await s.page.locator('a[rel="next"]').first().click()
    await s.page.waitForLoadState('load')
    shown += await s.page.locator(rows).count()
    pages++
  }
  t.ok(pages > 1, `${name}: ${pages} pages`)
  return shown
}

let roundPath = ''

t.test('an officer runs a round over the whole demo population', async (t) => {
  const s = await signedIn('demo officer', 'officer.dueren@demo.invalid')
  await s.page.goto(`${stack.webUrl}/officer/rounds`)
  await s.page.getByRole('button', { name: DE['rounds.submit'] }).click()
  await s.page.waitForURL(/\/officer\/rounds\/[0-9a-f-]{36}/)
  await s.page.waitForSelector('[data-poll]', { state: 'detached', timeout: 240_000 })
  roundPath = new URL(s.page.url()).pathname
  const roundId = roundPath.split('/').at(-1)!
  const [count] = await stack.api.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from proposals where round_id = ${roundId}::uuid`
  t.ok((count?.n ?? 0) > 200, `the round proposed ${count?.n} pairs: more than the old cut at 200`)
  await visit(t, s, roundPath, 'round-result')
  t.equal(await totalOf(s), count?.n, 'the round page says how many there are')
  t.equal(await pageToEnd(t, s, 'main table tbody tr', 'round'), count?.n, 'and pages through every one')
  await visit(t, s, `${roundPath}?sort=jinhua&q=schule`, 'round-search')
})

t.test("the office's institution lists, the audit log and the work list", async (t) => {
  const s = sessions[0]!
  const [verified] = await stack.api.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from institutions where side = 'duren' and status = 'verified'`
  await visit(t, s, '/officer/queue?status=verified', 'queue-verified')
  t.equal(await totalOf(s), verified?.n, 'every verified institution counted')
  await visit(t, s, '/officer/queue?status=pending', 'queue-pending')
  await visit(t, s, '/officer/audit', 'audit')
  await visit(t, s, '/officer/work', 'work-list')
  await visit(t, s, '/', 'officer-dashboard')
  const jinhua = await signedIn('demo officer Jinhua', 'officer.jinhua@demo.invalid')
  const [jh] = await stack.api.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from institutions where side = 'jinhua' and status = 'verified'`
  await visit(t, jinhua, '/officer/queue?status=verified', 'queue-verified-jinhua')
  t.equal(await totalOf(jinhua), jh?.n, `all ${jh?.n} verified Jinhua institutions, not 200`)
  t.equal(await pageToEnd(t, jinhua, 'main table tbody tr', 'queue'), jh?.n)
})

t.test('admin users and a coordinator’s proposals and inbox', async (t) => {
  const admin = await signedIn('demo admin', 'admin@demo.invalid')
  await visit(t, admin, '/admin/users', 'admin-users')
  t.ok((await totalOf(admin)) >= 13)
  await visit(t, admin, '/officer/queue?status=verified', 'admin-queue-both-sides')
  const c = await signedIn('demo coordinator', 'coordinator.dn1@demo.invalid')
  await visit(t, c, '/proposals', 'proposals')
  await visit(t, c, '/inbox', 'inbox')
  await visit(t, c, '/', 'coordinator-dashboard')
})
