import { type ApiConfig, type App, buildApp, createStaffUser, loadApiConfig } from '@dj/api'
import { linkToken } from '@dj/queue'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@dj/testkit'
import type { FastifyServerOptions, LightMyRequestResponse } from 'fastify'

export interface TestContext {
  app: App
  config: ApiConfig
  db: TestDatabase
  redis: TestRedis
  close(): Promise<void>
}

export const PASSWORD = 'correct horse battery'
/** The key email link tokens are derived with (the notifier of a joint test holds the same). */
export const LINK_SECRET = 'test-link-secret-that-is-long-enough-0123456789'

/** A fresh database and Redis prefix for this test file, torn down by close(). */
export async function startTestApp(
  label: string,
  env: Record<string, string> = {},
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<TestContext> {
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
      EMAIL_LINK_SECRET: LINK_SECRET,
      RATE_LIMIT_LOGIN_PER_IP: '10000',
      ...env,
    },
    envFile: false,
  })
  const app = await buildApp({ config, logger: options.logger ?? false })
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
  if (res.statusCode !== 202) throw new Error(`register failed: ${res.body}`)
  // Register answers alike for new and taken addresses, without the account: look it up.
  const [user] = await app.dbHandle.sql<{ id: string }[]>`
    select id from users where lower(email) = lower(${email.trim()})`
  if (!user) throw new Error(`register created no account for ${email}`)
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

/**
 * The token a user was emailed, as the notifier derives it from the token row the outbox event
 * names (the outbox itself holds no token).
 */
export async function latestEventToken(app: App, userId: string, type: string): Promise<string> {
  const rows = await app.dbHandle.sql<{ token_id: string }[]>`
    select payload->>'tokenId' as token_id from outbox
    where event_type = ${type} and payload->>'userId' = ${userId}
    order by created_at desc limit 1`
  if (!rows[0]) throw new Error(`no ${type} event for ${userId}`)
  const kind = type === 'auth.password_reset_requested' ? 'reset_password' : 'verify_email'
  return linkToken(app.config.EMAIL_LINK_SECRET, kind, rows[0].token_id)
}

/** The token of an invitation's emailed link, derived from its id as the notifier does. */
export function invitationToken(app: App, invitationId: string): string {
  return linkToken(app.config.EMAIL_LINK_SECRET, 'invitation', invitationId)
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })
