import { waitFor } from '@dj/testkit'
import { Redis } from 'ioredis'
import t from 'tap'
import {
  createUser,
  emit,
  mailsTo,
  type NotifierEnvHandle,
  outboxDone,
  startEnv,
  startNotifier,
} from './helper/env.js'

let env: NotifierEnvHandle
t.before(async () => {
  env = await startEnv('notify_faults')
})
t.teardown(() => env.close())

const verified = (userId: string, n: number) => ({
  type: 'institution.verified' as const,
  audience: { userIds: [userId] },
  institution: { id: `f3a1c5e2-0000-4000-8000-00000000000${n}`, name: `Schule ${n}`, side: 'duren' as const },
})

async function lastError(outboxId: string) {
  const [d] = await env.handle.sql<{ last_error: string | null; attempts: number }[]>`
    select last_error, attempts from deliveries where outbox_id = ${outboxId} and channel = 'email'`
  return d
}

t.test('SMTP answers 421 for a while: retried with backoff, delivered once', async (t) => {
  const app = await startNotifier(env)
  t.teardown(() => app.close())
  const u = await createUser(env, { locale: 'en' })
  env.sink.mode = 'tempfail'
  const id = await emit(env, verified(u.id, 1))
  await waitFor(async () => (await lastError(id))?.last_error?.includes('421'), { what: '421 recorded' })
  t.equal(mailsTo(env.sink, u.email).length, 0, 'nothing arrived while refused')
  t.notOk(await outboxDone(env, id), 'outbox row not done yet')
  env.sink.mode = 'accept'
  await waitFor(() => outboxDone(env, id), { timeoutMs: 30_000, what: 'delivered after recovery' })
  t.equal(mailsTo(env.sink, u.email).length, 1, 'exactly one mail')
  const d = await lastError(id)
  t.ok(d!.attempts >= 2, `sent on attempt ${d!.attempts}`)
  t.equal(d!.last_error, null)
})

t.test('SMTP connection refused for a while: delivered once when it is back', async (t) => {
  const app = await startNotifier(env)
  t.teardown(() => app.close())
  const u = await createUser(env, { locale: 'en' })
  await env.sink.pause()
  const id = await emit(env, verified(u.id, 2))
  await waitFor(async () => (await lastError(id))?.last_error?.includes('ECONNREFUSED'), {
    what: 'refusal recorded',
  })
  await env.sink.resume()
  await waitFor(() => outboxDone(env, id), { timeoutMs: 30_000, what: 'delivered after restart' })
  t.equal(mailsTo(env.sink, u.email).length, 1, 'exactly one mail')
})

t.test(
  'Redis loses every key after the outbox commit: the relay dispatches again, delivered once',
  async (t) => {
    const app = await startNotifier(env, { start: false })
    t.teardown(() => app.close())
    const u = await createUser(env, { locale: 'de' })
    const id = await emit(env, verified(u.id, 3))
    t.equal(await app.notifier.relay.runOnce(), 1, 'dispatched to Redis')
    t.ok(await app.notifier.producers.queue('notify').getJob(id), 'job is in Redis')
    // Redis keeps nothing on disk here: a restart is this.
    await env.redis.cleanup()
    const r = new Redis(env.redis.url)
    t.equal((await r.keys(`${env.redis.prefix}*`)).length, 0, 'every key under the prefix is gone')
    r.disconnect()
    await app.ready()
    await waitFor(() => outboxDone(env, id), { timeoutMs: 20_000, what: 'delivered after redispatch' })
    t.equal(mailsTo(env.sink, u.email).length, 1, 'exactly one mail')
    const [row] = await env.handle.sql<{ dispatch_count: number }[]>`
    select dispatch_count from outbox where id = ${id}`
    t.ok(row!.dispatch_count >= 2, `dispatched ${row!.dispatch_count} times`)
  },
)
