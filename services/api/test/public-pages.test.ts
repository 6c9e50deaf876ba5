import { LOCALES, PUBLIC_PAGE_SLUGS } from '@dj/contracts'
import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  json,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import t from 'tap'

// Issue 14, item 1 through the API: every public page in every language for anyone, the
// "translation missing" fallback, officers' saves as versions (stale → 409 naming the current
// one), restore, the audit trail, the sanitiser on the way out, and all seven actors on the
// officer routes.

let ctx: TestContext
let a: SevenActors

interface Page {
  slug: string
  locale: string
  contentLocale: string
  missing: boolean
  title: string
  description: string
  html: string
  version: number
}
interface Draft {
  present: boolean
  version: number
  currentVersion: number
  title: string
  body: string
  html: string
  restoredFrom: number | null
  versions: { version: number; restoredFrom: number | null; by: string | null }[]
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}

t.before(async () => {
  ctx = await startTestApp('public-pages')
  a = await sevenActors(ctx.app, 'pub')
})
t.teardown(() => ctx.close())

t.test('every page answers in every language for anyone, signed in or not', async (t) => {
  for (const slug of PUBLIC_PAGE_SLUGS)
    for (const locale of LOCALES) {
      const res = await send('GET', `/v1/public/pages/${slug}/${locale}`, 'anonymous')
      t.equal(res.statusCode, 200, `${slug}/${locale}`)
      const page = json<Page>(res)
      t.equal(page.locale, locale)
      t.ok(page.title && page.description && page.html, `${slug}/${locale} has text`)
    }
  t.equal(json<Page>(await send('GET', '/v1/public/pages/faq/zh', 'stranger')).contentLocale, 'zh')
  t.equal((await send('GET', '/v1/public/pages/nope/de', 'anonymous')).statusCode, 400)
  t.equal((await send('GET', '/v1/public/pages/faq/fr', 'anonymous')).statusCode, 400)
})

t.test('a language without text falls back, marked', async (t) => {
  const faq = json<Page>(await send('GET', '/v1/public/pages/faq/de-simple', 'anonymous'))
  t.equal(faq.missing, true)
  t.equal(faq.contentLocale, 'de')
  const own = json<Page>(await send('GET', '/v1/public/pages/welcome/de-simple', 'anonymous'))
  t.equal(own.missing, false)
  t.equal(own.contentLocale, 'de-simple')
})

t.test('seven actors on the officer routes', async (t) => {
  const body = { expectedVersion: 0, title: 'Kontakt', description: 'Kontakt.', body: 'Text' }
  for (const who of ACTOR_NAMES) {
    const list = await send('GET', '/v1/officer/public-pages', who)
    const draft = await send('GET', '/v1/officer/public-pages/contact/en', who)
    const version = await send('GET', '/v1/officer/public-pages/contact/en/versions/0', who)
    const preview = await send('POST', '/v1/officer/public-pages/preview', who, { body: '**x**' })
    // A body the schema refuses: the access check answers first, officers get 400.
    const save = await send('PUT', '/v1/officer/public-pages/contact/en', who, { ...body, title: '' })
    const restore = await send('POST', '/v1/officer/public-pages/contact/en/restore', who, {
      expectedVersion: 'x',
    })
    const reads = who === 'anonymous' ? 401 : ['officerDu', 'officerJh', 'admin'].includes(who) ? 200 : 403
    const writes = who === 'anonymous' ? 401 : ['officerDu', 'officerJh'].includes(who) ? 400 : 403
    t.equal(list.statusCode, reads, `${who} list`)
    t.equal(draft.statusCode, reads, `${who} draft`)
    t.equal(version.statusCode, reads, `${who} version`)
    t.equal(preview.statusCode, writes === 400 ? 200 : writes, `${who} preview`)
    t.equal(save.statusCode, writes, `${who} save`)
    t.equal(restore.statusCode, writes, `${who} restore`)
  }
  const list = json<{ items: { slug: string; locale: string; present: boolean }[] }>(
    await send('GET', '/v1/officer/public-pages', 'admin'),
  )
  t.equal(list.items.length, PUBLIC_PAGE_SLUGS.length * LOCALES.length)
  t.same(list.items.find((i) => i.slug === 'faq' && i.locale === 'de-simple')?.present, false)
})

t.test('saves are versions, stale saves 409, restore makes a new version, all audited', async (t) => {
  const url = '/v1/officer/public-pages/contact/en'
  const first = await send('PUT', url, 'officerDu', {
    expectedVersion: 0,
    title: 'Contact us',
    description: 'How to reach us.',
    body: '## Office\n\nWrite to [us](mailto:welcome@example.org). <script>alert(1)</script>',
  })
  t.equal(first.statusCode, 200, first.body)
  const d1 = json<Draft>(first)
  t.equal(d1.currentVersion, 1)
  t.same(
    d1.versions.map((v) => v.version),
    [1, 0],
  )
  t.notMatch(d1.html, /script|alert/)
  const pub = json<Page>(await send('GET', '/v1/public/pages/contact/en', 'anonymous'))
  t.equal(pub.title, 'Contact us')
  t.equal(pub.version, 1)
  t.notMatch(pub.html, /script/)

  const stale = await send('PUT', url, 'officerJh', {
    expectedVersion: 0,
    title: 'Other',
    description: 'Other.',
    body: 'Other',
  })
  t.equal(stale.statusCode, 409)
  t.equal(json<{ code: string; current: { version: number } }>(stale).code, 'PUBLIC_PAGE_STALE_VERSION')
  t.equal(json<{ current: { version: number } }>(stale).current.version, 1)

  const second = await send('PUT', url, 'officerJh', {
    expectedVersion: 1,
    title: 'Contact',
    description: 'Reach us.',
    body: 'Second text',
  })
  t.equal(json<Draft>(second).currentVersion, 2)
  const v1 = json<Draft>(await send('GET', `${url}/versions/1`, 'admin'))
  t.equal(v1.title, 'Contact us')
  t.equal((await send('GET', `${url}/versions/9`, 'officerDu')).statusCode, 404)

  const restored = await send('POST', `${url}/restore`, 'officerDu', { expectedVersion: 2, version: 0 })
  t.equal(restored.statusCode, 200, restored.body)
  const d3 = json<Draft>(restored)
  t.equal(d3.currentVersion, 3)
  t.equal(d3.restoredFrom, 0)
  t.equal(d3.title, 'Contact')
  t.equal(json<Page>(await send('GET', '/v1/public/pages/contact/en', 'anonymous')).title, 'Contact')
  t.equal(
    (await send('POST', `${url}/restore`, 'officerDu', { expectedVersion: 2, version: 1 })).statusCode,
    409,
  )

  const audit = await ctx.app.dbHandle.sql<
    { action: string; actor_id: string; after: { version: number } }[]
  >`
    select action, actor_id, after from audit_log where entity_type = 'public_page' and entity_id = 'contact/en' order by id`
  t.same(
    audit.map((r) => [r.action, r.after.version]),
    [
      ['public_page.saved', 1],
      ['public_page.saved', 2],
      ['public_page.restored', 3],
    ],
  )
  t.equal(audit[0]?.actor_id, a.officerDu.id)
})

t.test('a saved translation ends the fallback', async (t) => {
  const url = '/v1/officer/public-pages/faq/de-simple'
  const res = await send('PUT', url, 'officerDu', {
    expectedVersion: 0,
    title: 'Fragen',
    description: 'Fragen und Antworten.',
    body: '## Kostet das Geld?\n\nNein.',
  })
  t.equal(res.statusCode, 200, res.body)
  const page = json<Page>(await send('GET', '/v1/public/pages/faq/de-simple', 'anonymous'))
  t.equal(page.missing, false)
  t.equal(page.contentLocale, 'de-simple')
})
