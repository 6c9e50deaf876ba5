/**
 * Captures the SQL of each measured endpoint instead of retyping it: a recording instance of the
 * API (the same buildApp, config and database as the measured one, in this process, with the
 * driver-level recorder of recorder.ts) answers each endpoint a few times to warm up, then once
 * while recording. The authentication's statements are found the same way, by recording a
 * request that authenticates and then fails validation, and are taken out: the bare server
 * authenticates nothing. What is left is what the bare server replays, and the rows the API got
 * for it are what the bare server's answer is checked against.
 */
import { authLogin } from '@dj/contracts'
import type { Side } from '@dj/db'
import { type App, buildApp, loadApiConfig } from '../../src/index.js'
import { encode } from './codec.js'
import { AUTH_PROBE, type Endpoint } from './endpoints.js'
import { installRecorder, type RecordedStatement, record } from './recorder.js'
import { DEMO_PASSWORD, type Seeded } from './seed.js'

const WARMUP = 3
const RENEW_AFTER_MS = 10 * 60_000

export interface Capture {
  endpoint: Endpoint
  path: string
  /** The API's answer while recording. */
  status: number
  body: string
  /** Everything the request issued, authentication included. */
  all: RecordedStatement[]
  /** The statements of `all` that authentication issues (not replayed). */
  auth: RecordedStatement[]
  /** What the bare server replays. */
  statements: RecordedStatement[]
}

export interface Recorder {
  app: App
  /** An access token of the demo coordinator of `side`, from the API's login. */
  token(side: Side): string
  /** Signs in again when a token is older than 10 minutes (call between runs). */
  renew(): Promise<void>
  capture(endpoint: Endpoint): Promise<Capture>
  close(): Promise<void>
}

/** The environment both the recording instance and the measured API process run with. */
export function apiEnv(seeded: Seeded, logLevel: string): Record<string, string> {
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: logLevel,
    DATABASE_URL: seeded.database.url,
    REDIS_URL: seeded.redis.url,
    QUEUE_PREFIX: seeded.redis.prefix,
    JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
    EMAIL_LINK_SECRET: 'bench-link-secret-that-is-long-enough-0123456789',
  }
}

const key = (s: RecordedStatement) => `${s.text}\u0000${encode(s.params)}`

/**
 * `all` without the authentication's statements. Every probe so far counts: with a session cache
 * the probe may find it warm while the request itself refreshes it, or the other way round.
 */
function without(all: RecordedStatement[], auth: Set<string>): RecordedStatement[] {
  return all.filter((s) => !auth.has(key(s)))
}

export async function startRecorder(seeded: Seeded, env: Record<string, string>): Promise<Recorder> {
  const config = loadApiConfig({ env: { ...env, LOG_LEVEL: 'silent', PORT: '0' }, envFile: false })
  const app = await buildApp({ config, logger: false })
  await app.ready()
  installRecorder(app.dbHandle.sql)
  // Signed in through the API's own login, so the token is whatever the API issues (its claims
  // may change); renewed well before the access token's lifetime (at most 15 minutes) runs out.
  const tokens = new Map<Side, { token: string; at: number }>()
  const signIn = async (side: Side) => {
    const res = await app.inject({
      method: 'POST',
      url: authLogin.path,
      payload: { email: seeded[side].email, password: DEMO_PASSWORD },
    })
    if (res.statusCode !== 200) throw new Error(`sign-in of ${seeded[side].email} failed: ${res.body}`)
    tokens.set(side, { token: (JSON.parse(res.body) as { accessToken: string }).accessToken, at: Date.now() })
  }
  await signIn('duren')
  await signIn('jinhua')
  const token = (side: Side) => tokens.get(side)!.token
  const renew = async () => {
    for (const [side, t] of tokens) if (Date.now() - t.at > RENEW_AFTER_MS) await signIn(side)
  }
  const get = (url: string, side: Side) =>
    app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token(side)}` } })

  const authKeys = new Set<string>()
  return {
    app,
    token,
    renew,
    async capture(endpoint) {
      const path = endpoint.path(seeded)
      for (let i = 0; i < WARMUP; i++) await get(path, endpoint.as)
      let probe = 0
      const auth = await record(async () => {
        probe = (await get(AUTH_PROBE, endpoint.as)).statusCode
      })
      if (probe !== 400) throw new Error(`the authentication probe answered ${probe}, not 400`)
      for (const s of auth) authKeys.add(key(s))
      let status = 0
      let body = ''
      const all = await record(async () => {
        const res = await get(path, endpoint.as)
        status = res.statusCode
        body = res.body
      })
      const failed = all.find((s) => s.error)
      if (failed) throw new Error(`${endpoint.name}: a statement failed: ${failed.error}\n${failed.text}`)
      const statements = without(all, authKeys)
      return {
        endpoint,
        path,
        status,
        body,
        all,
        auth: all.filter((s) => !statements.includes(s)),
        statements,
      }
    },
    close: () => app.close(),
  }
}
