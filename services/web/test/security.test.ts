import { request as httpRequest } from 'node:http'
import { createStaff, PASSWORD, registerCoordinator } from '@dj/stack'
import t from 'tap'
import { SESSION_COOKIE } from '../src/view.js'
import { type Stack, startStack } from './helper/stack.js'

// Session and CSRF checks come before any body is read, and the session is sealed by
// @fastify/secure-session: what a browser holds it can neither read nor change.

let stack: Stack
t.before(async () => {
  stack = await startStack('web-security')
  await createStaff(stack.api.app, 'officer@kreis-dueren.example', 'officer', 'duren')
  await registerCoordinator(stack.api.app, 'coord@school.example', { verify: false })
})
t.teardown(() => stack.close())

const sessionCookie = (headers: Record<string, unknown>) => {
  const all = [headers['set-cookie']].flat().map(String)
  return all.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.split(';')[0]
}
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1]

/** Signs in through the web's own form; returns the session cookie and a fresh form token. */
async function signIn(email: string) {
  const first = await stack.web.inject('/sign-in')
  const cookie = sessionCookie(first.headers)!
  const res = await stack.web.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      _csrf: csrfOf(first.body)!,
      email,
      password: PASSWORD,
      next: '/',
    }).toString(),
  })
  if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`)
  const signedIn = sessionCookie(res.headers)!
  const page = await stack.web.inject({ url: '/officer/imports', headers: { cookie: signedIn } })
  return { cookie: signedIn, csrf: csrfOf(page.body), before: { cookie, csrf: csrfOf(first.body)! } }
}

const BOUNDARY = 'dj-boundary-7f3a'
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
const fileStart = (name = 'schulen.csv') =>
  `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="${name}"\r\ncontent-type: text/csv\r\n\r\n`

/**
 * Sends the start of a multipart upload that claims 4 MiB and never sends the rest, and
 * resolves with the answer. A server that buffered the body first could not answer at all.
 */
function unfinishedUpload(path: string, head: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; location?: string; body: string }>((resolve, reject) => {
    const url = new URL(path, stack.webUrl)
    const req = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(4 * 1024 * 1024),
        ...headers,
      },
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, location: res.headers.location, body })
        req.destroy()
      })
    })
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)))
    req.write(head)
    req.write('external_key,name,kind,municipality\n'.repeat(100))
    // ...and the remaining megabytes never come. A server waiting for them never answers:
    // give up after a while and report that (status 0) instead of hanging the test.
    setTimeout(() => {
      resolve({ status: 0, body: 'no answer while the body was unfinished' })
      req.destroy()
    }, 10_000).unref()
  })
}

t.test(
  'an upload is refused before its body is read: anonymous, wrong role, no or wrong token first',
  async (t) => {
    const anonymous = await unfinishedUpload('/officer/imports', field('_csrf', 'x') + fileStart())
    t.equal(anonymous.status, 303, 'anonymous: sent to sign in')
    t.match(anonymous.location, /^\/sign-in\?notice=sign-in-required/)

    const coord = await signIn('coord@school.example')
    const wrongRole = await unfinishedUpload(
      '/officer/imports',
      field('_csrf', coord.csrf ?? 'x') + fileStart(),
      {
        cookie: coord.cookie,
      },
    )
    t.equal(wrongRole.status, 403, 'a coordinator may not upload')

    const officer = await signIn('officer@kreis-dueren.example')
    t.ok(officer.csrf)
    const fileFirst = await unfinishedUpload('/officer/imports', fileStart(), { cookie: officer.cookie })
    t.equal(fileFirst.status, 403, 'the file before the token: refused')
    t.match(fileFirst.body, /<html/)
    const wrongToken = await unfinishedUpload(
      '/officer/imports',
      field('_csrf', `${officer.csrf}x`) + fileStart(),
      {
        cookie: officer.cookie,
      },
    )
    t.equal(wrongToken.status, 403, 'a wrong token: refused')
    const foreign = await unfinishedUpload('/officer/imports', field('_csrf', officer.csrf!) + fileStart(), {
      cookie: officer.cookie,
      origin: 'https://evil.example',
    })
    t.equal(foreign.status, 403, 'a foreign Origin: refused')
    const crossSite = await unfinishedUpload(
      '/officer/imports',
      field('_csrf', officer.csrf!) + fileStart(),
      {
        cookie: officer.cookie,
        'sec-fetch-site': 'cross-site',
      },
    )
    t.equal(crossSite.status, 403, 'Sec-Fetch-Site cross-site: refused')
    const elsewhere = await unfinishedUpload('/language', field('_csrf', officer.csrf!) + fileStart(), {
      cookie: officer.cookie,
    })
    t.equal(elsewhere.status, 415, 'a page that takes no upload refuses multipart at once')
  },
)

t.test('an upload with the token first goes through', async (t) => {
  const officer = await signIn('officer@kreis-dueren.example')
  const csv = 'external_key,name,kind,municipality\ndn-001,Realschule Jülich,school,dn-juelich\n'
  const body = `${field('_csrf', officer.csrf!)}${fileStart()}${csv}\r\n--${BOUNDARY}--\r\n`
  const res = await stack.web.inject({
    method: 'POST',
    url: '/officer/imports',
    headers: { cookie: officer.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: body,
  })
  t.equal(res.statusCode, 303)
  t.match(res.headers.location, /^\/officer\/imports\/[0-9a-f-]{36}\?notice=import-started$/)
  const empty = await stack.web.inject({
    method: 'POST',
    url: '/officer/imports',
    headers: { cookie: officer.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    payload: `${field('_csrf', officer.csrf!)}--${BOUNDARY}--\r\n`,
  })
  t.equal(empty.statusCode, 400, 'no file: the form again, with the error on the field')
  t.match(empty.body, /id="f-file-error"/)
})

t.test('a cross-site form post is refused before its body is parsed', async (t) => {
  const officer = await signIn('officer@kreis-dueren.example')
  const res = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(new URL('/language', stack.webUrl), {
      method: 'POST',
      headers: {
        cookie: officer.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '60000',
        'sec-fetch-site': 'cross-site',
      },
    })
    req.on('response', (r) => {
      resolve(r.statusCode ?? 0)
      r.resume()
      req.destroy()
    })
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)))
    req.write('locale=en&next=%2F')
    setTimeout(() => {
      resolve(0)
      req.destroy()
    }, 10_000).unref()
  })
  t.equal(res, 403)
})

t.test('the session cookie is sealed; a changed, foreign or old-format cookie signs out', async (t) => {
  const officer = await signIn('officer@kreis-dueren.example')
  const value = decodeURIComponent(officer.cookie.slice(SESSION_COOKIE.length + 1))
  t.notMatch(value, /eyJ|refresh|accessToken/, 'nothing readable in the cookie')
  const opened = stack.web.decodeSecureSession(value)
  t.type(opened?.get('accessToken'), 'string', 'the access token is inside')
  t.type(opened?.get('refreshToken'), 'string', 'and the refresh token')
  t.type(opened?.get('accessExpiresAt'), 'number', 'and when it runs out')

  const profile = (cookie: string) => stack.web.inject({ url: '/profile', headers: { cookie } })
  t.equal((await profile(officer.cookie)).statusCode, 200, 'the sealed session signs in')
  const [box, nonce] = value.split(';')
  const flipped = `${box!.slice(0, 10)}${box![10] === 'A' ? 'B' : 'A'}${box!.slice(11)};${nonce}`
  for (const [what, cookie] of [
    ['changed', flipped],
    ['sealed with another key', `${(await otherKeyCookie()) ?? ''}`],
    ['the old hand-rolled format', 'v1.AAAAAAAAAAAAAAAA.YWJj.AAAAAAAAAAAAAAAAAAAAAA'],
    ['garbage', 'garbage'],
  ] as const) {
    const res = await profile(`${SESSION_COOKIE}=${encodeURIComponent(cookie)}`)
    t.equal(res.statusCode, 303, `${what}: signed out`)
    t.match(res.headers.location, /^\/sign-in/)
  }
})

/** A session cookie with tokens, sealed by a web app with another SESSION_SECRET. */
async function otherKeyCookie() {
  const { startWeb } = await import('./helper/stack.js')
  const { web } = await startWeb(stack.apiUrl, {
    SESSION_SECRET: 'another-session-secret-0123456789abcdefgh',
  })
  try {
    const opened = stack.web.decodeSecureSession(
      decodeURIComponent(
        (await signIn('officer@kreis-dueren.example')).cookie.slice(SESSION_COOKIE.length + 1),
      ),
    )
    return web.encodeSecureSession(web.createSecureSession(opened?.data() ?? {}))
  } finally {
    await web.close()
  }
}

t.test('a form token is bound to its session and renewed at sign-in', async (t) => {
  const officer = await signIn('officer@kreis-dueren.example')
  const post = (cookie: string, csrf: string) =>
    stack.web.inject({
      method: 'POST',
      url: '/language',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ locale: 'de', _csrf: csrf, next: '/' }).toString(),
    })
  t.equal((await post(officer.cookie, officer.csrf!)).statusCode, 303, 'its own token: accepted')
  t.equal(
    (await post(officer.cookie, officer.before.csrf)).statusCode,
    403,
    'the token from before sign-in: refused',
  )
  const other = await signIn('coord@school.example')
  t.equal((await post(officer.cookie, other.csrf!)).statusCode, 403, "another session's token: refused")
})

t.test('security headers come from @fastify/helmet with the same strict policy', async (t) => {
  const res = await stack.web.inject('/')
  const csp = String(res.headers['content-security-policy'])
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ]) {
    t.ok(csp.includes(directive), directive)
  }
  t.notMatch(csp, /unsafe-inline|unsafe-eval|https?:/, 'nothing loosened, no other host')
  t.equal(res.headers['x-frame-options'], 'DENY')
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.equal(res.headers['referrer-policy'], 'same-origin')
  t.equal(res.headers['cross-origin-opener-policy'], 'same-origin')
  t.match(String(res.headers['permissions-policy']), /camera=\(\)/)
  t.notOk(res.headers['strict-transport-security'], 'no HSTS for a plain-http site')
  t.equal(res.headers['cache-control'], 'no-store')
})
