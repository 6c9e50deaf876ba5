import { createDb, type DbHandle, timers } from '@dj/db'
import { createProducers, type Producers } from '@dj/queue'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis, waitFor } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { loadSchedulerConfig, type SchedulerConfig } from '../../src/config.js'
import { createScheduler, type Scheduler } from '../../src/scheduler.js'

export interface SchedulerHarness {
  handle: DbHandle
  producers: Producers
  config: SchedulerConfig
  /** The running scheduler; replaced by `start()`. */
  scheduler: Scheduler
  db(): DbHandle['db']
  queue(): ReturnType<Producers['queue']>
  /** What the clock does when a timer's time comes: its delayed job becomes runnable now. */
  due(timerId: string): Promise<void>
  /** The timer once its job has run (fired, skipped, cancelled …). */
  settled(timerId: string): Promise<typeof timers.$inferSelect>
  /** Until the scheduler has taken every event of the 'schedule' queue from the outbox. */
  drained(): Promise<unknown>
  /** Starts a fresh scheduler on the same database and Redis (a restart after `scheduler.stop()`). */
  start(): Promise<Scheduler>
}

/**
 * The scheduler's config on a test database and Redis prefix. The hourly re-sync is pushed out
 * of reach so a test decides when it syncs.
 */
export function testSchedulerConfig(tdb: TestDatabase, redis: TestRedis): SchedulerConfig {
  return loadSchedulerConfig({
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: tdb.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      RESYNC_INTERVAL_MS: '3600000',
      SHUTDOWN_DEADLINE_MS: '2000',
    },
    envFile: false,
  })
}

/**
 * A test database, a Redis prefix, the config on them, the producers and a running scheduler,
 * set up before the file's tests and torn down after them; the outbox relay polls fast so events
 * are seen soon.
 */
export function schedulerHarness(name: string): SchedulerHarness {
  let tdb: TestDatabase
  let redis: TestRedis
  const h = {
    db: () => h.handle.db,
    queue: () => h.producers.queue('schedule'),
    async due(timerId: string) {
      const job = await h.queue().getJob(timerId)
      if (!job) throw new Error(`no job ${timerId}`)
      await job.promote()
    },
    settled: (timerId: string) =>
      waitFor(
        async () => {
          const [r] = await h.db().select().from(timers).where(eq(timers.id, timerId))
          return r && r.status !== 'pending' ? r : undefined
        },
        { what: `timer ${timerId} handled`, timeoutMs: 20_000 },
      ),
    drained: () =>
      waitFor(
        async () =>
          (await h.handle.sql`select 1 from outbox where queue = 'schedule' and done_at is null`).length ===
          0,
        { what: 'schedule outbox drained' },
      ),
    async start() {
      const s = createScheduler({
        config: h.config,
        dbHandle: h.handle,
        producers: h.producers,
        relayIntervalMs: 50,
      })
      await s.start()
      h.scheduler = s
      return s
    },
  } as SchedulerHarness

  t.before(async () => {
    tdb = await createTestDatabase(name)
    redis = createTestRedis(name)
    h.config = testSchedulerConfig(tdb, redis)
    h.handle = createDb(tdb.url)
    h.producers = createProducers(h.config)
    await waitFor(() => h.producers.connection.status === 'ready', { what: 'redis' })
    await h.start()
  })
  t.teardown(async () => {
    await h.scheduler.stop()
    await h.producers.close()
    await h.handle.close()
    await redis.cleanup()
    await tdb.drop()
  })
  return h
}
