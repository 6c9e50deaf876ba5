import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTcpProxy, createTestDatabase, createTestRedis, waitFor } from '@dj/testkit'
import t from 'tap'

// The container image runs node directly, so SIGTERM reaches the service: it stops taking new
// requests, finishes the ones in flight and exits 0. Started here exactly as the image's CMD.

const root = fileURLToPath(new URL('../../..', import.meta.url))
const infra = (file: string) => readFileSync(join(root, 'infra', file), 'utf8')

/** The exec-form CMD of infra/Dockerfile, e.g. ["node", "--import", "tsx", "services/api/src/server.ts"]. */
function imageCommand(): string[] {
  const line = infra('Dockerfile')
    .split('\n')
    .find((l) => l.startsWith('CMD '))
  return JSON.parse(line!.slice(4)) as string[]
}

t.test('every container command runs node itself, never a package manager in between', async (t) => {
  t.same(imageCommand().slice(0, 3), ['node', '--import', 'tsx'], 'Dockerfile CMD')
  for (const file of ['compose.yaml', 'k8s/platform.yaml']) {
    const commands = [...infra(file).matchAll(/command: (\[.*\])/g)].map((m) => JSON.parse(m[1]!) as string[])
    t.ok(commands.length >= 7, `${file}: ${commands.length} commands`)
    for (const c of commands.filter((c) => c[0] !== 'redis-server')) {
      t.same(c.slice(0, 3), ['node', '--import', 'tsx'], `${file}: ${c.at(-1)}`)
    }
  }
})

interface Started {
  child: ChildProcess
  port: number
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output: () => string
}

/** Starts the image's command in the repository root (the image's WORKDIR) and waits until it listens. */
async function startAsImage(env: Record<string, string>): Promise<Started> {
  const [cmd, ...args] = imageCommand()
  const child = spawn(cmd!, args, {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the API exited: ${out}`)
      const m = /Server listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(out)
      return m ? Number(m[1]) : undefined
    },
    { timeoutMs: 60_000, what: 'the API to listen' },
  )
  return { child, port, exit, output: () => out }
}

t.test('SIGTERM during a slow request: the request completes with 200 and the API exits 0', async (t) => {
  const db = await createTestDatabase('graceful-stop')
  const redis = createTestRedis('graceful-stop')
  const pg = await createTcpProxy(5432)
  t.teardown(async () => {
    await pg.close()
    await redis.cleanup()
    await db.drop()
  })
  const api = await startAsImage({
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: db.url.replace('127.0.0.1:5432', `127.0.0.1:${pg.port}`),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    JWT_SECRET: 'graceful-stop-test-secret-0123456789abcdef',
    EMAIL_LINK_SECRET: 'graceful-stop-link-secret-0123456789abcdef',
  })
  t.teardown(() => {
    if (api.child.exitCode === null) api.child.kill('SIGKILL')
  })
  const base = `http://127.0.0.1:${api.port}`
  const post = (path: string, body: unknown) =>
    fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const account = { email: 'stop@example.org', password: 'correct horse battery' }
  const registered = await post('/v1/auth/register', {
    ...account,
    name: 'Stop',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  })
  t.ok(registered.ok, `registered (${registered.status})`)
  const login = await post('/v1/auth/login', account)
  t.equal(login.status, 200)
  const { accessToken } = (await login.json()) as { accessToken: string }

  // PostgreSQL now takes a while to answer; the profile request waits on it.
  pg.slow(700)
  const slow = fetch(`${base}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  await waitFor(() => pg.delayed > 0, { what: 'the request to wait on PostgreSQL' })
  api.child.kill('SIGTERM')

  const res = await slow
  pg.slow(0)
  t.equal(res.status, 200, 'the request in flight completes')
  t.equal(((await res.json()) as { email: string }).email, account.email)
  const { code, signal } = await api.exit
  t.equal(signal, null, 'not killed by the signal')
  t.equal(code, 0, 'exit code 0', { output: api.output().split('\n').slice(-15) })
  t.match(api.output(), /shutting down/)
})
