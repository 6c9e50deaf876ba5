import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import * as schema from '@dj/db'
import { createDb, type Db, type DbHandle, users } from '@dj/db'
import {
  bearer,
  createStaff,
  durenSchool,
  invitationToken,
  json,
  latestEventToken,
  registerCoordinator,
  PASSWORD as STACK_PASSWORD,
  startTestApp,
} from '@dj/stack'
import { createTcpProxy, createTestDatabase, createTestRedis, TEST_REDIS_URL, waitFor } from '@dj/testkit'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { loadApiConfig } from '../src/config.js'
import { hashPassword } from '../src/domains/accounts/passwords.js'

// The session-state cache (src/plugins/session-cache.ts): a cached session check reads nothing
// from PostgreSQL; a session revoked on one API process fails on another within one second; with
// Redis cut off every check reads PostgreSQL, so a revoked token is refused and a valid one is not.

const root = fileURLToPath(new URL('../../..', import.meta.url))
t.setTimeout(240_000)
const PASSWORD = 'correct horse battery'
const UNREAD = '/v1/notifications/unread-count'
const REFUSED = [401, 403]

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> }
}

/**
 * Asks `base` until it answers `wanted` or one second has passed since the call; returns the
 * last status. One second is the promise (a correctness bound, not a speed measurement): the
 * processes keep copies for a minute, so only the revocation channel can make it in time.
 */
async function statusWithinOneSecond(
  wanted: readonly number[],
  ask: () => Promise<{ status: number }>,
): Promise<number> {
  const deadline = Date.now() + 1_000
  for (;;) {
    const { status } = await ask()
    if (wanted.includes(status) || Date.now() > deadline) return status
    await new Promise((r) => setTimeout(r, 20))
  }
}

t.test('two API processes on one database and Redis prefix', async (t) => {
  const db = await createTestDatabase('session-cache')
  const redis = createTestRedis('session-cache')
  const handle = createDb(db.url, { max: 2 })
  const children: ChildProcess[] = []
  t.teardown(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))),
    )
    await handle.close()
    await redis.cleanup()
    await db.drop()
  })

  /** `node --import tsx services/api/src/server.ts`, as two-instances.test.ts starts them. */
  async function startApi(name: string): Promise<string> {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/server.ts'], {
      cwd: root,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: db.url,
        REDIS_URL: redis.url,
        QUEUE_PREFIX: redis.prefix,
        JWT_SECRET: 'session-cache-jwt-secret-0123456789abcdef',
        EMAIL_LINK_SECRET: 'session-cache-link-secret-0123456789abcdef',
        PORT: String(port),
        SESSION_CACHE_MAX_AGE_MS: '60000',
        RATE_LIMIT_LOGIN_PER_IP: '10000',
        RATE_LIMIT_TOKEN_PER_IP: '10000',
        RATE_LIMIT_PER_USER: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.push(child)
    let log = ''
    let live = false
    const keep = (d: Buffer) => {
      log = (log + d.toString()).slice(-20_000)
      if (log.includes('session cache live')) live = true
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    const base = `http://127.0.0.1:${port}`
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${log}`)
        return (
          live &&
          (await fetch(`${base}/ready`).then(
            (r) => r.status === 200,
            () => false,
          ))
        )
      },
      { timeoutMs: 150_000, intervalMs: 200, what: `${name} ready with its session cache live` },
    )
    return base
  }

  const [a, b] = await Promise.all([startApi('api-a'), startApi('api-b')])
  const passwordHash = await hashPassword(PASSWORD, { memoryKib: 19_456, timeCost: 2 })
  const seed = async (email: string, role: 'coordinator' | 'admin' = 'coordinator') => {
    const [u] = await handle.db
      .insert(users)
      .values({ email, passwordHash, displayName: email, role, emailVerifiedAt: new Date() })
      .returning({ id: users.id })
    const pair = await call(a, 'POST', '/v1/auth/login', undefined, { email, password: PASSWORD })
    if (pair.status !== 200) throw new Error(`login ${email}: ${pair.status}`)
    return {
      id: u!.id,
      access: pair.body['accessToken'] as string,
      refresh: pair.body['refreshToken'] as string,
    }
  }
  /** Both processes accept the token now (each has its copy of the session state). */
  const warm = async (token: string) => {
    for (const base of [a, b]) if ((await call(base, 'GET', UNREAD, token)).status !== 200) return false
    return true
  }
  const unreadOnB = (token: string) => () => call(b, 'GET', UNREAD, token)

  t.test('logout on A', async (t) => {
    const u = await seed('logout@example.org')
    t.ok(await warm(u.access), 'both accept the token')
    t.equal((await call(a, 'POST', '/v1/auth/logout', u.access)).status, 204)
    t.equal(await statusWithinOneSecond(REFUSED, unreadOnB(u.access)), 401, 'B refuses it within a second')
  })

  t.test('password change on A', async (t) => {
    const u = await seed('password@example.org')
    t.ok(await warm(u.access))
    const changed = await call(a, 'POST', '/v1/auth/change-password', u.access, {
      currentPassword: PASSWORD,
      newPassword: 'an entirely new passphrase',
    })
    t.equal(changed.status, 200)
    t.equal(await statusWithinOneSecond(REFUSED, unreadOnB(u.access)), 401, 'B refuses the old token')
    t.equal(
      (await call(b, 'GET', UNREAD, changed.body['accessToken'] as string)).status,
      200,
      'and takes the new one',
    )
  })

  t.test('suspension by an admin on A', async (t) => {
    const admin = await seed('admin@example.org', 'admin')
    const u = await seed('suspended@example.org')
    t.ok(await warm(u.access))
    const res = await call(a, 'PATCH', `/v1/admin/users/${u.id}`, admin.access, { status: 'disabled' })
    t.equal(res.status, 200)
    t.ok(REFUSED.includes(await statusWithinOneSecond(REFUSED, unreadOnB(u.access))), 'B refuses it')
  })

  t.test('refresh-token reuse on A', async (t) => {
    const u = await seed('reuse@example.org')
    const rotated = await call(a, 'POST', '/v1/auth/refresh', undefined, { refreshToken: u.refresh })
    t.equal(rotated.status, 200)
    const access = rotated.body['accessToken'] as string
    t.ok(await warm(access), 'the rotated access token works on both')
    const replay = await call(a, 'POST', '/v1/auth/refresh', undefined, { refreshToken: u.refresh })
    t.equal(replay.body['code'], 'AUTH_REFRESH_REUSED')
    t.equal(await statusWithinOneSecond(REFUSED, unreadOnB(access)), 401, 'B refuses the family’s token')
  })

  t.test('a new institution on A: the coordinator searches on B at once', async (t) => {
    const u = await seed('newcomer@example.org')
    const search = () => call(b, 'GET', '/v1/search/institutions?limit=5', u.access)
    t.equal((await search()).status, 403, 'no institution yet, no search (B keeps that state)')
    const created = await call(a, 'POST', '/v1/institutions', u.access, durenSchool('Cache Gymnasium'))
    t.equal(created.status, 201)
    t.equal(await statusWithinOneSecond([200], search), 200, 'B knows the new side within a second')
  })
})

t.test('a cached session check reads nothing from PostgreSQL', async (t) => {
  const db = await createTestDatabase('session-cache-hit')
  const redis = createTestRedis('session-cache-hit')
  // Every statement the app sends, as postgres.js is about to send it.
  const statements: string[] = []
  const sql = postgres(db.url, { max: 4, onnotice: () => {}, debug: (_c, query) => statements.push(query) })
  const dbHandle: DbHandle = {
    sql,
    db: drizzle(sql, { schema }) as unknown as Db,
    close: () => sql.end({ timeout: 5 }),
  }
  const config = loadApiConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      EMAIL_LINK_SECRET: 'test-link-secret-that-is-long-enough-0123456789',
      SESSION_CACHE_MAX_AGE_MS: '60000',
    },
    envFile: false,
  })
  const app = await buildApp({ config, dbHandle, logger: false })
  t.teardown(async () => {
    await app.close()
    await dbHandle.close()
    await redis.cleanup()
    await db.drop()
  })
  await app.ready()
  await waitFor(() => app.sessionStates.live, { what: 'the session cache to be live' })
  const coord = await registerCoordinator(app, 'cached@example.org')
  const created = await app.inject({
    method: 'POST',
    url: '/v1/institutions',
    headers: bearer(coord.accessToken),
    payload: durenSchool('Hit Gymnasium'),
  })
  t.equal(created.statusCode, 201)

  const readsUsers = () => statements.filter((s) => /\busers\b/.test(s)).length
  const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(coord.accessToken) })
  statements.length = 0
  t.equal((await get(UNREAD)).statusCode, 200)
  t.ok(readsUsers() >= 1, 'a miss reads the users table (the statements are seen)')

  statements.length = 0
  const answers: number[] = []
  for (let i = 0; i < 20; i++) answers.push((await get(UNREAD)).statusCode)
  t.same(answers, Array(20).fill(200))
  t.equal(readsUsers(), 0, 'twenty cached checks read no users row')
  const search = await get('/v1/search/institutions?limit=5')
  t.equal(search.statusCode, 200, 'the coordinator searches the other side')
  t.same(
    statements.filter((s) => /\b(users|memberships)\b/.test(s)),
    [],
    'neither the session nor the caller’s side was read for it',
  )
  t.ok(Array.isArray(json<{ items: unknown[] }>(search).items))
})

t.test('Redis cut off: every check reads PostgreSQL', async (t) => {
  const proxy = await createTcpProxy(Number(new URL(TEST_REDIS_URL).port))
  const ctx = await startTestApp('session-cache-outage', {
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    SESSION_CACHE_MAX_AGE_MS: '60000',
  })
  t.teardown(async () => {
    await ctx.close()
    await proxy.close()
  })
  const { app } = ctx
  await waitFor(() => app.sessionStates.live, { what: 'the session cache to be live' })
  const leaving = await registerCoordinator(app, 'leaving@example.org')
  const suspended = await registerCoordinator(app, 'suspended@example.org')
  const staying = await registerCoordinator(app, 'staying@example.org')
  const unread = (token: string) => app.inject({ method: 'GET', url: UNREAD, headers: bearer(token) })
  for (const u of [leaving, suspended, staying]) t.equal((await unread(u.accessToken)).statusCode, 200)

  await proxy.down()
  await waitFor(() => !app.sessionStates.live, { what: 'the cache to be bypassed' })
  const out = await app.inject({
    method: 'POST',
    url: '/v1/auth/logout',
    headers: bearer(leaving.accessToken),
  })
  t.equal(out.statusCode, 204, 'logout works without Redis')
  t.equal((await unread(leaving.accessToken)).statusCode, 401, 'its token is refused')
  // Written behind the API's back: nothing could publish it, only a read of PostgreSQL sees it.
  await app.dbHandle.sql`update users set status = 'disabled' where id = ${suspended.id}`
  t.equal((await unread(suspended.accessToken)).statusCode, 403, 'a suspension is seen at once')
  t.equal((await unread(staying.accessToken)).statusCode, 200, 'a valid token still works')

  await proxy.up()
  await waitFor(() => app.sessionStates.live, { timeoutMs: 20_000, what: 'the cache to be live again' })
  t.equal((await unread(staying.accessToken)).statusCode, 200, 'and works once Redis is back')
  t.equal((await unread(leaving.accessToken)).statusCode, 401, 'the revoked one stays refused')
})

t.test('every write that changes a session state reports its user', async (t) => {
  const ctx = await startTestApp('session-cache-reports')
  t.teardown(() => ctx.close())
  const { app } = ctx
  let seen: string[] = []
  const publish = app.useCases.sessionsChanged!
  app.useCases.sessionsChanged = async (ids) => {
    seen.push(...ids)
    await publish(ids)
  }
  /** The users reported since the last call. */
  const reported = () => {
    const out = seen
    seen = []
    return out
  }
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, token: string | null, payload?: object) =>
    app.inject({ method, url, ...(token ? { headers: bearer(token) } : {}), ...(payload ? { payload } : {}) })

  const owner = await registerCoordinator(app, 'owner@example.org')
  t.same(reported(), [owner.id], 'email verification')
  t.equal((await send('PATCH', '/v1/me', owner.accessToken, { displayName: 'Owner' })).statusCode, 200)
  t.same(reported(), [owner.id], 'a new name')
  const inst = await send('POST', '/v1/institutions', owner.accessToken, durenSchool('Report Gymnasium'))
  t.equal(inst.statusCode, 201)
  t.same(reported(), [owner.id], 'a new institution (membership)')
  const id = json<{ id: string }>(inst).id

  const colleague = await registerCoordinator(app, 'colleague@example.org')
  reported()
  const invitation = json<{ id: string }>(
    await send('POST', `/v1/institutions/${id}/invitations`, owner.accessToken, {
      email: 'colleague@example.org',
    }),
  )
  const token = invitationToken(app, invitation.id)
  t.equal((await send('POST', '/v1/invitations/accept', colleague.accessToken, { token })).statusCode, 200)
  t.same(reported(), [colleague.id], 'an accepted invitation')
  const removed = await send('DELETE', `/v1/institutions/${id}/members/${colleague.id}`, owner.accessToken)
  t.equal(removed.statusCode, 204)
  t.same(reported(), [colleague.id], 'a removed member')

  const admin = await createStaff(app, 'admin@example.org', 'admin')
  for (const status of ['disabled', 'active']) {
    const res = await send('PATCH', `/v1/admin/users/${colleague.id}`, admin.accessToken, { status })
    t.equal(res.statusCode, 200)
    t.same(reported(), [colleague.id], `status ${status}`)
  }

  const asked = await send('POST', '/v1/auth/password-reset/request', null, {
    email: 'colleague@example.org',
  })
  t.equal(asked.statusCode, 202)
  const reset = await latestEventToken(app, colleague.id, 'auth.password_reset_requested')
  const confirmed = await send('POST', '/v1/auth/password-reset/confirm', null, {
    token: reset,
    newPassword: 'a reset passphrase here',
  })
  t.equal(confirmed.statusCode, 204)
  t.same(reported(), [colleague.id], 'a password reset')

  const leaving = await registerCoordinator(app, 'leaving@example.org')
  reported()
  const gone = await send('DELETE', '/v1/me', leaving.accessToken, { password: STACK_PASSWORD })
  t.equal(gone.statusCode, 204)
  t.same(reported(), [leaving.id], 'deleting one’s account')
  t.equal((await send('DELETE', `/v1/admin/users/${colleague.id}`, admin.accessToken)).statusCode, 204)
  t.same(reported(), [colleague.id], 'an erasure by an admin')
})
