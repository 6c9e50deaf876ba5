/**
 * The whole bench: seed, capture each endpoint's SQL, start the measured API (services/api's
 * production entry, src/server.ts, as a child process) and the bare server (another child),
 * check the bare server answers the API's rows, then alternate rounds of load on both.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { apiEnv, type Capture, startRecorder } from './capture.js'
import { encode } from './codec.js'
import { ENDPOINTS } from './endpoints.js'
import { freePort, type Server, startServer } from './processes.js'
import { type Row, summarise } from './report.js'
import { type Run, runRounds, type Target } from './runner.js'
import { seedDatabase } from './seed.js'

export interface BenchOptions {
  scale: number
  seconds: number
  rounds: number
  connections: number[]
  /** Endpoint names to measure (all when empty). */
  only: string[]
  warmupSeconds: number
  /** LOG_LEVEL of the measured API. */
  logLevel: string
}

/** Whether the bare server gave the API's answer: same status, and the rows the API got. */
export interface Check {
  endpoint: string
  apiStatus: number
  bareStatus: number
  /** The measured API process answered what the recording instance answered. */
  sameAnswer: boolean
  sameRows: boolean
}

export interface BenchResult {
  institutions: number
  interests: number
  notifications: number
  captures: Capture[]
  checks: Check[]
  runs: Run[]
  rows: Row[]
}

const SERVER = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url))

export async function runApiBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const endpoints = ENDPOINTS.filter((e) => options.only.length === 0 || options.only.includes(e.name))
  if (endpoints.length === 0) throw new Error(`no endpoint named ${options.only.join(', ')}`)
  log(`seeding scale ${options.scale} ...`)
  const seeded = await seedDatabase(options.scale)
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-'))
  const servers: Server[] = []
  let recorder: Awaited<ReturnType<typeof startRecorder>> | null = null
  try {
    log(`seeded ${seeded.institutions} institutions, ${seeded.interests} interests; capturing the SQL ...`)
    const env = apiEnv(seeded, options.logLevel)
    recorder = await startRecorder(seeded, env)
    const captures: Capture[] = []
    for (const e of endpoints) {
      const c = await recorder.capture(e)
      if (c.status !== 200)
        throw new Error(`${e.name}: the API answered ${c.status}: ${c.body.slice(0, 300)}`)
      captures.push(c)
    }
    const file = join(dir, 'recordings.json')
    writeFileSync(file, encode(Object.fromEntries(captures.map((c) => [c.endpoint.name, c.statements]))))

    const [apiPort, barePort] = [await freePort(), await freePort()]
    log('starting the API (src/server.ts) and the bare server ...')
    servers.push(
      await startServer(SERVER, { ...env, PORT: String(apiPort), HOST: '127.0.0.1' }, apiPort, '/ready'),
    )
    servers.push(
      await startServer(
        BARE,
        { DATABASE_URL: seeded.database.url, BARE_RECORDINGS: file, BARE_PORT: String(barePort) },
        barePort,
      ),
    )
    const [api, bare] = servers as [Server, Server]
    const rec = recorder
    const byName = new Map(captures.map((c) => [c.endpoint.name, c]))
    const headers = (name: string) => ({
      authorization: `Bearer ${rec.token(byName.get(name)!.endpoint.as)}`,
    })
    const targets: [Target, Target] = [
      { kind: 'api', url: (name) => api.url + byName.get(name)!.path, headers, prepare: rec.renew },
      // The bare server gets the same headers (same request size); it reads none of them.
      { kind: 'bare', url: (name) => `${bare.url}/bare/${name}`, headers },
    ]

    const checks: Check[] = []
    for (const c of captures) {
      const a = await fetch(targets[0].url(c.endpoint.name), { headers: headers(c.endpoint.name) })
      const answer = await a.text()
      const b = await fetch(targets[1].url(c.endpoint.name))
      const got = b.status === 200 ? ((await b.json()) as { rows: unknown[] }).rows : null
      // Through JSON both, as the bare server's answer went: the rows the API got from PostgreSQL.
      const expected = JSON.parse(JSON.stringify(c.statements.map((s) => s.rows)))
      checks.push({
        endpoint: c.endpoint.name,
        apiStatus: a.status,
        bareStatus: b.status,
        sameAnswer: answer === c.body,
        sameRows: JSON.stringify(got) === JSON.stringify(expected),
      })
    }
    log(
      `measuring: ${options.rounds} round(s) × ${endpoints.length} endpoint(s) × ${options.connections.join('/')} connections × 2 servers × ${options.seconds} s ...`,
    )
    const runs = await runRounds(
      {
        endpoints: captures.map((c) => c.endpoint.name),
        connections: options.connections,
        rounds: options.rounds,
        seconds: options.seconds,
        warmupSeconds: options.warmupSeconds,
      },
      targets,
      log,
    )
    return {
      institutions: seeded.institutions,
      interests: seeded.interests,
      notifications: seeded.notifications,
      captures,
      checks,
      runs,
      rows: summarise(runs),
    }
  } finally {
    for (const s of servers) await s.stop()
    await recorder?.close()
    await seeded.cleanup()
    rmSync(dir, { recursive: true, force: true })
  }
}
