/**
 * End-to-end in-app notification throughput (outbox rows → relay → notify worker → inbox row)
 * beside a bare BullMQ pipeline (add N jobs, a worker that does nothing) on the same Redis, same
 * concurrency, same run. Fresh database and key prefix, dropped afterwards.
 *
 *   pnpm bench:notify            (N=5000)   BENCH_N=… BENCH_CONCURRENCY=… to change
 */
import { createDb } from '@dj/db'
import { createTestDatabase, createTestRedis } from '@dj/testkit'
import { Queue, Worker } from 'bullmq'
import { Redis } from 'ioredis'
import { buildNotifier } from '../src/app.js'
import { loadNotifierConfig } from '../src/config.js'
import type { Mailer } from '../src/mailer.js'

const N = Number(process.env['BENCH_N'] ?? 5_000)
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32)
const USERS = 100

async function until(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 10))
}

async function bare(redisUrl: string, prefix: string): Promise<number> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  const queue = new Queue('bare', { connection, prefix })
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null })
  let done = 0
  const worker = new Worker('bare', async () => {}, {
    connection: workerConnection,
    prefix,
    concurrency: CONCURRENCY,
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

async function pipeline(dbUrl: string, redisUrl: string, prefix: string): Promise<number> {
  const config = loadNotifierConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      WORKER_CONCURRENCY: String(CONCURRENCY),
      RELAY_INTERVAL_MS: '20',
    },
    envFile: false,
  })
  const handle = createDb(dbUrl, { max: CONCURRENCY + 4 })
  const sql = handle.sql
  const users = await sql<{ id: string }[]>`
    insert into users (email, display_name, locale, time_zone)
    select 'bench' || g || '@example.org', 'Bench ' || g, (array['de','en','zh','de-simple'])[1 + g % 4],
      (array['Europe/Berlin','Asia/Shanghai'])[1 + g % 2]
    from generate_series(1, ${USERS}) g returning id`
  // In-app only: the email channel is off for this event type, so the figure is the pipeline's own.
  await sql`insert into notification_preferences (user_id, channels)
    select id, '{"institution.verified":{"email":false}}'::jsonb from users`
  await sql`
    insert into outbox (event_type, queue, payload)
    select 'institution.verified', 'notify', jsonb_build_object(
      'type', 'institution.verified',
      'audience', jsonb_build_object('userIds', jsonb_build_array(u.id)),
      'institution', jsonb_build_object('id', gen_random_uuid(), 'name', 'Schule ' || g, 'side', 'duren'))
    from generate_series(0, ${N - 1}) g
    join (select id, row_number() over () - 1 as k from users) u on u.k = g % ${users.length}`
  const noMail: Mailer = {
    send: async () => {
      throw new Error('no mail expected in the bench')
    },
    close: () => {},
  }
  const notifier = await buildNotifier({ config, dbHandle: handle, mailer: noMail, logger: false })
  const started = performance.now()
  notifier.start()
  await until(async () => {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from notifications`
    return row!.n >= N
  })
  const seconds = (performance.now() - started) / 1000
  const [done] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where done_at is not null`
  await notifier.close()
  await handle.close()
  if (done!.n !== N) throw new Error(`only ${done!.n} of ${N} outbox rows done`)
  return N / seconds
}

const db = await createTestDatabase('bench_notify')
const redis = createTestRedis('bench_notify')
try {
  const bareRate = await bare(redis.url, `${redis.prefix}:bare`)
  const rate = await pipeline(db.url, redis.url, `${redis.prefix}:dj`)
  console.log(`N=${N}, concurrency=${CONCURRENCY}, same Redis (${redis.url})`)
  console.log(`bare BullMQ no-op:            ${bareRate.toFixed(0)} jobs/s`)
  console.log(`in-app end to end (outbox→relay→worker→inbox): ${rate.toFixed(0)} notifications/s`)
  console.log(`ratio: ${(rate / bareRate).toFixed(2)} (target ≥ 0.50)`)
} finally {
  await redis.cleanup()
  await db.drop()
}
// Stray sockets (BullMQ's blocking connections) must not keep a finished benchmark alive.
process.exit(0)
