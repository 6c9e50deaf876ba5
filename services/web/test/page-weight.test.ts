import Fastify from 'fastify'
import t from 'tap'
import { type Demo, LIMIT_BYTES, routeTable, startDemo, weighAll } from './helper/page-weight.js'

// Issue 15: every web page is under 15 KB (15,000 bytes) transferred on the demo data, on a first
// visit (headers + compressed page + the stylesheet, script and icon it links), for every reader
// and every language. Bytes, not time. The pages come from the app's own route table, so a new
// page is weighed without being added here (bench/page-weight.ts prints the same figures).

/**
 * Routes that are no page for anyone: files, JSON for the progress script, and redirects. A route
 * missing here that nobody could open is a page the demo has no ids for, or a page that fails.
 */
const NOT_PAGES = [
  '/accessibility',
  '/attachments/:id',
  '/barrierefreiheit/',
  '/meetings/:id/ics',
  '/officer/export/institutions.csv',
  '/officer/export/partnerships.csv',
  '/officer/export/reports.csv',
  '/officer/imports/:id/status.json',
  '/officer/open-data/template.csv',
  '/officer/rounds/:id/status.json',
  '/partnerships/:id/agreement/versions/:version/pdf',
  '/partnerships/:id/reports/:reportId/pdf',
  '/partnerships/:id/trips/:tripId/funding/:slug/budget.csv',
  '/partnerships/:id/trips/:tripId/funding/:slug/budget.pdf',
  '/profile/data/export',
  '/robots.txt',
  '/sitemap.xml',
  '/visits/:id/ics',
].sort()

t.test('the route table lists every GET route as a full path', async (t) => {
  const app = Fastify()
  for (const path of ['/', '/a', '/a/:id', '/a/:id/edit', '/b/c.csv', '/b/d']) app.get(path, async () => 'x')
  app.post('/a/:id/post-only', async () => 'x')
  await app.ready()
  t.same(routeTable(app.printRoutes({ method: 'GET', commonPrefix: false })).sort(), [
    '/',
    '/a',
    '/a/:id',
    '/a/:id/edit',
    '/b/c.csv',
    '/b/d',
  ])
  await app.close()
})

// Seeding, a matching round and some 1,200 page views in four languages: longer than the default.
t.setTimeout(420_000)

let demo: Demo
t.before(async () => {
  demo = await startDemo('page-weight')
})
t.teardown(() => demo?.close())

t.test(
  'the assets carry the headers that protect a subresource, not the ones only a page obeys',
  async (t) => {
    const { stack } = demo
    const page = await stack.web.inject('/sign-in')
    const icon = /<link rel="icon" href="(\/static\/favicon\.svg\?v=[\w-]+)"/.exec(page.body)?.[1]
    t.ok(icon, 'the page names its icon by its hashed URL (no /favicon.ico redirect)')
    t.ok(page.headers['x-frame-options'] && page.headers['permissions-policy'], 'a page keeps every header')
    for (const url of [/href="(\/static\/app\.css[^"]+)"/.exec(page.body)![1]!, icon!]) {
      const res = await stack.web.inject(url)
      t.equal(res.statusCode, 200, url)
      t.equal(res.headers['x-content-type-options'], 'nosniff', `${url}: nosniff`)
      t.equal(res.headers['cross-origin-resource-policy'], 'same-origin', `${url}: CORP`)
      t.match(String(res.headers['content-security-policy']), /default-src 'self'/, `${url}: CSP`)
      for (const h of [
        'x-frame-options',
        'cross-origin-opener-policy',
        'permissions-policy',
        'x-xss-protection',
      ])
        t.notOk(res.headers[h], `${url}: no ${h}`)
    }
  },
)

t.test('every page of the demo data is under 15,000 bytes on a first visit', async (t) => {
  const { weights, opened, patterns } = await weighAll(demo)
  t.ok(patterns.size > 40, `${patterns.size} GET routes found in the route table`)
  for (const page of ['/search', '/officer/queue', '/officer/rounds/:id', '/institutions/:id/edit'])
    t.ok(patterns.has(page), `${page} is among them`)
  t.same(
    [...patterns].filter((p) => !opened.has(p)).sort(),
    NOT_PAGES,
    'every other route opened as an HTML page for some reader',
  )
  const heaviest = new Map<string, (typeof weights)[number]>()
  for (const w of weights) if (!heaviest.has(w.pattern)) heaviest.set(w.pattern, w)
  for (const w of heaviest.values())
    t.ok(
      w.firstVisit < LIMIT_BYTES,
      `${w.pattern}: ${w.firstVisit} B first visit, ${w.repeatVisit} B repeat (${w.reader}, ${w.locale}, ${w.path})`,
    )
  t.same(
    weights.filter((w) => w.firstVisit >= LIMIT_BYTES).map((w) => `${w.reader} ${w.locale} ${w.path}`),
    [],
    `none of the ${weights.length} views is over the limit`,
  )
  t.same(
    weights.filter((w) => w.html >= 1024 && w.encoding !== 'br').map((w) => w.path),
    [],
    'every page of 1 KiB or more came brotli-compressed',
  )
})
