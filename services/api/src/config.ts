import {
  CommonEnv,
  EmailLinkEnv,
  type LoadOptions,
  loadConfig,
  OrganizerEnv,
  Port,
  ProposalTtlEnv,
  PublicWebUrlEnv,
  Secret,
  ShutdownDeadline,
} from '@dj/config'
import Type, { type Static } from 'typebox'

export const ApiEnv = Type.Object({
  ...CommonEnv,
  PORT: Port(3000),
  HOST: Type.String({ default: '127.0.0.1' }),
  JWT_SECRET: Secret('HMAC key for access tokens (≥ 32 chars)'),
  ...EmailLinkEnv,
  JWT_ISSUER: Type.String({ default: 'dj-api' }),
  JWT_AUDIENCE: Type.String({ default: 'dj-platform' }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, maximum: 900, default: 900 }),
  REFRESH_TOKEN_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 30 }),
  /** How long an instance may use its copy of a user's session state (0: no cache); see README, Security. */
  SESSION_CACHE_MAX_AGE_MS: Type.Integer({ minimum: 0, maximum: 60_000, default: 1_000 }),
  EMAIL_TOKEN_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 168, default: 48 }),
  ...PublicWebUrlEnv,
  /** Argon2id cost; OWASP minimum is m=19 MiB, t=2, p=1. */
  ARGON2_MEMORY_KIB: Type.Integer({ minimum: 19_456, default: 19_456 }),
  ARGON2_TIME_COST: Type.Integer({ minimum: 2, default: 2 }),
  /** Trust X-Forwarded-For from this many proxy hops (0: use the socket address). */
  TRUST_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 5, default: 0 }),
  /** Shared with the web server: only requests carrying it may name the browser's address. */
  PROXY_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Attempts per client address on login, registration and reset requests. */
  RATE_LIMIT_LOGIN_PER_IP: Type.Integer({ minimum: 1, default: 20 }),
  /** Failed logins per (account, client address); reset and registration requests per address. */
  RATE_LIMIT_LOGIN_PER_ACCOUNT: Type.Integer({ minimum: 1, default: 10 }),
  /** Failed logins per account from all client addresses together. */
  RATE_LIMIT_ACCOUNT_CEILING: Type.Integer({ minimum: 1, default: 100 }),
  /** Refresh, email verification and reset confirmation per client address. */
  RATE_LIMIT_TOKEN_PER_IP: Type.Integer({ minimum: 1, default: 60 }),
  /** Password checks and mail-sending actions per signed-in user (change-password, DELETE /me, resend, invitations). */
  RATE_LIMIT_PER_USER: Type.Integer({ minimum: 1, default: 10 }),
  RATE_LIMIT_WINDOW_SECONDS: Type.Integer({ minimum: 1, default: 900 }),
  ...OrganizerEnv,
  ...ProposalTtlEnv,
  /** Create the partnership as soon as both coordinators accept, without officer confirmation. */
  AUTO_CONFIRM_PARTNERSHIPS: Type.Boolean({ default: false }),
  /** The largest file a partner message may carry (bytes; also the upload's body limit). */
  WORKSPACE_ATTACHMENT_MAX_BYTES: Type.Integer({ minimum: 1024, maximum: 52_428_800, default: 10_485_760 }),
  /**
   * Media types a partner message may carry, comma-separated, as detected from the file's bytes
   * (file-type); anything else, and anything whose type the bytes do not reveal, is refused.
   */
  WORKSPACE_ATTACHMENT_TYPES: Type.String({
    minLength: 1,
    default:
      'application/pdf,image/png,image/jpeg,image/webp,image/gif,' +
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,' +
      'application/vnd.openxmlformats-officedocument.presentationml.presentation,' +
      'application/vnd.oasis.opendocument.text,application/vnd.oasis.opendocument.spreadsheet',
  }),
  /** How long a stop may take after SIGTERM (requests in flight finish); the process ends 2 s later at the latest. */
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(),
})
export type ApiConfig = Static<typeof ApiEnv>

export function loadApiConfig(options?: LoadOptions): ApiConfig {
  return loadConfig(ApiEnv, options)
}
