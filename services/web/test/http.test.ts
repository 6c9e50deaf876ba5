import t from 'tap'
import type { WebApp } from '../src/app.js'
import { startWeb } from './helper/stack.js'

// No API behind it: these are the pages and checks that work before anyone signs in.
let web: WebApp
t.before(async () => {
  ;({ web } = await startWeb('http://127.0.0.1:9'))
})
t.teardown(() => web.close())

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const raw = res.headers['set-cookie']
  const all = Array.isArray(raw) ? raw : [raw]
  return all.find((c): c is string => typeof c === 'string' && c.startsWith('dj_session='))!
}
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1]

t.test('health', async (t) => {
  const res = await web.inject('/health')
  t.equal(res.statusCode, 200)
  t.same(res.json(), { status: 'ok' })
  t.notOk(res.headers['set-cookie'], 'no session for health checks')
})

t.test('pages carry a strict CSP and no third-party references', async (t) => {
  const res = await web.inject({ url: '/', headers: { 'accept-language': 'en' } })
  t.equal(res.statusCode, 200)
  t.match(String(res.headers['content-security-policy']), /default-src 'self'/)
  t.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/)
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['cache-control'], 'no-store')
  t.match(res.body, /<html lang="en"/)
  const urls = [...res.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
  t.same(
    urls.filter((u) => /^(https?:)?\/\//.test(u)),
    [],
    'every asset and link is local',
  )
  const cookie = cookieOf(res)
  t.match(cookie, /HttpOnly/)
  t.match(cookie, /SameSite=Lax/)
  t.notMatch(cookie, /Secure/, 'not Secure over plain http')
})

t.test('static assets are versioned and cached', async (t) => {
  const page = await web.inject('/')
  const css = /href="(\/static\/app\.css\?v=[\w-]+)"/.exec(page.body)?.[1]
  t.ok(css)
  const res = await web.inject(css!)
  t.equal(res.statusCode, 200)
  t.match(String(res.headers['cache-control']), /immutable/)
  const again = await web.inject({ url: css!, headers: { 'if-none-match': String(res.headers['etag']) } })
  t.equal(again.statusCode, 304)
  t.equal((await web.inject('/static/nope.js')).statusCode, 404)
})

t.test('form posts need the CSRF token of the session and a matching Origin', async (t) => {
  const first = await web.inject('/sign-in')
  const cookie = cookieOf(first).split(';')[0]!
  const csrf = csrfOf(first.body)
  t.ok(csrf)
  const post = (payload: Record<string, string>, headers: Record<string, string> = {}) =>
    web.inject({
      method: 'POST',
      url: '/language',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: new URLSearchParams(payload).toString(),
    })
  t.equal((await post({ locale: 'en' })).statusCode, 403, 'no token')
  t.equal((await post({ locale: 'en', _csrf: 'wrong' })).statusCode, 403, 'wrong token')
  t.equal(
    (await post({ locale: 'en', _csrf: csrf! }, { origin: 'https://evil.example' })).statusCode,
    403,
    'foreign Origin',
  )
  const ok = await post({ locale: 'zh', _csrf: csrf!, next: '/sign-in' })
  t.equal(ok.statusCode, 303)
  t.equal(ok.headers.location, '/sign-in')
  t.match(String(ok.headers['set-cookie']), /dj_lang=zh/)
  const noCookie = await web.inject({
    method: 'POST',
    url: '/language',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `locale=en&_csrf=${csrf}`,
  })
  t.equal(noCookie.statusCode, 403, 'token without its session')
})

t.test('protected pages send visitors to sign in and back', async (t) => {
  for (const path of ['/profile', '/admin/users', '/institutions']) {
    const res = await web.inject(path)
    t.equal(res.statusCode, 303, path)
    t.equal(res.headers.location, `/sign-in?notice=sign-in-required&next=${encodeURIComponent(path)}`)
  }
})

t.test('unknown pages answer 404 in the reader language', async (t) => {
  const res = await web.inject({ url: '/nowhere', headers: { 'accept-language': 'zh-CN' } })
  t.equal(res.statusCode, 404)
  t.match(res.body, /<html lang="zh-Hans"/)
  t.match(res.body, /找不到页面/)
})

t.test('the API being down is a friendly page, not a crash', async (t) => {
  const first = await web.inject('/sign-in')
  const cookie = cookieOf(first).split(';')[0]!
  const res = await web.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'de' },
    payload: new URLSearchParams({
      _csrf: csrfOf(first.body)!,
      email: 'a@b.example',
      password: 'x',
    }).toString(),
  })
  t.equal(res.statusCode, 503)
  t.match(res.body, /nicht erreichbar/)
})
