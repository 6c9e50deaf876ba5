import { login, registerCoordinator } from '@dj/stack'
import t from 'tap'
import { ApiClient } from '../src/api-client.js'
import { type Stack, startStack } from './helper/stack.js'

// Issue 11: reusing a refresh token now ends the family's access tokens at once. The web's
// normal use must not trip it: requests of one browser that refresh at the same moment share one
// refresh (ApiClient's single flight), so nobody is signed out by an ordinary page load.

let stack: Stack
t.before(async () => {
  stack = await startStack('refresh')
})
t.teardown(() => stack.close())

const me = (accessToken: string) =>
  fetch(new URL('/v1/me', stack.apiUrl), { headers: { authorization: `Bearer ${accessToken}` } })

t.test('parallel page loads that refresh keep the session; a replayed token ends it', async (t) => {
  await registerCoordinator(stack.api.app, 'refresh@schule.example')
  const session = await login(stack.api.app, 'refresh@schule.example')
  const api = new ApiClient(stack.apiUrl)
  const [a, b, c] = await Promise.all([
    api.refresh(session.refreshToken),
    api.refresh(session.refreshToken),
    api.refresh(session.refreshToken),
  ])
  t.ok(a.ok && b.ok && c.ok, 'every request of the page load gets tokens')
  if (!a.ok || !b.ok || !c.ok) return
  t.equal(a.data.accessToken, b.data.accessToken, 'one refresh shared')
  t.equal((await me(a.data.accessToken)).status, 200, 'still signed in')
  // The next page load, later, refreshes with the new token: still fine.
  const next = await new ApiClient(stack.apiUrl).refresh(a.data.refreshToken)
  t.ok(next.ok)
  if (!next.ok) return
  t.equal((await me(next.data.accessToken)).status, 200)
  // Someone replaying the first token (a thief, or a second web instance without the single flight).
  const replay = await new ApiClient(stack.apiUrl).refresh(session.refreshToken)
  t.equal(replay.status, 401)
  t.equal((await me(next.data.accessToken)).status, 401, "the family's access token dies at once")
})
