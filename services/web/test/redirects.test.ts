import fc from 'fast-check'
import t, { type Test } from 'tap'
import { safeNext } from '../src/http/respond.js'
import { startWeb } from './helper/stack.js'

// ?next= must never leave the site, however it is spelled (issue: `/\t/evil.example/` went out).

const ORIGIN = 'https://austausch.example.org'

/** What a browser makes of a Location value: it drops tabs and newlines, reads \ as /. */
const asBrowser = (location: string) => new URL(location.replace(/[\t\n\r]/g, '').replace(/\\/g, '/'), ORIGIN)

/** A value as ASCII, so the test names cannot break the TAP stream. */
const show = (s: string) =>
  JSON.stringify(s).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)

function staysHome(t: Test, input: string) {
  const out = safeNext(input)
  t.ok(out.startsWith('/') && !out.startsWith('//'), `${show(input)} → ${show(out)} is a path`)
  t.equal(asBrowser(out).origin, ORIGIN, `${show(input)} stays on the site`)
  t.match(out, /^[\x21-\x7e]*$/, 'printable ASCII only (a valid Location header)')
}

const HOSTILE = [
  '//evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '/\t/evil.example/',
  '/\n/evil.example/',
  '/\r\n/evil.example/',
  '/\n',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/%2F%09%2Fevil.example%2F',
  decodeURIComponent('%2F%09%2Fevil.example%2F'),
  '/%2F/evil.example',
  '/%5C/evil.example',
  '/..//evil.example',
  '/.//evil.example',
  '/./\\evil.example',
  '/foo/..//evil.example',
  '/%2e%2e//evil.example',
  'https://evil.example/',
  'http:evil.example',
  'javascript:alert(1)',
  ' javascript:alert(1)',
  '/javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/\u2028/evil.example',
  '/\u3002evil.example',
  '/ü?x=ä#ö',
  '/@evil.example',
  '/x?next=//evil.example',
]

t.test('hostile next values stay on the site', async (t) => {
  for (const input of HOSTILE) staysHome(t, input)
  t.equal(safeNext('/\t/evil.example/'), '/', 'tab refused')
  t.equal(safeNext('/\n/evil.example/'), '/', 'newline refused')
  t.equal(safeNext('/..//evil.example'), '/', 'normalised to //evil.example: refused')
  t.equal(safeNext('javascript:alert(1)'), '/')
})

t.test('ordinary local paths are kept', async (t) => {
  t.equal(safeNext('/profile?x=1'), '/profile?x=1')
  t.equal(
    safeNext('/institutions/3f6c?tab=interests#colleagues'),
    '/institutions/3f6c?tab=interests#colleagues',
  )
  t.equal(safeNext('/search?q=金华'), '/search?q=%E9%87%91%E5%8D%8E', 'percent-encoded, same page')
  t.equal(safeNext(undefined), '/')
  t.equal(safeNext(['/profile']), '/')
  t.equal(safeNext('', '/inbox'), '/inbox')
})

/** Characters that make URLs ambiguous, mixed with ordinary ones. */
const nasty = fc.constantFrom(
  '/',
  '\\',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  ' ',
  '.',
  '..',
  '%',
  '%2F',
  '%2f',
  '%5C',
  '%09',
  '%0A',
  '%00',
  '%2e',
  ':',
  '@',
  '?',
  '#',
  '&',
  '=',
  'javascript:',
  'http:',
  'https://',
  '//',
  'evil.example',
  'ü',
  '金',
  '\u2028',
  '\ufeff',
  'a',
  '1',
)
const hostileInput = fc.oneof(
  fc.array(nasty, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.array(nasty, { maxLength: 12 }).map((parts) => `/${parts.join('')}`),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.webUrl().map((u) => u.replace(/^https?:/, '')),
  fc.webUrl(),
  fc
    .array(nasty, { maxLength: 8 })
    .map((parts) => decodeURIComponent(encodeURIComponent(`/${parts.join('')}`))),
)

t.test('property: whatever comes in, what goes out stays on the site', async (t) => {
  fc.assert(
    fc.property(hostileInput, (input) => {
      const out = safeNext(input)
      if (!out.startsWith('/') || out.startsWith('//') || out.startsWith('/\\')) return false
      if (!/^[\x21-\x7e]*$/.test(out)) return false
      return asBrowser(out).origin === ORIGIN && new URL(out, ORIGIN).origin === ORIGIN
    }),
    { numRuns: 20_000 },
  )
  t.pass('20,000 hostile inputs')
})

t.test('property: a plain local path comes back as the same page', async (t) => {
  const segment = fc.stringMatching(/^[a-z0-9-]{1,12}$/)
  fc.assert(
    fc.property(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(segment), (segments, query) => {
      const path = `/${segments.join('/')}${query ? `?q=${query}` : ''}`
      return safeNext(path) === path
    }),
  )
  t.pass('local paths are kept')
})

t.test('the language form redirects only within the site', async (t) => {
  // No API needed: the language form answers 303 to `next`.
  const { web } = await startWeb('http://127.0.0.1:9')
  t.teardown(() => web.close())
  const first = await web.inject('/sign-in')
  const cookie = String(
    [first.headers['set-cookie']].flat().find((c) => String(c).startsWith('dj_session=')),
  ).split(';')[0]!
  const csrf = /name="_csrf" value="([^"]+)"/.exec(first.body)![1]!
  const post = (next: string) =>
    web.inject({
      method: 'POST',
      url: '/language',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `locale=en&_csrf=${encodeURIComponent(csrf)}&next=${encodeURIComponent(next)}`,
    })
  for (const next of [
    '/\t/evil.example/',
    '/\n/evil.example',
    '/\n',
    '/..//evil.example',
    'javascript:alert(1)',
  ]) {
    const res = await post(next)
    t.equal(res.statusCode, 303, `${show(next)}: 303`)
    t.equal(res.headers.location, '/', `${show(next)}: home`)
  }
  t.equal((await post('/inbox?page=2')).headers.location, '/inbox?page=2')
})
