import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@dj/testkit'
import type { LightMyRequestResponse } from 'fastify'
import { type App, buildApp } from '../../src/app.js'
import { type ApiConfig, loadApiConfig } from '../../src/config.js'
import { createStaffUser } from '../../src/domains/accounts/create-staff.js'

export interface TestContext {
  app: App
  config: ApiConfig
  db: TestDatabase
  redis: TestRedis
  close(): Promise<void>
}

export const PASSWORD = 'correct horse battery'

/** A fresh database and Redis prefix for this test file, torn down by close(). */
export async function startTestApp(label: string, env: Record<string, string> = {}): Promise<TestContext> {
  const db = await createTestDatabase(label)
  const redis = createTestRedis(label)
  const config = loadApiConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      RATE_LIMIT_LOGIN_PER_IP: '10000',
      ...env,
    },
    envFile: false,
  })
  const app = await buildApp({ config, logger: false })
  await app.ready()
  await waitForRedis(app)
  return {
    app,
    config,
    db,
    redis,
    async close() {
      await app.close()
      await redis.cleanup()
      await db.drop()
    },
  }
}

async function waitForRedis(app: App) {
  for (let i = 0; i < 100 && app.producers.connection.status !== 'ready'; i++) {
    await new Promise((r) => setTimeout(r, 20))
  }
}

export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T
}

export async function registerCoordinator(
  app: App,
  email: string,
  opts: { verify?: boolean; locale?: string; timeZone?: string } = {},
) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: {
      email,
      password: PASSWORD,
      name: email.split('@')[0],
      locale: opts.locale ?? 'de',
      timeZone: opts.timeZone ?? 'Europe/Berlin',
    },
  })
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.body}`)
  const user = json<{ id: string }>(res)
  if (opts.verify !== false) {
    const token = await latestEventToken(app, user.id, 'auth.email_verification_requested')
    const v = await app.inject({ method: 'POST', url: '/v1/auth/verify-email', payload: { token } })
    if (v.statusCode !== 200) throw new Error(`verify failed: ${v.body}`)
  }
  return { id: user.id, ...(await login(app, email)) }
}

export async function createStaff(
  app: App,
  email: string,
  role: 'officer' | 'admin',
  side?: 'duren' | 'jinhua',
) {
  const id = await createStaffUser(
    app.db,
    { email, password: PASSWORD, name: email, role, side: side ?? null },
    { memoryKib: 19_456, timeCost: 2 },
  )
  return { id, ...(await login(app, email)) }
}

export async function login(app: App, email: string, password = PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`)
  return json<{ accessToken: string; refreshToken: string }>(res)
}

/** Reads the token a user was sent, straight from the outbox (what the email would carry). */
export async function latestEventToken(app: App, userId: string, type: string): Promise<string> {
  const rows = await app.dbHandle.sql<{ token: string }[]>`
    select payload->>'token' as token from outbox
    where event_type = ${type} and payload->>'userId' = ${userId}
    order by created_at desc limit 1`
  if (!rows[0]) throw new Error(`no ${type} event for ${userId}`)
  return rows[0].token
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
