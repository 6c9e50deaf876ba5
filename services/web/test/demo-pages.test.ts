// biome-ignore-all lint/performance/useDomNodeTextContent: these are Playwright locators (rendered text), not DOM nodes

// The demo population the way `pnpm seed:demo` loads it (tests may import other packages' code).
import { generateDemoPopulation } from '@dj/demo-data'
import { hashPassword, loadDemoPopulation } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t, { type Test } from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { describeViolations, launch, printMetrics, Session, serious } from './helper/browser.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 7: every main page's load time and transferred bytes on the demo data (1,650
// institutions), not on an almost empty database. Every page runs axe.
let stack: Stack
let browser: Browser
const sessions: Session[] = []
const DE = CATALOGS.de
const DEMO_PASSWORD = 'demo-password-2026'

t.before(async () => {
  stack = await startStack('demo-pages')
  const pop = generateDemoPopulation({ seed: 20260101, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const db = stack.api.app.db
  const result = await db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }),
  )
  if (!result.loaded) throw new Error('demo population not loaded')
  browser = await launch()
})
t.teardown(async () => {
  for (const s of sessions) {
    printMetrics(`demo data: ${s.label}`, s.metrics)
    await s.close()
  }
  await browser?.close()
  await stack?.close()
})

async function audited(t: Test, s: Session, name: string) {
  const { violations } = await s.audit(name)
  const bad = serious(violations)
  t.same(
    bad,
    [],
    `${name}: no serious or critical axe violations`,
    bad.length ? { violations: describeViolations(bad) } : {},
  )
  t.same(s.foreignRequests, [], `${name}: nothing requested from another host`)
}

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

async function visit(t: Test, s: Session, path: string, name: string) {
  const res = await s.page.goto(stack.webUrl + path)
  t.equal(res?.status(), 200, `${name}: 200`)
  await audited(t, s, name)
}

t.test('the demo population is loaded', async (t) => {
  const [n] = await stack.api.app.dbHandle.sql<{ n: number }[]>`select count(*)::int as n from institutions`
  t.equal(n?.n, 1650, '1,650 institutions')
})

t.test('a demo coordinator: search, proposals, inbox', async (t) => {
  const s = await signedIn('demo coordinator', 'coordinator.dn1@demo.invalid')
  await visit(t, s, '/search?q=%E4%B8%AD%E5%AD%A6', 'search-q')
  t.ok((await s.page.locator('article.card').count()) > 0, 'the query finds demo institutions')
  await visit(t, s, '/search', 'search-all')
  await visit(t, s, '/proposals', 'proposals')
  await visit(t, s, '/institutions', 'institutions')
  await visit(t, s, '/inbox', 'inbox-coordinator')
})

t.test('a demo officer: verification queue, statistics, import, inbox', async (t) => {
  const s = await signedIn('demo officer', 'officer.dueren@demo.invalid')
  await visit(t, s, '/officer/queue', 'officer-queue')
  t.ok((await s.page.locator('tbody tr').count()) > 0, 'pending demo institutions wait in the queue')
  await visit(t, s, '/officer/stats', 'officer-stats')
  t.ok((await s.page.locator('svg.chart').count()) > 0, 'charts drawn')
  await visit(t, s, '/officer/overview', 'officer-overview')
  await visit(t, s, '/officer/imports', 'officer-import')
  await visit(t, s, '/officer/rounds', 'officer-rounds')
  await visit(t, s, '/inbox', 'inbox-officer')
})
