import { LOCALES } from '@dj/contracts'
import { exchangeReports } from '@dj/db'
import { bookedVisit, confirmedPartnership, seedInstitution } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { CATALOGS } from '../src/i18n/index.js'
import { auditPages } from './helper/axe-pages.js'
import { launch } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { webGet } from './helper/web-session.js'

// Issue 14, item 4 on the web: the public impact figures in four languages, each chart with a
// table of the same figures, counts below 5 shown as "< 5", public for all seven readers, in the
// nav and the sitemap, and axe in Chromium.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
const ORIGIN = 'http://127.0.0.1'
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

t.before(async () => {
  stack = await startStack('impact')
  const readers = await sevenReaders(stack, 'wi')
  sessions = readers.sessions
  const app = stack.api.app
  const a = readers.actors
  for (const n of [1, 2, 3, 4]) await seedInstitution(app, 'duren', `Grundschule ${n}`, [])
  const { partnershipId } = await confirmedPartnership(app, a)
  const visit = await bookedVisit(app, a, partnershipId, { start: day(-10), days: 5 })
  await app.db.insert(exchangeReports).values({
    visitId: visit.visitId,
    partnershipId,
    institutionId: a.school.id,
    status: 'filed',
    filedAt: new Date(),
    fields: { participants: { bands: { '12-14': 9, '15-17': 3 }, accompanyingAdults: 2 } },
  })
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

/** Per chart: the values its bars show, and the first figure column of the table after it. */
function chartsAndTables(body: string): { chart: string[]; table: string[] }[] {
  return body
    .split('<svg class="chart"')
    .slice(1)
    .map((part) => {
      const svg = part.slice(0, part.indexOf('</svg>'))
      const tbody = part.slice(part.indexOf('<tbody>'), part.indexOf('</tbody>'))
      return {
        chart: [...svg.matchAll(/data-value="([^"]+)"/g)].map((m) => m[1]!),
        table: tbody
          .split('<tr>')
          .slice(1)
          .map((row) => /<td class="num" data-value="([^"]+)"/.exec(row)?.[1] ?? '?'),
      }
    })
}

t.test('the figures page opens for anonymous readers in four languages', async (t) => {
  for (const locale of LOCALES) {
    const path = `/${locale}/impact`
    const res = await webGet(stack, path)
    t.equal(res.statusCode, 200, path)
    const lang = locale === 'zh' ? 'zh-Hans' : locale === 'de-simple' ? 'de' : locale
    t.match(res.body, `<html lang="${lang}"`, `${path}: lang`)
    t.match(res.body, `<link rel="canonical" href="${ORIGIN}${path}">`, `${path}: canonical`)
    t.match(res.body, `hreflang="x-default" href="${ORIGIN}/de/impact"`, `${path}: x-default`)
    t.match(res.body, CATALOGS[locale]['impact.measure.institutions'], `${path}: in its language`)
    t.match(res.body, '&lt; 5', `${path}: small counts hidden`)
    // The charts are drawn on the server: no script beyond the site's own progressive enhancement.
    const scripts = [...res.body.matchAll(/<script[^>]*>/g)].map((m) => m[0])
    t.same(
      scripts.filter((s) => !/^<script src="\/static\/app\.js\?v=[^"]+" defer>$/.test(s)),
      [],
      `${path}: no script of its own`,
    )
    t.notMatch(res.body, 'Gymnasium am Wirteltor', `${path}: no names`)
  }
})

t.test('every chart has a table of the same figures and a text alternative', async (t) => {
  const res = await webGet(stack, '/en/impact')
  const pairs = chartsAndTables(res.body)
  t.ok(pairs.length >= 8, `${pairs.length} charts (four per region)`)
  for (const [i, p] of pairs.entries()) {
    t.ok(p.chart.length > 0, `chart ${i} has bars`)
    t.same(p.chart, p.table, `chart ${i} = its table`)
  }
  t.match(res.body, /<svg class="chart"[^>]*role="img" aria-label="Bar chart: [^"]+"/)
  const kinds = pairs.find((p) => p.chart.includes('6'))
  t.ok(kinds, 'six verified Düren schools are shown')
  t.ok(
    pairs.some((p) => p.chart.includes('suppressed')),
    'a hidden count draws no bar',
  )
})

t.test('public for all seven readers; in the nav and the sitemap', async (t) => {
  t.same(
    await accessMatrix(sessions, (s) => webGet(stack, '/de/impact', s)),
    [200, 200, 200, 200, 200, 200, 200],
  )
  t.match((await webGet(stack, '/de')).body, 'href="/de/impact"')
  const map = (await webGet(stack, '/sitemap.xml')).body
  for (const locale of LOCALES) t.match(map, `<loc>${ORIGIN}/${locale}/impact</loc>`)
})

t.test('in the browser: the figures pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  await auditPages(t, browser, stack.webUrl, [
    [null, '/de/impact', 'de-DE', 'impact-de'],
    [null, '/zh/impact', 'zh-CN', 'impact-zh'],
  ])
})
