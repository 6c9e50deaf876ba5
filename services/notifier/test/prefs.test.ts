import { localMinuteOfDay } from '@dj/scheduling'
import { waitFor } from '@dj/testkit'
import { Redis } from 'ioredis'
import t from 'tap'
import {
  createUser,
  emit,
  mailsTo,
  type NotifierEnvHandle,
  outboxDone,
  setPrefs,
  startEnv,
  startNotifier,
} from './helper/env.js'

let env: NotifierEnvHandle
t.before(async () => {
  env = await startEnv('notify_prefs')
})
t.teardown(() => env.close())

const hhmm = (minutes: number) => {
  const m = ((minutes % 1440) + 1440) % 1440
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}
const event = (userId: string, n: number) => ({
  type: 'proposal.accepted' as const,
  audience: { userIds: [userId] },
  proposalId: `0d3e8a9b-0000-4000-8000-00000000000${n}`,
  own: { id: '0d3e8a9b-0000-4000-8000-0000000000a1', name: 'Gymnasium Zitadelle', side: 'duren' as const },
  partner: { id: '0d3e8a9b-0000-4000-8000-0000000000b1', name: `金华学校 ${n}`, side: 'jinhua' as const },
})

t.test('quiet hours defer non-security mail to their end; security mail goes at once', async (t) => {
  const app = await startNotifier(env)
  t.teardown(() => app.close())
  const zone = 'Asia/Shanghai'
  const u = await createUser(env, { locale: 'zh', timeZone: zone })
  const minutes = localMinuteOfDay(Date.now(), zone)
  await setPrefs(env, u.id, { quietStart: hhmm(minutes - 60), quietEnd: hhmm(minutes + 60) })

  const id = await emit(env, event(u.id, 1))
  const [d] = await waitFor(
    async () => {
      const rows = await env.handle.sql<{ status: string; not_before: string | null }[]>`
        select status, not_before from deliveries where outbox_id = ${id} and channel = 'email'`
      return rows[0]?.status === 'deferred' ? rows : undefined
    },
    { what: 'deferred delivery' },
  )
  const notBefore = new Date(d!.not_before!)
  t.equal(
    hhmm(localMinuteOfDay(notBefore.getTime(), zone)),
    hhmm(minutes + 60),
    'deferred to the local end of quiet hours',
  )
  const job = await app.notifier.producers.queue('notify').getJob(id)
  await waitFor(async () => (await job!.getState()) === 'delayed', { what: 'job delayed' })
  const delayed = await app.notifier.producers.queue('notify').getJob(id)
  const redis = new Redis(env.redis.url)
  const score = await redis.zscore(`${env.redis.prefix}:notify:delayed`, id)
  redis.disconnect()
  t.equal(Math.floor(Number(score) / 0x1000), notBefore.getTime(), 'the job comes back at the end')
  t.equal(mailsTo(env.sink, u.email).length, 0, 'no mail during quiet hours')
  const [inApp] = await env.handle.sql<{ n: number }[]>`
    select count(*)::int as n from notifications where user_id = ${u.id}`
  t.equal(inApp!.n, 1, 'the in-app inbox is not held back')
  t.notOk(await outboxDone(env, id), 'outbox row stays open while deferred')
  const [row] = await env.handle.sql<{ available_at: string; dispatch_count: number }[]>`
    select available_at, dispatch_count from outbox where id = ${id}`
  t.equal(
    new Date(row!.available_at).getTime(),
    notBefore.getTime(),
    'the row says when the job comes back, so the relay leaves it alone until then',
  )
  // REDISPATCH_AFTER_MS is 1 s here: two relay runs later the delayed job was not re-added.
  await env.handle.sql`update outbox set dispatched_at = now() - interval '1 hour' where id = ${id}`
  await app.notifier.relay.runOnce()
  const [again] = await env.handle.sql<{ dispatch_count: number }[]>`
    select dispatch_count from outbox where id = ${id}`
  t.equal(again!.dispatch_count, row!.dispatch_count, 'not dispatched again during quiet hours')

  const sec = await emit(env, { type: 'auth.password_changed', userId: u.id })
  await waitFor(() => outboxDone(env, sec), { what: 'security mail' })
  t.same(
    mailsTo(env.sink, u.email).map((m) => m.subject),
    ['您的密码已更改'],
    'security mail ignores quiet hours',
  )

  // Quiet hours end (here: the user clears them and the delayed job is due).
  await setPrefs(env, u.id, {})
  await delayed!.promote()
  await waitFor(() => outboxDone(env, id), { what: 'sent after quiet hours' })
  t.equal(mailsTo(env.sink, u.email).length, 2, 'the deferred mail arrived, once')
})

t.test('daily digest collects mail and sends one summary at 08:00 local time', async (t) => {
  let clock = new Date()
  const app = await startNotifier(env, { now: () => clock })
  t.teardown(() => app.close())
  const zone = 'Europe/Berlin'
  const u = await createUser(env, { locale: 'en', timeZone: zone })
  await setPrefs(env, u.id, { mode: 'daily' })
  const a = await emit(env, event(u.id, 2))
  const b = await emit(env, event(u.id, 3))
  await waitFor(async () => (await outboxDone(env, a)) && outboxDone(env, b), { what: 'items recorded' })
  const statuses = await env.handle.sql<{ status: string }[]>`
    select status from deliveries where user_id = ${u.id} and channel = 'email'`
  t.same(
    statuses.map((s) => s.status),
    ['digest', 'digest'],
    'waiting for the digest',
  )
  t.equal(mailsTo(env.sink, u.email).length, 0, 'nothing sent yet')

  await app.notifier.sweep()
  t.equal(mailsTo(env.sink, u.email).length, 0, 'not due before the next 08:00')

  clock = new Date(Date.now() + 24 * 3600_000)
  await app.notifier.sweep()
  await waitFor(() => mailsTo(env.sink, u.email).length === 1, { what: 'digest mail' })
  const [m] = mailsTo(env.sink, u.email)
  t.match(m!.subject, /^Your daily summary \(\d{4}-\d{2}-\d{2}\): 2 updates$/)
  t.match(m!.text, '金华学校 2 accepted the proposal')
  t.match(m!.text, '金华学校 3 accepted the proposal')
  t.match(m!.text, / (CET|CEST)\b/, 'times in the reader zone, named')
  await waitFor(async () => {
    const rows = await env.handle.sql<{ n: number }[]>`
      select count(*)::int as n from deliveries where user_id = ${u.id} and status = 'sent' and channel = 'email'`
    return rows[0]!.n === 3
  })
  await app.notifier.sweep()
  await new Promise((r) => setTimeout(r, 300))
  t.equal(mailsTo(env.sink, u.email).length, 1, 'a second sweep sends nothing more')
})
