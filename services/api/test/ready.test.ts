import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createTcpProxy, createTestDatabase, createTestRedis, waitFor } from '@dj/testkit'
import t from 'tap'

// Runs the real server process behind two proxies so PostgreSQL and Redis can be taken away
// and given back, and checks that /ready says so while the process stays up and recovers.
t.test('/ready answers 503 while PostgreSQL or Redis is down and recovers when they return', async (t) => {
  const db = await createTestDatabase('ready')
  const redis = createTestRedis('ready')
  const pgProxy = await createTcpProxy(5432)
  const redisProxy = await createTcpProxy(6379)
  const port = 30_000 + Math.floor(Math.random() * 20_000)
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))],
    {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        PORT: String(port),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${pgProxy.port}/${db.name}`,
        REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
        QUEUE_PREFIX: redis.prefix,
        JWT_SECRET: 'ready-test-secret-long-enough-0123456789',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  let exited = false
  server.on('exit', () => {
    exited = true
  })
  t.teardown(async () => {
    server.kill('SIGTERM')
    await pgProxy.close()
    await redisProxy.close()
    await redis.cleanup()
    await db.drop()
  })
  const base = `http://127.0.0.1:${port}`
  const ready = async () => {
    try {
      const res = await fetch(`${base}/ready`)
      return {
        status: res.status,
        body: (await res.json()) as { checks: { postgres: string; redis: string } },
      }
    } catch {
      return undefined
    }
  }
  await waitFor(async () => (await ready())?.status === 200, { what: 'server ready', timeoutMs: 30_000 })

  await pgProxy.down()
  const pgDown = await waitFor(
    async () => {
      const r = await ready()
      return r?.status === 503 ? r : undefined
    },
    { what: '503 with postgres down' },
  )
  t.equal(pgDown.body.checks.postgres, 'down')
  t.equal(pgDown.body.checks.redis, 'ok')
  const login = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'a@example.org', password: 'whatever password' }),
  })
  t.equal(login.status, 503, 'a route that needs the database answers 503')
  t.equal(((await login.json()) as { code: string }).code, 'SERVICE_UNAVAILABLE')
  await pgProxy.up()
  await waitFor(async () => (await ready())?.status === 200, { what: 'recovery from postgres outage' })

  // An admin token, to reach a route that needs Redis directly (queue counts).
  const { createStaffUser } = await import('../src/domains/accounts/create-staff.js')
  const { createDb } = await import('@dj/db')
  const handle = createDb(db.url, { max: 1 })
  await createStaffUser(
    handle.db,
    { email: 'ops@example.org', password: 'ops password 2026', name: 'Ops', role: 'admin' },
    { memoryKib: 19_456, timeCost: 2 },
  )
  await handle.close()
  const adminLogin = await fetch(`${base}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ops@example.org', password: 'ops password 2026' }),
  })
  const { accessToken } = (await adminLogin.json()) as { accessToken: string }
  const queues = () =>
    fetch(`${base}/v1/admin/queues`, { headers: { authorization: `Bearer ${accessToken}` } })
  t.equal((await queues()).status, 200)

  await redisProxy.down()
  const redisDown = await waitFor(
    async () => {
      const r = await ready()
      return r?.status === 503 ? r : undefined
    },
    { what: '503 with redis down' },
  )
  t.equal(redisDown.body.checks.redis, 'down')
  t.equal(redisDown.body.checks.postgres, 'ok')
  const queuesDown = await queues()
  t.equal(queuesDown.status, 503, 'a route that needs Redis answers 503 at once')
  t.equal(((await queuesDown.json()) as { code: string }).code, 'SERVICE_UNAVAILABLE')
  await redisProxy.up()
  await waitFor(async () => (await ready())?.status === 200, { what: 'recovery from redis outage' })
  t.equal(exited, false, 'the process stayed up throughout')
  t.equal((await fetch(`${base}/health`)).status, 200)
})

t.test('a missing secret in production stops the start with one clear message', async (t) => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('../src/server.ts', import.meta.url))],
    {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: fileURLToPath(new URL('.', import.meta.url)),
    },
  )
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  t.equal(code, 1)
  t.match(stderr, /JWT_SECRET/)
  t.match(stderr, /EMAIL_LINK_SECRET/, 'the email link key has no production default either')
  t.match(stderr, /PORT/)
})
