/**
 * Where the time of the in-app pipeline goes at one concurrency (default 32), next to the bare
 * BullMQ no-op pipeline of `pnpm bench:notify` at the same concurrency: one round of N each.
 * For the pipeline every PostgreSQL statement of the pool and every relay transaction is timed
 * and counted (rows per plan statement = batch size), the relay's bulk adds too; for both, the
 * job latency (active → completed) and the CPU per notification used by Node (user/system), by
 * the pool's PostgreSQL backends and, given REDIS_PID, by Redis (shared with anyone else on it).
 * A diagnostic: figures from a loaded machine are indicative only.
 *
 *   REDIS_PID=$(pgrep redis-server) node --import tsx services/notifier/bench/phases.ts
 *   (BENCH_N=5000 BENCH_CONCURRENCY=32 to change; add --cpu-prof for a Node profile;
 *   BENCH_SETUP_SQL=<file> runs that SQL on the fresh database first, to compare a schema variant)
 */
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { createDb } from '@dj/db'
import { createTestDatabase, createTestRedis } from '@dj/testkit'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { buildApp } from '../src/app.js'
import { loadNotifierConfig } from '../src/config.js'
import type { Mailer } from '../src/mailer.js'

const N = Number(process.env['BENCH_N'] ?? 5_000)
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32)
const USERS = 100

/** utime + stime of a process in ms (clock ticks are 100 Hz on Linux). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return 0
  }
}
/** Redis's pid when given (REDIS_PID=$(pgrep redis-server)): its CPU is shared with other users. */
const redisPid = Number(process.env['REDIS_PID'] ?? 0)

interface Stat {
  n: number
  ms: number
  rows: number
}
const stats = new Map<string, Stat>()
function record(key: string, ms: number, rows = 0) {
  const s = stats.get(key) ?? { n: 0, ms: 0, rows: 0 }
  s.n += 1
  s.ms += ms
  s.rows += rows
  stats.set(key, s)
}
function label(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim()
  if (t.includes('jsonb_to_recordset')) return 'plan batch (planMany)'
  return t.slice(0, 70)
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0
}

async function seed(dbUrl: string) {
  const handle = createDb(dbUrl, { max: 1 })
  await handle.sql`
    insert into users (email, display_name, locale, time_zone)
    select 'bench' || g || '@example.org', 'Bench ' || g, (array['de','en','zh','de-simple'])[1 + g % 4],
      (array['Europe/Berlin','Asia/Shanghai'])[1 + g % 2]
    from generate_series(1, ${USERS}) g`
  await handle.sql`insert into notification_preferences (user_id, channels)
    select id, '{"institution.verified":{"email":false}}'::jsonb from users`
  await handle.sql`
    insert into outbox (event_type, queue, payload)
    select 'institution.verified', 'notify', jsonb_build_object(
      'type', 'institution.verified',
      'audience', jsonb_build_object('userIds', jsonb_build_array(u.id)),
      'institution', jsonb_build_object('id', gen_random_uuid(), 'name', 'Schule ' || g, 'side', 'duren'))
    from generate_series(0, ${N - 1}) g
    join (select id, row_number() over () - 1 as k from users) u on u.k = g % ${USERS}`
  await handle.close()
}

async function pipeline(dbUrl: string, redisUrl: string, prefix: string) {
  const config = loadNotifierConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      RELAY_INTERVAL_MS: '20',
      EMAIL_LINK_SECRET: 'x'.repeat(48),
    },
    envFile: false,
  })
  const handle = createDb(dbUrl, { max: 10 })
  // Every statement of the pool goes through unsafe (drizzle's execute and executePrepared);
  // transactions (the relay) through begin, whose statements are timed as one.
  const client = handle.sql as unknown as Record<string, (...a: unknown[]) => unknown>
  const unsafe = client['unsafe']!.bind(client)
  client['unsafe'] = (text: unknown, ...rest: unknown[]) => {
    const q = unsafe(text, ...rest) as Promise<unknown[]> & Record<string, unknown>
    const t0 = performance.now()
    const then = q.then.bind(q)
    let timed = false
    // biome-ignore lint/suspicious/noThenProperty: postgres.js queries run when awaited; timing them without starting them early means wrapping their then
    q.then = ((ok: (v: unknown) => unknown, err: (e: unknown) => unknown) =>
      then((v: unknown) => {
        if (!timed) {
          timed = true
          record(label(String(text)), performance.now() - t0, Array.isArray(v) ? v.length : 0)
        }
        return ok ? ok(v) : v
      }, err)) as never
    return q
  }
  const begin = client['begin']!.bind(client)
  client['begin'] = async (...a: unknown[]) => {
    const t0 = performance.now()
    try {
      return await begin(...a)
    } finally {
      record('relay transaction (lock, select, addBulk, mark dispatched)', performance.now() - t0)
    }
  }
  const noMail: Mailer = {
    send: async () => {
      throw new Error('no mail expected')
    },
    close: () => {},
  }
  const app = await buildApp({ config, dbHandle: handle, mailer: noMail, logger: false })
  const producers = app.notifier.producers
  const addBulk = producers.addBulk.bind(producers)
  let lastAdd = 0
  producers.addBulk = (async (q: never, jobs: never[]) => {
    const t0 = performance.now()
    const r = await addBulk(q, jobs)
    lastAdd = performance.now()
    record('redis addBulk (relay)', lastAdd - t0, (jobs as unknown[]).length)
    return r
  }) as typeof producers.addBulk
  const worker = app.notifier.worker.worker
  const activeAt = new Map<string, number>()
  const latencies: number[] = []
  let completed = 0
  worker.on('active', (job) => activeAt.set(job.id!, performance.now()))
  worker.on('completed', (job) => {
    completed += 1
    latencies.push(performance.now() - (activeAt.get(job.id!) ?? 0))
  })
  const pgPids = async () =>
    (
      await handle.sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database()`
    ).map((r) => r.pid)
  const cpu0 = process.cpuUsage()
  const elu0 = performance.eventLoopUtilization()
  const redis0 = cpuMs(redisPid)
  const started = performance.now()
  await app.ready()
  while (completed < N) await new Promise((r) => setTimeout(r, 5))
  const seconds = (performance.now() - started) / 1000
  const pids = await pgPids()
  const pgCpu = pids.reduce((s, p) => s + cpuMs(p), 0)
  const redisCpu = cpuMs(redisPid) - redis0
  const cpu = process.cpuUsage(cpu0)
  const elu = performance.eventLoopUtilization(elu0)
  const relaySpan = lastAdd - started
  await app.close()
  await handle.close()
  return { seconds, latencies, cpu, elu, pgCpu, redisCpu, relaySpan, updates: await outboxUpdates(dbUrl) }
}

/**
 * How many outbox row updates (mark dispatched, mark done) were HOT, i.e. wrote no index entry.
 * Read after the pool closed: a backend reports its table counters when it exits, at the latest.
 */
async function outboxUpdates(dbUrl: string) {
  const handle = createDb(dbUrl, { max: 1 })
  let row: { upd: number; hot: number } | undefined
  for (let i = 0; i < 50; i += 1) {
    ;[row] = await handle.sql<{ upd: number; hot: number }[]>`
      select n_tup_upd::int as upd, n_tup_hot_upd::int as hot from pg_stat_user_tables where relname = 'outbox'`
    // Two updates per row (dispatched, done) once every backend has reported.
    if ((row?.upd ?? 0) >= 2 * N) break
    await new Promise((r) => setTimeout(r, 100))
  }
  await handle.close()
  return row ?? { upd: 0, hot: 0 }
}

async function bare(redisUrl: string, prefix: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queue = new Queue('bare', { connection, prefix })
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const latencies: number[] = []
  const activeAt = new Map<string, number>()
  let done = 0
  const worker = new Worker('bare', async () => {}, {
    connection: workerConnection,
    prefix,
    concurrency: CONCURRENCY,
    autorun: false,
  })
  worker.on('active', (job) => activeAt.set(job.id!, performance.now()))
  worker.on('completed', (job) => {
    done += 1
    latencies.push(performance.now() - (activeAt.get(job.id!) ?? 0))
  })
  const cpu0 = process.cpuUsage()
  const redis0 = cpuMs(redisPid)
  const started = performance.now()
  void worker.run()
  for (let i = 0; i < N; i += 1_000) {
    await queue.addBulk(
      Array.from({ length: Math.min(1_000, N - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { removeOnComplete: { count: 5_000 }, removeOnFail: { count: 5_000 } },
      })),
    )
  }
  while (done < N) await new Promise((r) => setTimeout(r, 5))
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpu0)
  const redisCpu = cpuMs(redisPid) - redis0
  await worker.close()
  await queue.close()
  connection.disconnect()
  workerConnection.disconnect()
  return { seconds, latencies, cpu, redisCpu }
}

const db = await createTestDatabase('bench_phases')
// BENCH_SETUP_SQL=<file>: SQL run on the fresh database first, to compare a schema variant
// (e.g. `alter table outbox set (fillfactor = 70)`) with the migrated one in the same conditions.
if (process.env['BENCH_SETUP_SQL']) {
  const h = createDb(db.url, { max: 1 })
  await h.sql.unsafe(readFileSync(process.env['BENCH_SETUP_SQL'], 'utf8'))
  await h.close()
}
const redis = createTestRedis('bench_phases')
try {
  await seed(db.url)
  const b = await bare(redis.url, `${redis.prefix}:bare`)
  const p = await pipeline(db.url, redis.url, `${redis.prefix}:dj`)
  const ms = (x: number) => x.toFixed(1)
  console.log(`N=${N}, concurrency ${CONCURRENCY}; machine shared, figures indicative`)
  console.log(
    `bare:     ${(N / b.seconds).toFixed(0)} jobs/s; job latency p50 ${ms(percentile(b.latencies, 0.5))} ms p95 ${ms(percentile(b.latencies, 0.95))}; node cpu per job ${((b.cpu.user + b.cpu.system) / N).toFixed(0)} µs; redis ${((b.redisCpu * 1000) / N).toFixed(0)} µs/job`,
  )
  console.log(
    `pipeline: ${(N / p.seconds).toFixed(0)} notifications/s (${ms(p.seconds * 1000)} ms; relay done after ${ms(p.relaySpan)} ms); job latency p50 ${ms(percentile(p.latencies, 0.5))} ms p95 ${ms(percentile(p.latencies, 0.95))}`,
  )
  console.log(
    `  user/sys µs per job: bare ${(b.cpu.user / N).toFixed(0)}/${(b.cpu.system / N).toFixed(0)}, pipeline ${(p.cpu.user / N).toFixed(0)}/${(p.cpu.system / N).toFixed(0)}`,
  )
  console.log(
    `  per notification: node cpu ${((p.cpu.user + p.cpu.system) / N).toFixed(0)} µs, pg backends ${((p.pgCpu * 1000) / N).toFixed(0)} µs, redis ${((p.redisCpu * 1000) / N).toFixed(0)} µs; event loop utilisation ${(p.elu.utilization * 100).toFixed(0)} %`,
  )
  console.log(
    `  outbox row updates: ${p.updates.upd} for ${N} rows, ${p.updates.hot} of them HOT (no index entry written)`,
  )
  for (const [key, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(
      `  ${String(s.n).padStart(5)} × ${key}: total ${ms(s.ms)} ms, mean ${ms(s.ms / s.n)} ms${s.rows ? `, ${(s.rows / s.n).toFixed(1)} rows each` : ''}`,
    )
  }
} finally {
  await redis.cleanup()
  await db.drop()
}
process.exit(0)
