/**
 * End-to-end in-app notification throughput (outbox rows → relay → notify worker → inbox row)
 * beside a bare BullMQ pipeline (add N jobs, a worker that does nothing) on the same Redis, same
 * concurrency, same run. Fresh database and key prefixes, dropped afterwards.
 *
 * Every figure is the median of BENCH_ROUNDS rounds: bare and pipeline alternate, so a noisy
 * moment hurts both, and the ratio is the median of each round's own ratio. On a 2-core machine
 * shared by Node, PostgreSQL and Redis single runs scatter by ±15 %, and the first round of
 * each runs cold.
 *
 * Both pipelines run at the same worker concurrency: the notifier's default (WORKER_CONCURRENCY),
 * then 32 for comparison.
 *
 *   pnpm bench:notify   (N=5000, rounds=5)
 *   BENCH_N=… BENCH_ROUNDS=… BENCH_CONCURRENCY=64 to change; BENCH_SETUP_SQL=<file> to compare a
 *   schema variant (SQL run on the fresh database before anything else)
 */
import { readFileSync } from 'node:fs'
import { createDb } from '@dj/db'
import { createTestDatabase, createTestRedis } from '@dj/testkit'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { buildApp } from '../src/app.js'
import { loadNotifierConfig } from '../src/config.js'
import type { Mailer } from '../src/mailer.js'

const N = Number(process.env['BENCH_N'] ?? 5_000)
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5)
const DEFAULT_CONCURRENCY = loadNotifierConfig({
  env: { NODE_ENV: 'test' },
  envFile: false,
}).WORKER_CONCURRENCY
const CONCURRENCIES = process.env['BENCH_CONCURRENCY']
  ? [Number(process.env['BENCH_CONCURRENCY'])]
  : [DEFAULT_CONCURRENCY, 32]
const USERS = 100

async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10))
}

async function bare(redisUrl: string, prefix: string, concurrency: number): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queue = new Queue('bare', { connection, prefix })
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  let done = 0
  const worker = new Worker('bare', async () => {}, {
    connection: workerConnection,
    prefix,
    concurrency,
    autorun: false,
  })
  worker.on('completed', () => {
    done += 1
  })
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
  await until(async () => done >= N)
  const seconds = (performance.now() - started) / 1000
  await worker.close()
  await queue.close()
  connection.disconnect()
  workerConnection.disconnect()
  return N / seconds
}

async function seedUsers(dbUrl: string) {
  const handle = createDb(dbUrl, { max: 1 })
  await handle.sql`
    insert into users (email, display_name, locale, time_zone)
    select 'bench' || g || '@example.org', 'Bench ' || g, (array['de','en','zh','de-simple'])[1 + g % 4],
      (array['Europe/Berlin','Asia/Shanghai'])[1 + g % 2]
    from generate_series(1, ${USERS}) g`
  // In-app only: the email channel is off for this event type, so the figure is the pipeline's own.
  await handle.sql`insert into notification_preferences (user_id, channels)
    select id, '{"institution.verified":{"email":false}}'::jsonb from users`
  await handle.close()
}

async function pipeline(
  dbUrl: string,
  redisUrl: string,
  prefix: string,
  concurrency: number,
): Promise<number> {
  const config = loadNotifierConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      WORKER_CONCURRENCY: String(concurrency),
      RELAY_INTERVAL_MS: '20',
    },
    envFile: false,
  })
  const handle = createDb(dbUrl, { max: 10 })
  const sql = handle.sql
  await sql`truncate outbox, notifications, deliveries`
  await sql`
    insert into outbox (event_type, queue, payload)
    select 'institution.verified', 'notify', jsonb_build_object(
      'type', 'institution.verified',
      'audience', jsonb_build_object('userIds', jsonb_build_array(u.id)),
      'institution', jsonb_build_object('id', gen_random_uuid(), 'name', 'Schule ' || g, 'side', 'duren'))
    from generate_series(0, ${N - 1}) g
    join (select id, row_number() over () - 1 as k from users) u on u.k = g % ${USERS}`
  const noMail: Mailer = {
    send: async () => {
      throw new Error('no mail expected in the bench')
    },
    close: () => {},
  }
  const app = await buildApp({ config, dbHandle: handle, mailer: noMail, logger: false })
  const started = performance.now()
  // Counted like the bare pipeline, by the worker's completed events, instead of polling the
  // inbox (a poll every 10 ms is database work the bare pipeline does not pay). A job completes
  // only after its inbox row is committed; the count is checked once at the end.
  let completed = 0
  app.notifier.worker.worker.on('completed', () => {
    completed += 1
  })
  await app.ready()
  await until(async () => completed >= N)
  const seconds = (performance.now() - started) / 1000
  const [done] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where done_at is not null`
  const [inbox] = await sql<{ n: number }[]>`select count(*)::int as n from notifications`
  await app.close()
  await handle.close()
  if (done!.n !== N) throw new Error(`only ${done!.n} of ${N} outbox rows done`)
  if (inbox!.n !== N) throw new Error(`${inbox!.n} inbox rows for ${N} events`)
  return N / seconds
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

const db = await createTestDatabase('bench_notify')
// BENCH_SETUP_SQL=<file>: SQL run on the fresh database first, to compare a schema variant
// (e.g. `alter table outbox set (fillfactor = 70)`) with the migrated one in the same conditions.
if (process.env['BENCH_SETUP_SQL']) {
  const h = createDb(db.url, { max: 1 })
  await h.sql.unsafe(readFileSync(process.env['BENCH_SETUP_SQL'], 'utf8'))
  await h.close()
}
const redis = createTestRedis('bench_notify')
try {
  await seedUsers(db.url)
  console.log(`N=${N} per round, ${ROUNDS} rounds, same Redis (${redis.url}), figures are medians`)
  for (const concurrency of CONCURRENCIES) {
    const bareRates: number[] = []
    const rates: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bareRates.push(await bare(redis.url, `${redis.prefix}:bare${concurrency}-${round}`, concurrency))
      rates.push(await pipeline(db.url, redis.url, `${redis.prefix}:dj${concurrency}-${round}`, concurrency))
    }
    const ratios = rates.map((r, i) => r / bareRates[i]!)
    console.log(
      `concurrency ${concurrency}${concurrency === DEFAULT_CONCURRENCY ? ' (the notifier default)' : ''}:`,
    )
    console.log(`  bare BullMQ no-op:                               ${median(bareRates).toFixed(0)} jobs/s`)
    console.log(
      `  in-app end to end (outbox→relay→worker→inbox): ${median(rates).toFixed(0)} notifications/s`,
    )
    console.log(`  ratio: ${median(ratios).toFixed(2)} (target ≥ 0.50; median of the rounds' ratios)`)
    console.log(
      `  rounds (bare / pipeline = ratio): ${bareRates.map((b, i) => `${b.toFixed(0)} / ${rates[i]!.toFixed(0)} = ${ratios[i]!.toFixed(2)}`).join(', ')}`,
    )
  }
} finally {
  await redis.cleanup()
  await db.drop()
}
// Stray sockets (BullMQ's blocking connections) must not keep a finished benchmark alive.
process.exit(0)
