// Page weight on the demo data (issue 15: every page < 15 KB transferred). Shared by the bench
// (bench/page-weight.ts prints the figures) and the test (test/page-weight.test.ts asserts the
// bytes): the pages come from the web's own route table, so a new page is measured without
// anyone adding it here — a new page with a path parameter fails until IDS says where its ids
// come from.
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { generateDemoPopulation } from '@dj/demo-data'
import type { Matcher } from '@dj/stack'
import { bearer, handleRegistryEvent, hashPassword, json, loadDemoPopulation, login } from '@dj/stack'
import type { Locale } from '../../src/i18n/index.js'
import { LOCALES } from '../../src/i18n/index.js'
import { startStackMatcher } from './journey.js'
import { type Stack, startStack } from './stack.js'
import { anonymousSession, type WebSession, webPost, webSignIn } from './web-session.js'

/** The target, in bytes: "15 KB" read as 15,000 (the stricter of 15,000 and 15,360). */
export const LIMIT_BYTES = 15_000
export const DEMO_PASSWORD = 'demo-password-2026'

/** Who reads: anonymous, the two demo coordinators with a partner at every stage, both offices, the admin. */
export const READERS = {
  anonymous: null,
  'coordinator dn1': 'coordinator.dn1@demo.invalid',
  'coordinator jh1': 'coordinator.jh1@demo.invalid',
  'officer Düren': 'officer.dueren@demo.invalid',
  'officer Jinhua': 'officer.jinhua@demo.invalid',
  admin: 'admin@demo.invalid',
} as const
export type Reader = keyof typeof READERS

/** Routes that are not pages: the health probe and the assets themselves (measured with each page). */
const NOT_PAGES = [/^\/health$/, /^\/static\//, /^\/favicon\.ico$/]

/** Pages that need a query to be a page at all (the emailed link's token; its form checks it). */
const REQUIRED_QUERY: Record<string, string> = {
  '/invitations/accept': `token=${'x'.repeat(43)}`,
}

/** Query variants of the pages whose weight depends on what is asked (the heaviest lists). */
const VARIANTS: Record<string, string[]> = {
  '/search': ['q=%E4%B8%AD%E5%AD%A6', 'q=schule', 'format=pupil_exchange_hosting'],
  '/officer/queue': ['status=verified', 'status=pending', 'q=schule'],
  '/officer/rounds/:id': ['sort=jinhua&q=schule'],
  '/officer/audit': ['order=oldest'],
  '/admin/users': ['q=demo'],
}

/**
 * Every GET route of the web app, read from Fastify's own route table (`printRoutes`), as full
 * path patterns (`/institutions/:id/edit`).
 */
export function routeTable(printed: string): string[] {
  const stack: string[] = []
  const out: string[] = []
  for (const line of printed.split('\n')) {
    const m = /^([│ ]*)[├└]── (.+?) \(([A-Z, ]+)\)$/.exec(line)
    if (!m) continue
    const depth = m[1]!.length / 4
    stack.length = depth
    stack.push(m[2]!)
    if (m[3]!.split(', ').includes('GET')) out.push(stack.join('').replace(/^\/\//, '/'))
  }
  return out.map((p) => (p.startsWith('/') ? p : `/${p}`))
}

/** The demo running: API + web on a fresh database with the demo population and a matching round. */
export interface Demo {
  stack: Stack
  matcher: Matcher
  sessions: Record<Reader, WebSession>
  /** Real ids for every path parameter, by route pattern. */
  ids: Map<string, string[]>
  close(): Promise<void>
}

/** Where the ids of each page with a path parameter come from: the demo coordinators' own things. */
const IDS: Record<string, string> = {
  '/institutions/:id': 'select id from mine',
  '/interests/:id': `select distinct on (institution_id) id from interests
    where institution_id in (select id from mine) order by institution_id, created_at`,
  '/proposals/:id': `select id from proposals
    where institution_a in (select id from mine) or institution_b in (select id from mine)`,
  '/interest-expressions/:id': 'select id from interest_expressions',
  '/partnerships/:id': `select id from partnerships
    where institution_a in (select id from mine) or institution_b in (select id from mine)`,
  '/meetings/:id': `select id from meetings
    where institution_a in (select id from mine) or institution_b in (select id from mine)`,
  '/visit-plans/:id': `select id from visit_plans
    where partnership_id in (select id from partnerships
      where institution_a in (select id from mine) or institution_b in (select id from mine))`,
  '/visits/:id': `select id from visits
    where partnership_id in (select id from partnerships
      where institution_a in (select id from mine) or institution_b in (select id from mine))`,
  '/officer/rounds/:id': 'select id from match_rounds',
  '/officer/imports/:id': 'select id from imports',
  '/officer/funding/:id': 'select id from funding_programmes',
  '/officer/open-data/claims/:id': 'select id from institution_claims',
  // The public pages by language (issue 14): every slug but the landing page, which has no parameter.
  ...Object.fromEntries(
    LOCALES.map((l) => [
      `/${l}/:slug`,
      "select unnest(array['cooperation', 'take-part', 'after-registering', 'contact', 'faq']) as id",
    ]),
  ),
  '/officer/glossary/:id': 'select id from glossary_entries limit 3',
  '/attachments/:id': 'select id from message_attachments',
  // A pattern with two parameters takes whole path prefixes (see pagesOf).
  '/partnerships/:id/reports/:reportId': `select '/partnerships/' || partnership_id || '/reports/' || id as id
    from exchange_reports where institution_id in (select id from mine)`,
  // The versions' key first: pagesOf takes the first key a pattern starts with.
  '/officer/pages/:slug/:locale/versions/:version': `select '/officer/pages/' || s || '/' || l || '/versions/0' as id
    from unnest(array['welcome', 'faq']) s cross join unnest(array['de', 'zh']) l`,
  '/officer/pages/:slug/:locale': `select '/officer/pages/' || s || '/' || l as id
    from unnest(array['welcome', 'cooperation', 'faq']) s cross join unnest(array['de', 'de-simple', 'en', 'zh']) l`,
  '/partnerships/:id/trips/:tripId': `select '/partnerships/' || partnership_id || '/trips/' || id as id
    from trip_plans where partnership_id in (select id from partnerships
      where institution_a in (select id from mine) or institution_b in (select id from mine))`,
}

/** The pattern's prefix up to its first parameter (`/institutions/:id/edit` → `/institutions/:id`). */
const idKey = (pattern: string) => /^[^:]*:[^/]+/.exec(pattern)![0]

/**
 * Starts API and web, loads the demo population the way `pnpm start` does, adds what the demo
 * lacks for some pages (a matching round over everything, an expression of interest, a CSV import
 * with its report) and signs every reader in through the web's own form.
 */
export async function startDemo(label: string): Promise<Demo> {
  const stack = await startStack(label)
  const app = stack.api.app
  const sql = app.dbHandle.sql
  const pop = generateDemoPopulation({ seed: 20260101, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const loaded = await app.db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }),
  )
  if (!loaded.loaded) throw new Error('demo population not loaded')
  const matcher = await startStackMatcher(stack)

  const officer = await login(app, READERS['officer Düren'], DEMO_PASSWORD)
  const round = await app.inject({
    method: 'POST',
    url: '/v1/officer/rounds',
    headers: bearer(officer.accessToken),
    payload: { scope: {}, policy: 'stable' },
  })
  if (round.statusCode !== 202) throw new Error(`round not started: ${round.body}`)
  const roundId = json<{ id: string }>(round).id

  // An expression of interest from dn1's first interest to a Jinhua interest nobody proposed to it yet.
  const dn1 = await login(app, READERS['coordinator dn1'], DEMO_PASSWORD)
  const [from] = await sql<{ id: string }[]>`
    select i.id from interests i join memberships m on m.institution_id = i.institution_id
    join users u on u.id = m.user_id where u.email = ${READERS['coordinator dn1']}
    order by i.created_at limit 1`
  const targets = await sql<{ id: string }[]>`
    select i.id from interests i join institutions n on n.id = i.institution_id
    where n.side = 'jinhua' and n.status = 'verified' and i.status = 'open'
      and n.id not in (select institution_id from memberships)
    order by i.created_at limit 30`
  let expressed = false
  for (const to of targets) {
    const res = await app.inject({
      method: 'POST',
      url: `/v1/interests/${to.id}/express-interest`,
      headers: bearer(dn1.accessToken),
      payload: { fromInterestId: from!.id },
    })
    if (res.statusCode < 300) {
      expressed = true
      break
    }
  }
  if (!expressed) throw new Error('no interest could be expressed on the demo data')

  // The reports of the demo's ended visits, as the scheduler's sweep opens them (issue 13).
  await sql`insert into exchange_reports (visit_id, partnership_id, institution_id, fields)
    select v.id, v.partnership_id, i.id, '{"participants":{"bands":{}},"activities":{"chosen":[]},"outcomes":[]}'::jsonb
    from visits v cross join lateral (values (v.host_institution_id), (v.traveller_institution_id)) as i(id)
    where v.end_date < current_date on conflict do nothing`

  // A trip plan for each booked visit with its checklist, as "plan the trip" leaves it (issue 13).
  await sql`insert into trip_plans (partnership_id, visit_id, fields)
    select v.partnership_id, v.id, jsonb_build_object('direction', p.direction,
      'travel', jsonb_build_object('outbound', v.start_date, 'return', v.end_date),
      'arrival', '{}'::jsonb, 'departure', '{}'::jsonb,
      'group', jsonb_build_object('bands', jsonb_build_array(jsonb_build_object('band', '12-14', 'count', p.group_size)), 'adults', 2),
      'leaders', '[]'::jsonb, 'accommodation', '{"hostFamilies": 0}'::jsonb, 'programme', '[]'::jsonb, 'purpose', '')
    from visits v join visit_plans p on p.id = v.visit_plan_id where v.status = 'scheduled'
    on conflict do nothing`
  await sql`insert into trip_checklist_items (trip_plan_id, key, due_date, position)
    select t.id, k.key, (t.fields->'travel'->>'outbound')::date - k.days, k.n from trip_plans t
    cross join (values ('visa_schengen', 42, 0), ('insurance', 42, 1), ('parental_consent', 49, 2)) as k(key, days, n)
    on conflict do nothing`

  // A CSV import with a report: 40 rows, every other one with a problem.
  const csv = ['external_key,name,kind,subtype,municipality']
  for (let i = 0; i < 40; i++)
    csv.push(
      i % 2
        ? `dn-imp-${i},X,school,gymnasium,dn-nowhere`
        : `dn-imp-${i},Realschule Import ${i},school,realschule,dn-juelich`,
    )
  const upload = await app.inject({
    method: 'POST',
    url: '/v1/officer/imports?fileName=schulen.csv',
    headers: { ...bearer(officer.accessToken), 'content-type': 'text/csv' },
    payload: csv.join('\n'),
  })
  if (upload.statusCode !== 202) throw new Error(`import not accepted: ${upload.body}`)
  const [event] = await sql<{ id: string; payload: unknown }[]>`
    select id, payload from outbox where event_type = 'import.requested' order by created_at desc limit 1`
  await handleRegistryEvent(app.db, { outboxId: event!.id, event: event!.payload } as never)

  // Schools from open data (issue 14): the NRW fixture imported, one school claimed by dn1.
  const schools = await app.inject({
    method: 'POST',
    url: '/v1/officer/open-data/imports?format=schulgrunddaten',
    headers: { ...bearer(officer.accessToken), 'content-type': 'text/csv' },
    payload: readFileSync(new URL('../../../api/test/fixtures/schulgrunddaten-dueren.csv', import.meta.url)),
  })
  if (schools.statusCode !== 200) throw new Error(`open data not imported: ${schools.body}`)
  const [unclaimed] = await sql<{ id: string }[]>`
    select id from institutions where source = 'schulgrunddaten' order by name limit 1`
  const claimed = await app.inject({
    method: 'POST',
    url: `/v1/open-data/schools/${unclaimed!.id}/claim`,
    headers: bearer(dn1.accessToken),
    payload: { role: 'Lehrerin' },
  })
  if (claimed.statusCode !== 201) throw new Error(`no claim: ${claimed.body}`)

  // The round's page must show its result, not its progress bar.
  for (let i = 0; ; i++) {
    const [r] = await sql<{ status: string }[]>`select status from match_rounds where id = ${roundId}::uuid`
    if (r?.status === 'done') break
    if (r?.status === 'failed' || i === 1200) throw new Error(`the matching round ended ${r?.status}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }

  const ids = new Map<string, string[]>()
  for (const [key, query] of Object.entries(IDS)) {
    const rows = await sql.unsafe<{ id: string }[]>(
      `with mine as (select m.institution_id as id from memberships m join users u on u.id = m.user_id
         where u.email in ('${READERS['coordinator dn1']}', '${READERS['coordinator jh1']}'))
       ${query}`,
    )
    ids.set(
      key,
      rows.map((r) => r.id),
    )
  }

  const sessions = {} as Record<Reader, WebSession>
  for (const [reader, email] of Object.entries(READERS) as [Reader, string | null][])
    sessions[reader] = email ? await webSignIn(stack, email, DEMO_PASSWORD) : await anonymousSession(stack)
  return {
    stack,
    matcher,
    sessions,
    ids,
    async close() {
      await matcher.close()
      await stack.close()
    },
  }
}

/** The GET routes of the web app that could be pages (not the probe, not the assets). */
export const pagePatterns = (demo: Demo): string[] =>
  routeTable(demo.stack.web.printRoutes({ method: 'GET', commonPrefix: false })).filter(
    (p) => !NOT_PAGES.some((re) => re.test(p)),
  )

/** Every page to open: each GET route of the table, with real ids and its query variants. */
export function pagesOf(demo: Demo): { pattern: string; path: string }[] {
  const out: { pattern: string; path: string }[] = []
  const patterns = pagePatterns(demo)
  for (const pattern of patterns) {
    let paths = [REQUIRED_QUERY[pattern] ? `${pattern}?${REQUIRED_QUERY[pattern]}` : pattern]
    const nested = Object.keys(IDS).find((k) => k.split(':').length > 2 && pattern.startsWith(k))
    if (nested) paths = (demo.ids.get(nested) ?? []).map((prefix) => paths[0]!.replace(nested, prefix))
    else if (pattern.includes(':')) {
      const key = idKey(pattern)
      const ids = demo.ids.get(key)
      if (!ids) throw new Error(`no demo ids for ${pattern}: say where they come from in IDS (${key})`)
      paths = ids.map((id) => paths[0]!.replace(/:[a-zA-Z]+/, id))
    }
    for (const path of paths) {
      out.push({ pattern, path })
      for (const query of VARIANTS[pattern] ?? []) out.push({ pattern, path: `${path}?${query}` })
    }
  }
  return out
}

export interface Fetched {
  status: number
  type: string
  /** Status line and headers as they came over the wire. */
  headerBytes: number
  /** The body as sent (compressed when the server compressed it). */
  bodyBytes: number
  /** The body after decompression. */
  plainBytes: number
  encoding: string
  body: string
  setCookie: string[]
  location: string | undefined
}

/** One GET over a real socket, asking for brotli or gzip, counting what came over the wire. */
export function fetchRaw(base: string, path: string, cookie?: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      {
        headers: {
          'accept-encoding': 'br, gzip',
          accept: 'text/html,*/*',
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const raw = Buffer.concat(chunks)
          const encoding = String(res.headers['content-encoding'] ?? '')
          const plain =
            encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw
          let headerBytes = Buffer.byteLength(
            `HTTP/${res.httpVersion} ${res.statusCode} ${res.statusMessage}\r\n\r\n`,
          )
          for (let i = 0; i < res.rawHeaders.length; i += 2)
            headerBytes += Buffer.byteLength(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`)
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type'] ?? ''),
            headerBytes,
            bodyBytes: raw.length,
            plainBytes: plain.length,
            encoding,
            body: plain.toString('utf8'),
            setCookie: [res.headers['set-cookie'] ?? []].flat(),
            location: res.headers.location,
          })
        })
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** What a page links that a first visit downloads: stylesheets, scripts, images, icons. */
export function linkedAssets(body: string): string[] {
  const urls = new Set<string>()
  for (const m of body.matchAll(/<link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*\bhref="([^"]+)"/g))
    urls.add(m[1]!)
  for (const m of body.matchAll(/<(?:script|img)\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!)
  // Browsers ask for the icon on their own when the page names none.
  if (!/rel="icon"/.test(body)) urls.add('/favicon.ico')
  return [...urls].filter((u) => u.startsWith('/')).map((u) => u.replaceAll('&amp;', '&'))
}

export interface Weight {
  reader: Reader
  locale: Locale
  pattern: string
  path: string
  /** First visit: the page and everything it links (assets not cached yet). */
  firstVisit: number
  /** Repeat visit: the page alone (assets cached, immutable). */
  repeatVisit: number
  /** The page's HTML uncompressed. */
  html: number
  encoding: string
}

/** A page's figures: the page, then each asset it links (followed through a redirect). */
async function weigh(demo: Demo, cookie: string | undefined, path: string, assets: Map<string, number>) {
  const base = demo.stack.webUrl
  const page = await fetchRaw(base, path, cookie)
  if (page.status !== 200 || !page.type.startsWith('text/html')) return { page, first: 0 }
  let first = page.headerBytes + page.bodyBytes
  for (const url of linkedAssets(page.body)) {
    let bytes = assets.get(url)
    if (bytes === undefined) {
      bytes = 0
      let next: string | undefined = url
      for (let hops = 0; next && hops < 3; hops++) {
        const a = await fetchRaw(base, next)
        bytes += a.headerBytes + a.bodyBytes
        next = a.status >= 300 && a.status < 400 ? a.location : undefined
      }
      assets.set(url, bytes)
    }
    first += bytes
  }
  return { page, first }
}

/** Switches a reader to a language the way the language menu does (account or cookie). */
async function useLocale(demo: Demo, reader: Reader, locale: Locale) {
  const s = demo.sessions[reader]
  const res = await webPost(demo.stack, '/language', s, { locale, next: '/' })
  if (res.statusCode !== 303) throw new Error(`language not changed for ${reader}: ${res.statusCode}`)
  const lang = [res.headers['set-cookie'] ?? []].flat().map(String)
  const langCookie = lang.find((c) => c.startsWith('dj_lang='))?.split(';')[0]
  const session = lang.find((c) => c.startsWith('dj_session='))?.split(';')[0]
  const others = s.cookie.split('; ').filter((c) => !c.startsWith('dj_lang=') && !c.startsWith('dj_session='))
  const own = session ?? s.cookie.split('; ').find((c) => c.startsWith('dj_session='))
  s.cookie = [own, ...others, langCookie].filter(Boolean).join('; ')
}

/**
 * Opens every page as every reader in every language and weighs it. Pages a reader may not open
 * (redirects, 403, 404) and files (CSV, ICS, JSON) are not weighed; `opened` says which patterns
 * some reader opened as an HTML page.
 */
export async function weighAll(
  demo: Demo,
  options: { locales?: readonly Locale[] } = {},
): Promise<{ weights: Weight[]; opened: Set<string>; patterns: Set<string> }> {
  const pages = pagesOf(demo)
  const weights: Weight[] = []
  const opened = new Set<string>()
  const assets = new Map<string, number>()
  for (const locale of options.locales ?? LOCALES) {
    for (const reader of Object.keys(READERS) as Reader[]) {
      await useLocale(demo, reader, locale)
      for (const { pattern, path } of pages) {
        const cookie = demo.sessions[reader].cookie
        const { page, first } = await weigh(demo, cookie, path, assets)
        refreshCookie(demo, reader, page)
        if (!first) continue
        opened.add(pattern)
        weights.push({
          reader,
          locale,
          pattern,
          path,
          firstVisit: first,
          repeatVisit: page.headerBytes + page.bodyBytes,
          html: page.plainBytes,
          encoding: page.encoding || 'identity',
        })
      }
    }
  }
  weights.sort((a, b) => b.firstVisit - a.firstVisit)
  // Every route of the table, also one the demo has no ids for: the test then says it was never opened.
  return { weights, opened, patterns: new Set(pagePatterns(demo)) }
}

/** A page may rewrite the session cookie (a refreshed token): keep the browser's copy current. */
function refreshCookie(demo: Demo, reader: Reader, page: Fetched) {
  const next = page.setCookie.find((c) => c.startsWith('dj_session='))?.split(';')[0]
  if (!next) return
  const s = demo.sessions[reader]
  s.cookie = [next, ...s.cookie.split('; ').filter((c) => !c.startsWith('dj_session='))].join('; ')
}
