import { createTestRedis, type TestRedis, waitFor } from '@dj/testkit'
import { UnrecoverableError } from 'bullmq'
import t from 'tap'
import {
  checkProcessors,
  createProducers,
  DEFAULT_JOB_OPTIONS,
  type Producers,
  QueueUnavailableError,
  startWorker,
} from '../src/index.js'

let redis: TestRedis
let producers: Producers
t.before(async () => {
  redis = createTestRedis('queue')
  producers = createProducers({ REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix })
  await waitFor(() => producers.connection.status === 'ready', { what: 'redis' })
})
t.teardown(async () => {
  await producers.close()
  await redis.cleanup()
})

const noop = async () => undefined

t.test('a worker starts only when every job name of its queue has exactly one processor', async (t) => {
  t.throws(
    () => checkProcessors('schedule', [['outbox.event', noop]]),
    { code: 'QUEUE_PROCESSOR_REGISTRY' },
    'missing timer.fire',
  )
  t.throws(
    () =>
      checkProcessors('match', [
        ['outbox.event', noop],
        ['outbox.event', noop],
      ]),
    { code: 'QUEUE_PROCESSOR_REGISTRY' },
    'two processors for one job',
  )
  t.throws(
    () =>
      checkProcessors('match', [
        ['outbox.event', noop],
        ['timer.fire' as 'outbox.event', noop],
      ]),
    { code: 'QUEUE_PROCESSOR_REGISTRY' },
    'a job name the queue does not have',
  )
  t.equal(
    checkProcessors('schedule', [
      ['outbox.event', noop],
      ['timer.fire', noop],
      ['sweep.run', noop],
    ]).size,
    3,
  )
})

t.test('producers fail fast with a coded error when Redis is down', async (t) => {
  const down = createProducers({ REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: redis.prefix })
  t.teardown(() => down.close())
  await t.rejects(
    down.add('match', 'outbox.event', { outboxId: 'x', event: { type: 'round.requested', roundId: 'r' } }),
    QueueUnavailableError,
  )
  await t.rejects(down.ping(), QueueUnavailableError)
})

t.test(
  'a worker processes typed jobs; failed jobs are kept, unrecoverable ones are not retried',
  async (t) => {
    const seen: string[] = []
    let attempts = 0
    const running = startWorker(
      { REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix },
      'match',
      [
        [
          'outbox.event',
          async (job) => {
            if (job.data.outboxId === 'bad') {
              attempts += 1
              throw new UnrecoverableError('will never work')
            }
            seen.push(job.data.outboxId)
          },
        ],
      ],
      { concurrency: 2 },
    )
    t.teardown(() => running.close())
    await producers.add(
      'match',
      'outbox.event',
      { outboxId: 'good', event: { type: 'round.requested', roundId: 'r1' } },
      { jobId: 'good' },
    )
    await producers.add(
      'match',
      'outbox.event',
      { outboxId: 'bad', event: { type: 'round.requested', roundId: 'r2' } },
      { jobId: 'bad' },
    )
    await waitFor(async () => (await producers.queue('match').getJobState('bad')) === 'failed', {
      what: 'bad job failed',
    })
    await waitFor(() => seen.includes('good'), { what: 'good job processed' })
    t.equal(attempts, 1, 'an UnrecoverableError is not retried although attempts allow more')
    t.ok((DEFAULT_JOB_OPTIONS.attempts ?? 1) > 1)
    const failed = await producers.queue('match').getFailed()
    t.same(
      failed.map((j) => j.id),
      ['bad'],
      'the failed job is kept for inspection',
    )
    t.type(
      DEFAULT_JOB_OPTIONS.removeOnFail,
      'object',
      'failed jobs are trimmed by age and count, never removed at once',
    )
  },
)

t.test('closing a worker with a job that never finishes is forced at the deadline', async (t) => {
  let started = false
  const running = startWorker({ REDIS_URL: redis.url, QUEUE_PREFIX: `${redis.prefix}:stuck` }, 'match', [
    [
      'outbox.event',
      async () => {
        started = true
        await new Promise(() => {}) // hangs forever
      },
    ],
  ])
  const stuckProducers = createProducers({ REDIS_URL: redis.url, QUEUE_PREFIX: `${redis.prefix}:stuck` })
  t.teardown(() => stuckProducers.close())
  await waitFor(() => stuckProducers.connection.status === 'ready', { what: 'redis' })
  await stuckProducers.add(
    'match',
    'outbox.event',
    { outboxId: 'stuck', event: { type: 'round.requested', roundId: 'r' } },
    { jobId: 'stuck' },
  )
  await waitFor(() => started, { what: 'job started' })
  await running.close(200)
  t.ok(running.worker.closing, 'close() returned although the job never finished')
  t.equal(
    await stuckProducers.queue('match').getJobState('stuck'),
    'active',
    'the cut-off job is still on the queue, to be picked up again as stalled',
  )
})
