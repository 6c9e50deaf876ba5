import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createDb, type DbHandle, institutions, outbox } from '@dj/db'
import { createProducers, type Producers, startWorker } from '@dj/queue'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis, waitFor } from '@dj/testkit'
import { UnrecoverableError } from 'bullmq'
import { sql } from 'drizzle-orm'
import t from 'tap'
import { consumeOutboxJob, createRelay, deferOutbox, writeOutbox } from '../src/index.js'

let tdb: TestDatabase
let redis: TestRedis
let handle: DbHandle
let producers: Producers

t.before(async () => {
  tdb = await createTestDatabase('outbox')
  redis = createTestRedis('outbox')
  handle = createDb(tdb.url)
  producers = createProducers({ REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix })
  await new Promise((r) => setTimeout(r, 200))
})
t.teardown(async () => {
  await producers.close()
  await handle.close()
  await redis.cleanup()
  await tdb.drop()
})

const event = (userId: string) => ({ type: 'auth.password_changed', userId }) as const

async function jobIds(): Promise<string[]> {
  const jobs = await producers
    .queue('notify')
    .getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])
  return jobs.map((j) => j.id ?? '').sort()
}

async function reset() {
  await handle.db.delete(outbox)
  await producers.queue('notify').obliterate({ force: true })
}

t.test('a committed event reaches its queue with the outbox id as job id', async (t) => {
  await reset()
  const ids = await handle.db.transaction(async (tx) => {
    await tx.insert(institutions).values({ side: 'duren', name: 'Gymnasium am Wirteltor' })
    return writeOutbox(tx, event('u1'))
  })
  t.equal(ids.length, 1)
  const relay = createRelay({ db: handle.db, producers })
  t.equal(await relay.runOnce(), 1)
  t.same(await jobIds(), ids)
  const job = await producers.queue('notify').getJob(ids[0]!)
  t.same(job?.data, { outboxId: ids[0], event: event('u1') })
  t.equal(await relay.runOnce(), 0, 'a dispatched row is not dispatched again before the timeout')
})

t.test('a rolled-back event never reaches the queue', async (t) => {
  await reset()
  await t.rejects(
    handle.db.transaction(async (tx) => {
      await writeOutbox(tx, event('u2'))
      throw new Error('business rule failed')
    }),
  )
  t.equal(await createRelay({ db: handle.db, producers }).runOnce(), 0)
  t.same(await jobIds(), [])
  const [row] = await handle.db.execute(sql`select count(*)::int as n from outbox`)
  t.equal((row as { n: number }).n, 0)
})

t.test('concurrent relays never double-dispatch', async (t) => {
  await reset()
  const written: string[] = []
  for (let i = 0; i < 120; i++) written.push(...(await writeOutbox(handle.db, event(`c${i}`))))
  let adds = 0
  const counting: Producers = {
    ...producers,
    addBulk: async (queue, jobs) => {
      adds += jobs.length
      return producers.addBulk(queue, jobs)
    },
  }
  const relays = [1, 2, 3].map(() => createRelay({ db: handle.db, producers: counting, batchSize: 7 }))
  const drain = async (r: ReturnType<typeof createRelay>) => {
    while ((await r.runOnce()) > 0) {}
  }
  await Promise.all(relays.map(drain))
  t.equal(adds, 120, 'each row enqueued exactly once across three relays')
  t.same(await jobIds(), written.sort())
})

t.test('a relay killed mid-batch loses nothing', async (t) => {
  await reset()
  const written: string[] = []
  for (let i = 0; i < 10; i++) written.push(...(await writeOutbox(handle.db, event(`k${i}`))))
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./fixtures/slow-relay.ts', import.meta.url)),
      tdb.url,
      redis.url,
      redis.prefix,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('MIDBATCH') && resolve())
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)))
  })
  child.kill('SIGKILL')
  await new Promise((r) => child.once('exit', r))
  const [before] = await handle.db.execute(
    sql`select count(*)::int as n from outbox where dispatched_at is not null`,
  )
  t.equal((before as { n: number }).n, 4, 'only the committed first batch is marked dispatched')
  const relay = createRelay({ db: handle.db, producers })
  let total = 0
  for (let n = await relay.runOnce(); n > 0; n = await relay.runOnce()) total += n
  t.equal(total, 6, 'the killed batch and the rest are dispatched again')
  t.same(
    await jobIds(),
    written.sort(),
    'every row is on the queue once, the killed batch deduplicated by job id',
  )
})

t.test('a dispatched row that is not done is dispatched again after the timeout (lost Redis)', async (t) => {
  await reset()
  const [id] = await writeOutbox(handle.db, event('r1'))
  const relay = createRelay({ db: handle.db, producers, redispatchAfterMs: 1000 })
  t.equal(await relay.runOnce(), 1)
  await producers.queue('notify').obliterate({ force: true }) // Redis lost its data
  await handle.db.execute(sql`update outbox set dispatched_at = now() - interval '5 seconds'`)
  t.equal(await relay.runOnce(), 1)
  t.same(await jobIds(), [id])
})

t.test('consumeOutboxJob runs the handler once and marks the row done', async (t) => {
  await reset()
  const [id] = await writeOutbox(handle.db, event('d1'))
  let calls = 0
  const env = { outboxId: id!, event: event('d1') }
  const first = await consumeOutboxJob(handle.db, env, async () => ++calls)
  const second = await consumeOutboxJob(handle.db, env, async () => ++calls)
  t.same(first, { skipped: false, result: 1 })
  t.same(second, { skipped: true })
  t.equal(calls, 1)
  t.equal(
    await createRelay({ db: handle.db, producers, redispatchAfterMs: 1 }).runOnce(),
    0,
    'done rows are never redispatched',
  )
})

t.test('a relay with Redis unavailable dispatches nothing and keeps rows pending', async (t) => {
  await reset()
  await writeOutbox(handle.db, event('x1'))
  const down = createProducers({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: redis.prefix })
  const errors: unknown[] = []
  t.equal(await createRelay({ db: handle.db, producers: down, onError: (e) => errors.push(e) }).runOnce(), 0)
  t.ok(errors.length > 0)
  await down.close()
  t.equal(await createRelay({ db: handle.db, producers }).runOnce(), 1, 'the row is still pending')
})

const outboxRow = async (id: string) => {
  const [row] = (await handle.db.execute(
    sql`select dispatch_count, failed_at is not null as failed, last_error from outbox where id = ${id}::uuid`,
  )) as unknown as { dispatch_count: number; failed: boolean; last_error: string | null }[]
  return row!
}
/** As if the redispatch period had passed since the last dispatch. */
const ageDispatch = () =>
  handle.db.execute(
    sql`update outbox set dispatched_at = now() - interval '10 minutes' where done_at is null`,
  )

t.test(
  'a job still in Redis (waiting, or delayed by quiet hours) is not re-added every period',
  async (t) => {
    await reset()
    const [waiting] = await writeOutbox(handle.db, event('w1'))
    const [deferred] = await writeOutbox(handle.db, event('w2'))
    const relay = createRelay({ db: handle.db, producers, redispatchAfterMs: 1000 })
    t.equal(await relay.runOnce(), 2)
    // The consumer puts the second off for an hour (the notifier in quiet hours).
    await deferOutbox(handle.db, deferred!, new Date(Date.now() + 3600_000))
    await ageDispatch()
    t.equal(await relay.runOnce(), 0, 'nothing re-added: both jobs are still there')
    await ageDispatch()
    t.equal(await relay.runOnce(), 0)
    t.equal((await outboxRow(waiting!)).dispatch_count, 1, 'dispatched once')
    t.equal((await outboxRow(deferred!)).dispatch_count, 1)
    t.same(await jobIds(), [waiting, deferred].sort())
  },
)

t.test('a job that failed for good marks its row failed; the relay stops re-adding it', async (t) => {
  await reset()
  const [id] = await writeOutbox(handle.db, event('f1'))
  const worker = startWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix }, 'notify', [
    [
      'outbox.event',
      async () => {
        throw new UnrecoverableError('the consumer cannot handle this event')
      },
    ],
    ['digest.send', async () => undefined],
  ])
  t.teardown(() => worker.close(1000))
  const relay = createRelay({ db: handle.db, producers, redispatchAfterMs: 1000 })
  t.equal(await relay.runOnce(), 1)
  await waitFor(async () => (await producers.queue('notify').getJobState(id!)) === 'failed', {
    what: 'job failed',
  })
  await ageDispatch()
  t.equal(await relay.runOnce(), 0, 'not re-added')
  const row = await outboxRow(id!)
  t.ok(row.failed, 'the row is marked failed')
  t.match(row.last_error, /failed for good/)
  await ageDispatch()
  t.equal(await relay.runOnce(), 0, 'and never looked at again')
  t.equal((await outboxRow(id!)).dispatch_count, 1)
})
