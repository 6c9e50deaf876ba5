// The environment `pnpm start` gives every service of the local platform (scripts/start.mjs).
// Kept apart so a test can check what the local platform trusts.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

/**
 * Defaults for local work on top of `base` (process.env). Dev-only secrets are kept in
 * `secretsDir` (.demo/) so sign-ins survive restarts; never used in production.
 */
export function platformEnv(base, secretsDir, log = console.log) {
  const env = { ...base }
  env.NODE_ENV ??= 'development'
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/dj'
  env.REDIS_URL ??= 'redis://127.0.0.1:6379'
  env.SMTP_URL ??= 'smtp://127.0.0.1:1025'
  env.MAIL_FROM ??= 'Düren–Jinhua Austausch <no-reply@dj.localhost>'
  env.PUBLIC_WEB_URL ??= 'http://localhost:8080'
  env.API_URL ??= `http://127.0.0.1:${env.PORT ?? 3000}`
  const devSecret = (name) => {
    if (env[name]) return
    const file = join(secretsDir, name.toLowerCase().replace(/_/g, '-'))
    if (!existsSync(file)) {
      mkdirSync(secretsDir, { recursive: true })
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 })
    }
    env[name] = readFileSync(file, 'utf8').trim()
    log(`! development: using the throw-away ${name} in .demo/ (set ${name} for real use)`)
  }
  devSecret('JWT_SECRET')
  devSecret('SESSION_SECRET')
  // API and notifier must hold the same key, or the links in the emails would open nothing.
  devSecret('EMAIL_LINK_SECRET')
  // The API on 127.0.0.1:3000 is reachable by anything on this machine, so it trusts no proxy
  // hop: only the web server, which knows PROXY_SECRET, may name the browser's address (the
  // per-address limits then apply per person, and a forged X-Forwarded-For is ignored).
  devSecret('PROXY_SECRET')
  env.TRUST_PROXY_HOPS ??= '0'
  return env
}

// `node scripts/platform-env.mjs <secretsDir>` prints the environment as JSON (for tests).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(JSON.stringify(platformEnv(process.env, process.argv[2] ?? '.demo', () => {})))
}
