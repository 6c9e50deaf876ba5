import t from 'tap'
import { concurrencyLimit } from '../src/limit.js'
import { createSmtpMailer } from '../src/mailer.js'
import { startSink } from '../src/sink.js'

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

t.test('the SMTP mailer holds at most SMTP_MAX_CONNECTIONS conversations at once', async (t) => {
  const sink = await startSink()
  t.teardown(() => sink.close())
  sink.dataDelayMs = 50
  const mailer = createSmtpMailer(`smtp://127.0.0.1:${sink.port}`, 'test@example.org', 5_000, 2)
  t.teardown(() => mailer.close())
  await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      mailer.send({
        to: `r${i}@example.org`,
        subject: `m${i}`,
        text: 'x',
        html: '<p>x</p>',
        messageId: `<m${i}@test>`,
        locale: 'de',
      }),
    ),
  )
  t.equal(sink.messages.length, 6, 'all sent')
  t.equal(sink.peakConcurrentData, 2, 'never more than two at once')
})
