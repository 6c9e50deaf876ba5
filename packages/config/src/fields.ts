import Type from 'typebox'
import { SECRET } from './load.js'

/** Reusable config fields so every service spells them the same way. */
export const NodeEnv = Type.Union(
  [Type.Literal('development'), Type.Literal('test'), Type.Literal('production')],
  { default: 'development' },
)
export const LogLevel = Type.Union(
  ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
  { default: 'info' },
)
export const PostgresUrl = Type.String({
  pattern: '^postgres(ql)?://',
  default: 'postgres://postgres@127.0.0.1:5432/dj',
})
export const RedisUrl = Type.String({ pattern: '^rediss?://', default: 'redis://127.0.0.1:6379' })
export const Port = (fallback: number) => Type.Integer({ minimum: 0, maximum: 65535, default: fallback })
export const Secret = (description: string) => Type.String({ minLength: 32, description, [SECRET]: true })

/**
 * Key from which the single-use tokens of email links are derived (HMAC of the token row's id).
 * Only the API and the notifier hold it; events, jobs and tables carry the row id alone, so
 * nothing stored lets anyone reset a password, verify an address or accept an invitation.
 */
export const EmailLinkEnv = {
  EMAIL_LINK_SECRET: Secret('HMAC key of email link tokens, shared by API and notifier (≥ 32 chars)'),
}

export const CommonEnv = {
  NODE_ENV: NodeEnv,
  LOG_LEVEL: LogLevel,
  DATABASE_URL: PostgresUrl,
  REDIS_URL: RedisUrl,
  /** Isolates BullMQ keys per environment or test run. */
  QUEUE_PREFIX: Type.String({ minLength: 1, default: 'dj' }),
}
