import {
  type LoadOptions,
  LogLevel,
  loadConfig,
  NodeEnv,
  Port,
  PublicWebUrlEnv,
  Secret,
  ShutdownDeadline,
} from '@dj/config'
import Type, { type Static } from 'typebox'

export const WebEnv = Type.Object({
  NODE_ENV: NodeEnv,
  LOG_LEVEL: LogLevel,
  WEB_PORT: Port(8080),
  WEB_HOST: Type.String({ default: '127.0.0.1' }),
  /** Where the web server reaches the API (server to server; browsers never talk to the API). */
  API_URL: Type.String({ pattern: '^https?://', default: 'http://127.0.0.1:3000' }),
  /** Encrypts the session cookie (AES-256-GCM key derived from it). */
  SESSION_SECRET: Secret('key material for the session cookie (≥ 32 chars)'),
  /** Public origin; an https URL makes cookies Secure. */
  ...PublicWebUrlEnv,
  /** Trust X-Forwarded-* from this many proxy hops (0: use the socket address). */
  TRUST_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 5, default: 0 }),
  /** Shared with the API: vouches for the browser address the web server forwards (rate limits). */
  PROXY_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  /** Where people write about barriers (the accessibility statement names it). */
  ACCESSIBILITY_CONTACT: Type.String({ minLength: 3, default: 'barrierefreiheit@kreis-dueren.de' }),
  /** How long a stop may take after SIGTERM (requests in flight finish); the process ends 2 s later at the latest. */
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(),
})
export type WebConfig = Static<typeof WebEnv>

export function loadWebConfig(options?: LoadOptions): WebConfig {
  return loadConfig(WebEnv, options)
}
