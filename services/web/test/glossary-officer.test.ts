import { brotliCompressSync } from 'node:zlib'
import { seedInstitution } from '@dj/stack'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { termsOf } from '../src/features/glossary/pages.js'
import { CATALOGS } from '../src/i18n/index.js'
import { type AuditedPage, auditPages } from './helper/axe-pages.js'
import { launch } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { type WebSession, webGet, webPost } from './helper/web-session.js'

// Issue 14, item 5 on the web: the offices' search glossary (list, add, edit with the version,
// remove) for the seven readers, the search result that says which translated term found it
// ("gefunden über „氢能“ (Wasserstoff)"), and axe in Chromium.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let hydrogenId = ''
let entryId = ''

/** The addresses sevenActors gives the actors signed in through the browser. */
const EMAILS = {
  du: 'wg.lehrerin@gym-dueren.de',
  officerDu: 'wg.amt@kreis-dueren.de',
  officerJh: 'wg.office@jinhua.gov.cn',
}
const de = CATALOGS.de
const zh = CATALOGS.zh

t.before(async () => {
  stack = await startStack('glossary_web')
  const app = stack.api.app
  ;({ sessions } = await sevenReaders(stack, 'wg'))
  hydrogenId = (await seedInstitution(app, 'jinhua', '金华氢能职业技术学院', [])).id
  const [hydrogen] = await app.dbHandle.sql<{ id: string }[]>`
    select id from glossary_entries where seed_key = 'hydrogen'`
  entryId = hydrogen!.id
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

const matrix = (request: (s: WebSession) => ReturnType<typeof webGet>) => accessMatrix(sessions, request)

t.test('form text to terms: commas and semicolons, Chinese ones too', async (t) => {
  t.same(termsOf('Berufsschule, Berufskolleg;Berufsfachschule'), [
    'Berufsschule',
    'Berufskolleg',
    'Berufsfachschule',
  ])
  t.same(termsOf('职业学校，职业学院、职业技术学院'), ['职业学校', '职业学院', '职业技术学院'])
  t.same(termsOf(' , '), [])
})

t.test('the glossary: both offices and admins read it, only officers change it', async (t) => {
  t.same(await matrix((s) => webGet(stack, '/officer/glossary', s)), [
    'sign-in',
    403,
    403,
    403,
    200,
    200,
    200,
  ])
  t.same(await matrix((s) => webGet(stack, '/officer/glossary/new', s)), [
    'sign-in',
    403,
    403,
    403,
    200,
    200,
    403,
  ])
  const edit = `/officer/glossary/${entryId}/edit`
  t.same(await matrix((s) => webGet(stack, edit, s)), ['sign-in', 403, 403, 403, 200, 200, 403])
  const list = await webGet(stack, '/officer/glossary', sessions.officerDu)
  t.match(list.body, 'Wasserstoff')
  t.match(list.body, '氢能, 氢')
  t.match(list.body, `href="/officer/glossary/${entryId}/edit"`)
  t.match(
    list.body,
    'href="/officer/glossary" aria-current="page"',
    'the nav link, marked as the current page',
  )
  // The page-weight test weighs every page on the demo data; this is the glossary's share of it.
  t.ok(brotliCompressSync(list.body).length < 15_000, 'the whole glossary stays under 15,000 bytes')
  const admin = await webGet(stack, '/officer/glossary', sessions.admin)
  t.notMatch(admin.body, 'href="/officer/glossary/new"', 'admins read only')
  t.match(admin.body, de['glossary.readOnly'])
  const chinese = await webGet(stack, '/officer/glossary', sessions.officerJh)
  t.match(chinese.body, zh['glossary.title'])
  const form = await webGet(stack, edit, sessions.officerJh)
  t.match(form.body, /name="zh"[^>]*value="氢能, 氢"/)
  t.match(form.body, 'name="version" value="1"')
})

t.test('officers add, edit (with the version) and remove entries; others are refused', async (t) => {
  const fields = { de: 'Drachenboot', zh: '龙舟', en: 'dragon boat' }
  for (const who of ['anon', 'du', 'jh', 'stranger', 'admin'] as const) {
    const res = await webPost(stack, '/officer/glossary/new', sessions[who], fields)
    const location = String(res.headers.location ?? '')
    t.equal(
      res.statusCode === 303 && location.startsWith('/sign-in') ? 'sign-in' : res.statusCode,
      who === 'anon' ? 'sign-in' : 403,
      who,
    )
  }
  const empty = await webPost(stack, '/officer/glossary/new', sessions.officerDu, { ...fields, en: ' ' })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'href="#f-en"', 'the error is tied to its field')
  const bad = await webPost(stack, '/officer/glossary/new', sessions.officerDu, { ...fields, de: '!!!' })
  t.equal(bad.statusCode, 422)
  t.match(bad.body, de['glossary.err.term'])
  const ok = await webPost(stack, '/officer/glossary/new', sessions.officerDu, fields)
  t.equal(ok.statusCode, 303, ok.body.slice(0, 300))
  t.equal(ok.headers.location, '/officer/glossary?notice=glossary-saved')
  const [row] = await stack.api.app.dbHandle.sql<{ id: string }[]>`
    select id from glossary_entries where de = array['Drachenboot']`
  const url = `/officer/glossary/${row!.id}/edit`
  t.equal(
    (await webPost(stack, url, sessions.officerJh, { ...fields, zh: '龙舟，赛龙舟', version: '1' }))
      .statusCode,
    303,
  )
  const stale = await webPost(stack, url, sessions.officerDu, {
    ...fields,
    en: 'dragon-boat racing',
    version: '1',
  })
  t.equal(stale.statusCode, 409)
  t.match(stale.body, de['glossary.err.stale'].slice(0, 30))
  t.match(stale.body, 'name="version" value="2"', 'the form now stands on the current version')
  t.match(stale.body, 'dragon-boat racing', 'the entries stay')
  const [edited] = await stack.api.app.dbHandle.sql<
    { zh: string[] }[]
  >`select zh from glossary_entries where id = ${row!.id}`
  t.same(edited!.zh, ['龙舟', '赛龙舟'])
  const remove = `/officer/glossary/${row!.id}/remove`
  t.equal((await webPost(stack, remove, sessions.admin, { version: '2' })).statusCode, 403)
  t.equal((await webPost(stack, remove, sessions.officerDu, { version: '1' })).statusCode, 409)
  const gone = await webPost(stack, remove, sessions.officerDu, { version: '2' })
  t.equal(gone.statusCode, 303)
  t.equal(gone.headers.location, '/officer/glossary?notice=glossary-removed')
  t.equal((await webGet(stack, url, sessions.officerDu)).statusCode, 404)
})

t.test('the search says which translated term found a hit', async (t) => {
  const res = await webGet(stack, '/search?q=Wasserstoff', sessions.du)
  t.equal(res.statusCode, 200)
  t.match(res.body, `href="/institutions/${hydrogenId}"`)
  t.match(res.body, 'data-found-via>gefunden über „氢能“ (Wasserstoff)</p>')
  const direct = await webGet(stack, '/search?q=%E6%B0%A2%E8%83%BD', sessions.du)
  t.match(direct.body, `href="/institutions/${hydrogenId}"`)
  t.notMatch(direct.body, 'data-found-via', 'found by the query itself: no label')
})

t.test('in the browser: the glossary, its form and a search with a translated hit pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const pages: AuditedPage[] = [
    [EMAILS.officerDu, '/officer/glossary', 'de-DE', 'glossary-list-de'],
    [EMAILS.officerJh, `/officer/glossary/${entryId}/edit`, 'zh-CN', 'glossary-form-zh'],
    [EMAILS.du, '/search?q=Wasserstoff', 'de-DE', 'glossary-search-de'],
  ]
  await auditPages(t, browser, stack.webUrl, pages)
})
