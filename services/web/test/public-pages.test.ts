import { LOCALES, PUBLIC_PAGE_SLUGS } from '@dj/contracts'
import type { Browser } from 'playwright-core'
import t from 'tap'
import { pagePath } from '../src/features/public/seo.js'
import { CATALOGS } from '../src/i18n/index.js'
import { type AuditedPage, auditPages } from './helper/axe-pages.js'
import { launch } from './helper/browser.js'
import { accessMatrix, type Sessions, sevenReaders } from './helper/seven-readers.js'
import { type Stack, startStack } from './helper/stack.js'
import { webGet, webPost } from './helper/web-session.js'

// Issue 14, items 1 and 7 on the web: the Welcome-Center's pages for anonymous readers in four
// languages (language in the URL, hreflang, canonical, description), the visible "translation
// missing" fallback, sitemap and robots, the offices' editor (seven readers on every page and
// form, save, preview through the sanitiser, versions, restore) and axe in Chromium.

let stack: Stack
let browser: Browser | undefined
let sessions: Sessions
let officerEmail = ''
const ORIGIN = 'http://127.0.0.1'

t.before(async () => {
  stack = await startStack('public-pages')
  const readers = await sevenReaders(stack, 'wp')
  sessions = readers.sessions
  const [u] = await stack.api.app.dbHandle.sql<{ email: string }[]>`
    select email from users where id = ${readers.actors.officerDu.id}`
  officerEmail = u!.email
})
t.teardown(async () => {
  await browser?.close()
  await stack?.close()
})

t.test('every public page opens for anonymous readers in its URL language', async (t) => {
  for (const slug of PUBLIC_PAGE_SLUGS)
    for (const locale of LOCALES) {
      const path = pagePath(locale, slug)
      const res = await webGet(stack, path)
      t.equal(res.statusCode, 200, path)
      const lang = locale === 'zh' ? 'zh-Hans' : locale === 'de-simple' ? 'de' : locale
      t.match(res.body, `<html lang="${lang}"`, `${path}: lang`)
      t.match(res.body, `<link rel="canonical" href="${ORIGIN}${path}">`, `${path}: canonical`)
      t.match(res.body, /<meta name="description" content="[^"]+">/, `${path}: description`)
      for (const [hreflang, l] of [
        ['de', 'de'],
        ['en', 'en'],
        ['zh-Hans', 'zh'],
        ['de-x-simple', 'de-simple'],
        ['x-default', 'de'],
      ] as const)
        t.match(
          res.body,
          `<link rel="alternate" hreflang="${hreflang}" href="${ORIGIN}${pagePath(l, slug)}">`,
          `${path}: hreflang ${hreflang}`,
        )
    }
  // The URL decides, not the browser's language.
  const zh = await stack.web.inject({ url: '/zh/faq', headers: { 'accept-language': 'de' } })
  t.match(zh.body, '<h1>常见问题</h1>')
  t.equal((await webGet(stack, '/de/nope')).statusCode, 404, 'an unknown slug is the 404 page')
})

t.test('the landing page links to registering and signing in; the regions are listed', async (t) => {
  const landing = await webGet(stack, '/de')
  t.match(landing.body, 'href="/register"')
  t.match(landing.body, 'href="/sign-in"')
  const about = await webGet(stack, '/zh/cooperation')
  t.match(about.body, CATALOGS.zh['public.regionsTitle'])
  t.match(about.body, '于利希')
  t.match(about.body, '氢能')
  const de = await webGet(stack, '/de/cooperation')
  t.match(de.body, 'Jülich')
  t.match(de.body, 'Wasserstoff')
})

t.test(
  'a language without its own text shows another one, with a note in the reader’s language',
  async (t) => {
    const res = await webGet(stack, '/de-simple/faq')
    t.equal(res.statusCode, 200)
    t.match(res.body, CATALOGS['de-simple']['public.missing']!.replace('{language}', 'Deutsch'))
    t.match(res.body, '<div class="public-text" lang="de">')
    t.notMatch((await webGet(stack, '/de-simple')).body, 'class="notice" role="note"')
  },
)

t.test('the language menu on a public page goes to the same page in the chosen language', async (t) => {
  const res = await webPost(stack, '/language', sessions.anon, { locale: 'zh', next: '/de/faq' })
  t.equal(res.statusCode, 303)
  t.equal(res.headers.location, '/zh/faq')
  const landing = await webPost(stack, '/language', sessions.anon, { locale: 'de-simple', next: '/en' })
  t.equal(landing.headers.location, '/de-simple')
  const other = await webPost(stack, '/language', sessions.anon, { locale: 'en', next: '/search' })
  t.equal(other.headers.location, '/search', 'other pages stay where they are')
})

t.test('sitemap and robots', async (t) => {
  const map = await webGet(stack, '/sitemap.xml')
  t.equal(map.statusCode, 200)
  t.match(String(map.headers['content-type']), 'application/xml')
  const locs = [...map.body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])
  // +1: the impact figures page (issue 14, item 4) in every language.
  t.equal(locs.length, (PUBLIC_PAGE_SLUGS.length + 1) * LOCALES.length)
  t.ok(locs.includes(`${ORIGIN}/zh/take-part`))
  t.match(map.body, `<xhtml:link rel="alternate" hreflang="x-default" href="${ORIGIN}/de/faq"/>`)
  const robots = await webGet(stack, '/robots.txt')
  t.match(robots.body, `Sitemap: ${ORIGIN}/sitemap.xml`)
  t.match(robots.body, 'Allow: /de/')
})

t.test('seven readers on the editor pages and forms', async (t) => {
  const get = (path: string) => accessMatrix(sessions, (s) => webGet(stack, path, s))
  const staff = ['sign-in', 403, 403, 403, 200, 200, 200]
  t.same(await get('/officer/pages'), staff, 'list')
  t.same(await get('/officer/pages/faq/zh'), staff, 'editor')
  t.same(await get('/officer/pages/faq/zh/versions/0'), staff, 'version')
  // Preview only: it stores nothing, so every reader may try it and only officers get a page.
  const preview = await accessMatrix(sessions, (s) =>
    webPost(stack, '/officer/pages/faq/zh', s, {
      action: 'preview',
      title: 'x',
      description: 'x',
      body: 'x',
    }),
  )
  t.same(preview, ['sign-in', 403, 403, 403, 200, 200, 403], 'preview')
  const restore = await accessMatrix(sessions, (s) =>
    webPost(stack, '/officer/pages/faq/zh/restore', s, { version: '7', current: '0' }),
  )
  t.same(restore, ['sign-in', 403, 403, 403, 404, 404, 403], 'restore of a version that is not there')
  const list = await webGet(stack, '/officer/pages', sessions.officerJh)
  t.match(list.body, CATALOGS.zh['public.editor.missing'])
})

t.test('an officer saves, previews through the sanitiser, views a version and restores it', async (t) => {
  const path = '/officer/pages/contact/en'
  const preview = await webPost(stack, path, sessions.officerDu, {
    action: 'preview',
    version: '0',
    title: 'Contact',
    description: 'Reach us.',
    body: '## Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(2)) <b onclick="x()">bold</b>',
  })
  t.equal(preview.statusCode, 200)
  // The textarea keeps the Markdown as typed (escaped); the preview is what the sanitiser left.
  const shown = /<div class="public-text preview"[^>]*>([\s\S]*?)<\/div>/.exec(preview.body)?.[1] ?? ''
  t.match(shown, '<h2>Hi</h2>')
  t.match(shown, 'bold')
  t.notMatch(shown, /<script|alert\(1|onclick|href="javascript/i)
  t.match(shown, '<a>x</a>', 'the javascript: link lost its href')
  t.notMatch(preview.body, /<script>alert/, 'nothing unescaped anywhere on the page')

  const empty = await webPost(stack, path, sessions.officerDu, {
    action: 'save',
    version: '0',
    title: '',
    description: '',
    body: '',
  })
  t.equal(empty.statusCode, 400)
  t.match(empty.body, 'aria-invalid="true"')
  t.match(empty.body, 'id="f-title-error"')

  const saved = await webPost(stack, path, sessions.officerDu, {
    action: 'save',
    version: '0',
    title: 'Write to us',
    description: 'How to reach the Welcome-Center.',
    body: 'Our new **contact** text.',
  })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `${path}?notice=page-saved`)
  const pub = await webGet(stack, '/en/contact')
  t.match(pub.body, '<h1>Write to us</h1>')
  t.match(pub.body, '<strong>contact</strong>')

  const stale = await webPost(stack, path, sessions.officerJh, {
    action: 'save',
    version: '0',
    title: 'Older',
    description: 'Older.',
    body: 'Older',
  })
  t.equal(stale.statusCode, 409)
  t.match(stale.body, 'Older', 'the text stays in the form')

  const editor = await webGet(stack, path, sessions.officerDu)
  t.match(editor.body, `href="${path}/versions/0"`)
  const restored = await webPost(stack, `${path}/restore`, sessions.officerJh, { version: '0', current: '1' })
  t.equal(restored.statusCode, 303)
  t.match((await webGet(stack, '/en/contact')).body, '<h1>Contact</h1>')
})

t.test('in the browser: public pages in four languages and the editor pass axe', async (t) => {
  try {
    browser = await launch()
  } catch (e) {
    t.fail(`no browser: ${(e as Error).message}`)
    return
  }
  const pages: AuditedPage[] = [
    [null, '/de', 'de-DE', 'public-welcome-de'],
    [null, '/de-simple/faq', 'de-DE', 'public-faq-de-simple'],
    [null, '/en/take-part', 'en-GB', 'public-take-part-en'],
    [null, '/zh/cooperation', 'zh-CN', 'public-cooperation-zh'],
    [officerEmail, '/officer/pages', 'de-DE', 'public-editor-list-de'],
    [officerEmail, '/officer/pages/faq/zh', 'de-DE', 'public-editor-de'],
    [officerEmail, '/officer/pages/faq/zh/versions/0', 'de-DE', 'public-editor-version-de'],
  ]
  await auditPages(t, browser, stack.webUrl, pages)
})
