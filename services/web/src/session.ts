import { hkdfSync } from 'node:crypto'
import csrfProtection from '@fastify/csrf-protection'
import secureSession from '@fastify/secure-session'
import type { FastifyInstance, FastifyRequest } from 'fastify'

export const SESSION_COOKIE = 'dj_session'
/** How long a signed-in browser stays signed in (the refresh token's lifetime). */
export const REMEMBER_SECONDS = 30 * 24 * 3600

/** What the browser carries, sealed: it can neither read nor change it. */
export interface SessionData {
  accessToken?: string
  refreshToken?: string
  /** Epoch ms when the access token runs out. */
  accessExpiresAt?: number
}

declare module '@fastify/secure-session' {
  interface SessionData {
    accessToken: string
    refreshToken: string
    accessExpiresAt: number
    /** The CSRF secret of @fastify/csrf-protection. */
    _csrf: string
  }
}

/** Where a form's CSRF token travels: the `_csrf` field (multipart: read first, see http/upload.ts). */
export const csrfTokenOf = (request: FastifyRequest): string | undefined => {
  const field = (request.body as { _csrf?: unknown } | undefined)?._csrf
  return typeof field === 'string' ? field : undefined
}

/**
 * The session cookie sealed by @fastify/secure-session (libsodium secretbox: encrypted and
 * authenticated) and CSRF tokens by @fastify/csrf-protection, whose secret lives inside that
 * sealed session. SESSION_SECRET is already high-entropy key material (≥ 32 chars), so the key is
 * derived with HKDF rather than the plugin's password hash (256 MiB and ~1 s per start).
 * Cookies of the earlier hand-rolled format do not open: those browsers are simply signed out.
 */
export async function registerSession(app: FastifyInstance, secret: string, secureCookie: boolean) {
  await app.register(secureSession, {
    key: Buffer.from(hkdfSync('sha256', secret, 'dj-web', 'secure-session-v2', 32)),
    cookieName: SESSION_COOKIE,
    // The sealed timestamp is renewed whenever the session changes (at the latest at each token
    // refresh); an untouched session older than this does not open any more.
    expiry: REMEMBER_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookie },
  })
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session', getToken: csrfTokenOf })
}
