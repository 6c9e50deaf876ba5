import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { HARD_STOP_MARGIN_MS } from '../src/index.js'

const SERVICE = fileURLToPath(new URL('./fixtures/stopping-service.ts', import.meta.url))

/** Starts the stand-in service; `signal` is sent once it says it listens. */
function run(mode: string, signal?: NodeJS.Signals) {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVICE, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let err = ''
  const started = Date.now()
  child.stdout.on('data', (d) => {
    out += d
    if (signal && out.includes('listening') && !child.killed) child.kill(signal)
  })
  child.stderr.on('data', (d) => (err += d))
  return new Promise<{ code: number | null; out: string; err: string; ms: number }>((resolve) =>
    child.once('exit', (code) => resolve({ code, out, err, ms: Date.now() - started })),
  )
}

t.test('a config error: the message on stderr, exit code 1', async (t) => {
  const r = await run('bad-config')
  t.equal(r.code, 1)
  t.match(r.err, /Invalid configuration:\n {2}- PORT/)
})

t.test('SIGTERM closes the app, then the process exits 0', async (t) => {
  const r = await run('normal', 'SIGTERM')
  t.equal(r.code, 0, r.out + r.err)
  t.match(r.out, /shutting down \{"signal":"SIGTERM"\}\nclosed/)
})

t.test('SIGINT too', async (t) => {
  const r = await run('normal', 'SIGINT')
  t.equal(r.code, 0, r.out + r.err)
  t.match(r.out, /closed/)
})

t.test('a close that hangs past the deadline and the margin: exit code 1', async (t) => {
  const r = await run('hang', 'SIGTERM')
  t.equal(r.code, 1)
  t.notMatch(r.out, /closed/)
  t.ok(r.ms >= 100 + HARD_STOP_MARGIN_MS, `ended after ${r.ms} ms`)
})
