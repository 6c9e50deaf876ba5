import { waitFor } from '@dj/testkit'
import t from 'tap'
import { concurrencyLimit } from '../src/limit.js'
import { createUser, emit, outboxDone, startEnv, startNotifier } from './helper/env.js'

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms))

t.test('never more than the limit at once, all calls finish, in arrival order', async (t) => {
  const limited = concurrencyLimit(3)
  let running = 0
  let peak = 0
  const started: number[] = []
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      limited(async () => {
        started.push(i)
        running += 1
        peak = Math.max(peak, running)
        await tick(i % 3)
        running -= 1
        return i * 2
      }),
    ),
  )
  t.equal(peak, 3)
  t.same(
    results,
    Array.from({ length: 20 }, (_, i) => i * 2),
  )
  t.same(
    started,
    Array.from({ length: 20 }, (_, i) => i),
    'started in arrival order',
  )
})

t.test('a failing call frees its slot', async (t) => {
  const limited = concurrencyLimit(1)
  await t.rejects(
    limited(async () => Promise.reject(new Error('boom'))),
    /boom/,
  )
  t.equal(await limited(async () => 'next'), 'next')
})

t.test('a caller arriving while a slot is handed over does not exceed the limit', async (t) => {
  const limited = concurrencyLimit(1)
  let running = 0
  let peak = 0
  const job = () =>
    limited(async () => {
      running += 1
      peak = Math.max(peak, running)
      await tick(1)
      running -= 1
    })
  const first = job()
  const second = job() // waits
  await first
  const third = job() // arrives right after the hand-over to the second
  await Promise.all([second, third])
  t.equal(peak, 1)
})

t.test('rejects a limit that is not a positive integer', async (t) => {
  t.throws(() => concurrencyLimit(0), RangeError)
  t.throws(() => concurrencyLimit(1.5), RangeError)
})

t.test(
  'the notifier holds at most SMTP_MAX_CONNECTIONS conversations at once, however many jobs run',
  async (t) => {
    const env = await startEnv('notify_smtp_limit', { WORKER_CONCURRENCY: '16', SMTP_MAX_CONNECTIONS: '2' })
    const app = await startNotifier(env)
    t.teardown(async () => {
      await app.close()
      await env.close()
    })
    env.sink.dataDelayMs = 50
    const ids: string[] = []
    for (let i = 0; i < 6; i++) {
      const u = await createUser(env, { locale: 'en' })
      ids.push(
        await emit(env, {
          type: 'institution.verified',
          audience: { userIds: [u.id] },
          institution: { id: `5b5b0000-0000-4000-8000-00000000000${i}`, name: `Schule ${i}`, side: 'duren' },
        }),
      )
    }
    await waitFor(async () => (await Promise.all(ids.map((id) => outboxDone(env, id)))).every(Boolean), {
      timeoutMs: 20_000,
      what: 'all six delivered',
    })
    t.equal(env.sink.messages.length, 6, 'all sent')
    t.equal(env.sink.peakConcurrentData, 2, 'never more than two at once')
  },
)
