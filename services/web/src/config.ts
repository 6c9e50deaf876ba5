import { type LoadOptions, LogLevel, loadConfig, NodeEnv, Port, Secret } from '@dj/config'
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
  PUBLIC_WEB_URL: Type.String({ default: 'http://localhost:8080' }),
  /** Trust X-Forwarded-* from this many proxy hops (0: use the socket address). */
  TRUST_PROXY_HOPS: Type.Integer({ minimum: 0, maximum: 5, default: 0 }),
  /** Shared with the API: vouches for the browser address the web server forwards (rate limits). */
  PROXY_SECRET: Type.Optional(Type.String({ minLength: 32 })),
})
export type WebConfig = Static<typeof WebEnv>

export function loadWebConfig(options?: LoadOptions): WebConfig {
  return loadConfig(WebEnv, options)
}
