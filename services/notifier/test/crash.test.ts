import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { waitFor } from '@dj/testkit'
import t from 'tap'
import { createUser, emit, type NotifierEnvHandle, outboxDone, startEnv } from './helper/env.js'

const CHILD = fileURLToPath(new URL('./fixtures/notifier-child.ts', import.meta.url))
const N = 40
const CONCURRENCY = 4

let env: NotifierEnvHandle
const children: ChildProcess[] = []
t.before(async () => {
  env = await startEnv('notify_crash', {
    WORKER_CONCURRENCY: String(CONCURRENCY),
    WORKER_LOCK_MS: '1000',
    SEND_LEASE_MS: '1500',
  })
})
t.teardown(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  await env.close()
})

function spawnNotifier(): Promise<ChildProcess> {
  const child = fork(CHILD, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env.env },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`notifier exited early (${code})`)))
  })
}

t.test('worker process killed with SIGKILL mid-batch: every recipient gets each message once', async (t) => {
  const a = await createUser(env, { locale: 'de' })
  const b = await createUser(env, { locale: 'zh', timeZone: 'Asia/Shanghai' })
  // A slow SMTP server, so the kill lands while conversations are open.
  env.sink.dataDelayMs = 40
  const ids: string[] = []
  for (let i = 0; i < N; i++) {
    ids.push(
      await emit(env, {
        type: 'proposal.created',
        audience: { userIds: [a.id, b.id] },
        proposalId: `9e1b3c00-0000-4000-8000-${String(i).padStart(12, '0')}`,
        own: { id: '9e1b3c00-0000-4000-8000-0000000000aa', name: 'Gesamtschule Niederzier', side: 'duren' },
        partner: { id: '9e1b3c00-0000-4000-8000-0000000000bb', name: `学校 ${i}`, side: 'jinhua' },
        score: 0.8,
        expiresAt: null,
      }),
    )
  }
  const first = await spawnNotifier()
  await waitFor(() => env.sink.messages.length >= N / 2, { timeoutMs: 60_000, what: 'half the batch sent' })
  first.kill('SIGKILL')
  await new Promise((r) => first.once('exit', r))
  const sentBeforeKill = env.sink.messages.length
  t.ok(sentBeforeKill < 2 * N, `killed midway (${sentBeforeKill} of ${2 * N} mails arrived)`)

  const second = await spawnNotifier()
  t.teardown(() => second.kill('SIGTERM'))
  await waitFor(async () => (await Promise.all(ids.map((id) => outboxDone(env, id)))).every(Boolean), {
    timeoutMs: 90_000,
    what: 'every outbox row done',
  })

  const distinct = new Map<string, number>()
  for (const m of env.sink.messages) {
    for (const to of m.to)
      distinct.set(`${m.messageId} ${to}`, (distinct.get(`${m.messageId} ${to}`) ?? 0) + 1)
  }
  t.equal(distinct.size, 2 * N, 'every (message, recipient) arrived')
  const perRecipient = (email: string) => [...distinct.keys()].filter((k) => k.endsWith(` ${email}`)).length
  t.equal(perRecipient(a.email), N, 'first recipient got all N messages')
  t.equal(perRecipient(b.email), N, 'second recipient got all N messages')
  const subjects = new Set(env.sink.messages.map((m) => `${m.subject} ${m.to.join()}`))
  t.equal(subjects.size, 2 * N, 'each distinct message once by content too')
  // Residual window: a mail the server accepted just before the kill, before "sent" was
  // recorded, is re-sent with the same Message-ID (receivers dedupe on it). Bounded by the
  // number of conversations in flight at the kill.
  const duplicates = env.sink.messages.length - 2 * N
  t.ok(duplicates <= CONCURRENCY, `raw duplicates (same Message-ID) ${duplicates} ≤ ${CONCURRENCY} in flight`)
  const [inbox] = await env.handle.sql<{ n: number; pairs: number }[]>`
    select count(*)::int as n, count(distinct (user_id, payload))::int as pairs from notifications`
  t.equal(inbox!.n, 2 * N, 'in-app: exactly one inbox row per recipient and event')
  t.equal(inbox!.pairs, 2 * N, 'no (recipient, message) pair twice')
  const [sent] = await env.handle.sql<{ n: number }[]>`
    select count(*)::int as n from deliveries where channel = 'email' and status = 'sent'`
  t.equal(sent!.n, 2 * N, 'every email delivery recorded as sent')
})
