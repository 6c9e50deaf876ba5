import {
  CommonEnv,
  ConfigError,
  EmailLinkEnv,
  type LoadOptions,
  loadConfig,
  Port,
  PublicWebUrlEnv,
  ShutdownDeadline,
} from '@dj/config'
import Type, { type Static } from 'typebox'

const Ms = (fallback: number, minimum = 1) => Type.Integer({ minimum, default: fallback })

export const NotifierEnv = Type.Object({
  ...CommonEnv,
  ...EmailLinkEnv,
  NOTIFIER_PORT: Port(3012),
  NOTIFIER_HOST: Type.String({ default: '127.0.0.1' }),
  /** smtp(s)://user:pass@host:port; wins over the single fields below. */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  SMTP_HOST: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  SMTP_SECURE: Type.Boolean({ default: false }),
  SMTP_USER: Type.Optional(Type.String()),
  SMTP_PASS: Type.Optional(Type.String()),
  MAIL_FROM: Type.String({ minLength: 3, default: 'Austausch Düren–Jinhua <no-reply@localhost>' }),
  /** Domain part of the deterministic Message-IDs. */
  MAIL_ID_DOMAIN: Type.String({ minLength: 1, default: 'notify.dj-exchange.local' }),
  ...PublicWebUrlEnv,
  /** A notify outbox row dispatched but not done for this long is dispatched again. */
  REDISPATCH_AFTER_MS: Ms(5 * 60_000, 1_000),
  RELAY_INTERVAL_MS: Ms(500),
  /** How often due digests are looked for. */
  SWEEP_INTERVAL_MS: Ms(60_000),
  /**
   * Notify jobs run at once. High, because in-app messages of jobs running together are planned
   * in one statement (see planBatching); SMTP has its own limit below.
   */
  WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 1024, default: 256 }),
  /** SMTP conversations at once per notifier process. */
  SMTP_MAX_CONNECTIONS: Type.Integer({ minimum: 1, maximum: 256, default: 16 }),
  /** BullMQ lock; a killed worker's job is picked up again after about this long. */
  WORKER_LOCK_MS: Ms(30_000, 500),
  /** A delivery claimed for sending is re-sent by someone else only after this lease. */
  SEND_LEASE_MS: Ms(120_000, 100),
  SMTP_TIMEOUT_MS: Ms(30_000, 100),
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(100),
})
export type NotifierConfig = Static<typeof NotifierEnv>

export function loadNotifierConfig(options?: LoadOptions): NotifierConfig {
  const config = loadConfig(NotifierEnv, options)
  // No default credentials and no silent sink in production: mail must go somewhere real.
  if (config.NODE_ENV === 'production' && !config.SMTP_URL && !config.SMTP_HOST) {
    throw new ConfigError([{ variable: 'SMTP_URL', message: 'set SMTP_URL or SMTP_HOST in production' }])
  }
  return config
}

/** Development falls back to the local sink (`pnpm --filter @dj/notifier sink`) on port 1025. */
export function smtpTarget(config: NotifierConfig): string | Record<string, unknown> {
  if (config.SMTP_URL) return config.SMTP_URL
  if (config.SMTP_HOST) {
    return {
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: config.SMTP_SECURE,
      ...(config.SMTP_USER ? { auth: { user: config.SMTP_USER, pass: config.SMTP_PASS ?? '' } } : {}),
    }
  }
  return 'smtp://127.0.0.1:1025'
}
