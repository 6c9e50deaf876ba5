import { randomUUID } from 'node:crypto'
import { createDb, type DbHandle } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import type { DomainEvent } from '@dj/queue'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@dj/testkit'
import { type App, buildApp } from '../../src/app.js'
import { loadNotifierConfig, type NotifierConfig } from '../../src/config.js'
import { type MailSink, startSink } from '../../src/sink.js'

export interface NotifierEnvHandle {
  db: TestDatabase
  redis: TestRedis
  handle: DbHandle
  sink: MailSink
  config: NotifierConfig
  env: Record<string, string>
  close(): Promise<void>
}

export const WEB = 'https://austausch.example.org'
/** The key link tokens are derived with; the API of a test that runs both holds the same. */
export const LINK_SECRET = 'notifier-test-link-secret-0123456789abcdef'

/** A fresh database, Redis prefix and SMTP sink for one test file; the notifier is built separately. */
export async function startEnv(
  label: string,
  extra: Record<string, string> = {},
): Promise<NotifierEnvHandle> {
  const db = await createTestDatabase(label)
  const redis = createTestRedis(label)
  const sink = await startSink()
  const env = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    MAIL_FROM: 'Austausch <no-reply@example.org>',
    PUBLIC_WEB_URL: WEB,
    EMAIL_LINK_SECRET: LINK_SECRET,
    RELAY_INTERVAL_MS: '50',
    REDISPATCH_AFTER_MS: '1000',
    SWEEP_INTERVAL_MS: '3600000',
    WORKER_LOCK_MS: '2000',
    SEND_LEASE_MS: '1500',
    SMTP_TIMEOUT_MS: '2000',
    ...extra,
  }
  const config = loadNotifierConfig({ env, envFile: false })
  const handle = createDb(db.url, { max: 10 })
  return {
    db,
    redis,
    handle,
    sink,
    config,
    env,
    async close() {
      await sink.close()
      await handle.close()
      await redis.cleanup()
      await db.drop()
    },
  }
}

/**
 * The notifier's app on the file's database and sink, ready (so working) unless `start: false`:
 * then `await app.ready()` starts it. `app.close()` stops it.
 */
export async function startNotifier(
  env: NotifierEnvHandle,
  opts: { now?: () => Date; start?: boolean } = {},
): Promise<App> {
  const app = await buildApp({
    config: env.config,
    dbHandle: env.handle,
    logger: false,
    ...(opts.now ? { now: opts.now } : {}),
  })
  if (opts.start !== false) await app.ready()
  return app
}

export interface SeedUser {
  id: string
  email: string
}

export async function createUser(
  env: NotifierEnvHandle,
  opts: {
    email?: string
    locale?: 'de' | 'en' | 'zh' | 'de-simple'
    timeZone?: string
    role?: 'coordinator' | 'officer' | 'admin'
    side?: 'duren' | 'jinhua'
    status?: 'active' | 'disabled'
  } = {},
): Promise<SeedUser> {
  const email = opts.email ?? `u-${randomUUID().slice(0, 8)}@example.org`
  const [row] = await env.handle.sql<{ id: string }[]>`
    insert into users (email, display_name, locale, time_zone, role, officer_side, status, email_verified_at)
    values (${email}, ${email.split('@')[0]!}, ${opts.locale ?? 'de'}, ${opts.timeZone ?? 'Europe/Berlin'},
      ${opts.role ?? 'coordinator'}, ${opts.role === 'officer' ? (opts.side ?? 'duren') : null},
      ${opts.status ?? 'active'}, now())
    returning id`
  return { id: row!.id, email }
}

export async function createInstitution(
  env: NotifierEnvHandle,
  name: string,
  side: 'duren' | 'jinhua',
  members: string[],
) {
  const [row] = await env.handle.sql<{ id: string }[]>`
    insert into institutions (side, name) values (${side}, ${name}) returning id`
  for (const userId of members) {
    await env.handle.sql`insert into memberships (user_id, institution_id) values (${userId}, ${row!.id})`
  }
  return { id: row!.id, name, side }
}

export async function setPrefs(
  env: NotifierEnvHandle,
  userId: string,
  prefs: {
    locale?: string | null
    mode?: 'immediate' | 'daily'
    quietStart?: string | null
    quietEnd?: string | null
    channels?: Record<string, { email?: boolean; inApp?: boolean }>
  },
) {
  await env.handle.sql`
    insert into notification_preferences (user_id, locale, mode, quiet_start, quiet_end, channels)
    values (${userId}, ${prefs.locale ?? null}, ${prefs.mode ?? 'immediate'}, ${prefs.quietStart ?? null},
      ${prefs.quietEnd ?? null}, ${JSON.stringify(prefs.channels ?? {})}::jsonb)
    on conflict (user_id) do update set locale = excluded.locale, mode = excluded.mode,
      quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, channels = excluded.channels`
}

/** Writes an event to the outbox as the API would; returns the notify row's id. */
export async function emit(env: NotifierEnvHandle, event: DomainEvent): Promise<string> {
  const ids = await writeOutbox(env.handle.db, event)
  const [row] = await env.handle.sql<{ id: string }[]>`
    select id from outbox where queue = 'notify' and id = any(${ids}::uuid[])`
  if (!row) throw new Error(`${event.type} has no notify subscriber`)
  return row.id
}

export async function outboxDone(env: NotifierEnvHandle, outboxId: string): Promise<boolean> {
  const [row] = await env.handle.sql<{ done: boolean }[]>`
    select done_at is not null as done from outbox where id = ${outboxId}`
  return row?.done ?? false
}

export const mailsTo = (sink: MailSink, email: string) =>
  sink.messages.filter((m) => m.to.includes(email.toLowerCase()))

export function meetingEvent(
  audience: DomainEvent extends infer E ? (E extends { audience: infer A } ? A : never) : never,
  over: Partial<{
    type: 'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled'
    sequence: number
  }> = {},
): DomainEvent {
  return {
    type: over.type ?? 'meeting.scheduled',
    audience,
    meetingId: '7b0c3c52-1f8e-4bb4-9a36-2a3c0a6c0001',
    uid: 'meeting-7b0c3c52@dj-exchange',
    sequence: over.sequence ?? 0,
    title: 'Kennenlernen / 初次见面',
    time: { start: '2026-03-25T08:00:00Z', end: '2026-03-25T09:00:00Z' },
    organizerEmail: 'officer@kreis-dueren.de',
  }
}
