import { createStaff, registerCoordinator } from '@dj/stack'
import Fastify from 'fastify'
import t, { type Test } from 'tap'
import { requireDeclaredAccess } from '../src/http/access.js'
import { type Stack, startStack } from './helper/stack.js'
import { anonymousSession, type WebSession, webGet, webPost, webSignIn } from './helper/web-session.js'

// Issue 17: every page declares its access and its request schema; the one access hook runs
// before validation; what a schema refuses is an HTML page (404 for a path, 400 for a query or a
// form), never JSON; pages, assets and API answers are compressed when the client asks.

let stack: Stack
let anon: WebSession
let coordinator: WebSession
let officer: WebSession
const SOME_ID = '00000000-0000-4000-8000-000000000000'

t.before(async () => {
  stack = await startStack('routes')
  await registerCoordinator(stack.api.app, 'koordination@routes.example')
  await createStaff(stack.api.app, 'amt@routes.example', 'officer', 'duren')
  anon = await anonymousSession(stack)
  coordinator = await webSignIn(stack, 'koordination@routes.example')
  officer = await webSignIn(stack, 'amt@routes.example')
})
t.teardown(() => stack?.close())

const isPage = (t: Test, res: { headers: Record<string, unknown>; body: string }, what: string) => {
  t.match(String(res.headers['content-type']), /^text\/html/, `${what}: an HTML page`)
  t.match(res.body, /^<!doctype html>/, `${what}: the site's page, not a bare error`)
}

t.test('a route that declares no access is refused when the app is built', async (t) => {
  const app = Fastify()
  requireDeclaredAccess(app)
  t.throws(() => app.get('/forgotten', async () => 'x'), /declares no access/)
  t.doesNotThrow(() => app.get('/declared', { config: { access: 'public' } }, async () => 'x'))
  await app.close()
})

t.test('anonymous readers are sent to sign in before the path or query is checked', async (t) => {
  for (const path of ['/meetings/not-an-id', '/proposals?status=bogus', '/institutions/x/edit']) {
    const res = await webGet(stack, path, anon)
    t.equal(res.statusCode, 303, path)
    t.equal(res.headers.location, `/sign-in?notice=sign-in-required&next=${encodeURIComponent(path)}`)
  }
  const json = await webGet(stack, `/officer/rounds/${SOME_ID}/status.json`, anon)
  t.equal(json.statusCode, 403, 'a script route answers JSON')
  t.same(json.json(), { error: 'forbidden' })
})

t.test('the wrong role gets the 403 page before validation', async (t) => {
  const res = await webGet(stack, '/officer/rounds/not-an-id', coordinator)
  t.equal(res.statusCode, 403)
  isPage(t, res, 'forbidden')
})

t.test('a malformed id is the 404 page', async (t) => {
  for (const path of [
    '/meetings/not-an-id',
    '/institutions/123/calendar',
    `/interest-expressions/${SOME_ID}x`,
  ]) {
    const res = await webGet(stack, path, coordinator)
    t.equal(res.statusCode, 404, path)
    isPage(t, res, path)
  }
  const json = await webGet(stack, '/officer/rounds/not-an-id/status.json', officer)
  t.equal(json.statusCode, 404)
  t.same(json.json(), { error: 'not found' }, 'a script route answers JSON')
})

t.test('a malformed query or form is the 400 page in the reader language', async (t) => {
  for (const path of ['/proposals?status=bogus', '/search?topic=nope', '/inbox?cursor=%3Cscript%3E']) {
    const res = await webGet(stack, path, coordinator)
    t.equal(res.statusCode, 400, path)
    isPage(t, res, path)
  }
  const de = await webGet(stack, '/sign-in?next=/a&next=/b', anon)
  t.equal(de.statusCode, 400, 'a repeated value where one is expected')
  t.match(de.body, /Diese Adresse ist so nicht lesbar/)
  const form = await webPost(stack, `/interests/${SOME_ID}/express`, coordinator, { fromInterestId: 'nope' })
  t.equal(form.statusCode, 400, 'a tampered hidden field')
  isPage(t, form, 'tampered form')
})

t.test('pages and assets are compressed when the browser asks; tiny answers are not', async (t) => {
  const home = await stack.web.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } })
  t.equal(home.headers['content-encoding'], 'gzip', 'a page, gzip')
  const css = /href="(\/static\/app\.css\?v=[\w-]+)"/.exec((await webGet(stack, '/')).body)?.[1]
  t.ok(css)
  const br = await stack.web.inject({ url: css!, headers: { 'accept-encoding': 'br, gzip' } })
  t.equal(br.headers['content-encoding'], 'br', 'the stylesheet, brotli first')
  t.match(String(br.headers['cache-control']), /immutable/, 'the current version is immutable')
  const stale = await stack.web.inject({ url: '/static/app.css?v=old' })
  t.equal(stale.statusCode, 200)
  t.notMatch(String(stale.headers['cache-control']), /immutable/, 'a stale version is not kept for a year')
  const health = await stack.web.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } })
  t.notOk(health.headers['content-encoding'], 'under 1 KiB: sent as is')
  const plain = await stack.web.inject({ url: '/' })
  t.notOk(plain.headers['content-encoding'], 'nothing asked, nothing compressed')
})

t.test('the API compresses its larger answers too', async (t) => {
  const doc = await stack.api.app.inject({ url: '/openapi.json', headers: { 'accept-encoding': 'gzip' } })
  t.equal(doc.headers['content-encoding'], 'gzip')
  const health = await stack.api.app.inject({ url: '/health', headers: { 'accept-encoding': 'gzip' } })
  t.notOk(health.headers['content-encoding'], 'a tiny answer is sent as is')
})
