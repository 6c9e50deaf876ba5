import t from 'tap'
import { type DeliverDeps, planMany } from '../src/deliver.js'
import { planBatching } from '../src/worker.js'
import {
  createInstitution,
  createUser,
  emit,
  type NotifierEnvHandle,
  outboxDone,
  setPrefs,
  startEnv,
} from './helper/env.js'

// planMany on its own (no worker running): what one planning statement writes and returns.
let env: NotifierEnvHandle
let deps: DeliverDeps
t.before(async () => {
  env = await startEnv('notify_plan')
  deps = {
    db: env.handle.db,
    mailer: { send: async () => {}, close: () => {} },
    webUrl: 'https://w',
    linkSecret: 'plan-test-link-secret-0123456789abcdef',
    messageIdDomain: 'test',
    sendLeaseMs: 1000,
    now: () => new Date(),
    smtpSlot: (send) => send(),
  }
})
t.teardown(() => env.close())

const inst = (n: number) => ({
  id: `5a5a0000-0000-4000-8000-00000000000${n}`,
  name: `Schule ${n}`,
  side: 'duren' as const,
})

t.test(
  'a row planned again while its email is unsent: the email is listed again and the row stays open',
  async (t) => {
    const u = await createUser(env, { locale: 'de' })
    const event = {
      type: 'institution.verified' as const,
      audience: { userIds: [u.id] },
      institution: inst(1),
    }
    const id = await emit(env, event)
    const first = (await planMany(deps, [{ outboxId: id, event }])).get(id)
    const second = (await planMany(deps, [{ outboxId: id, event }])).get(id)
    t.ok(first?.ok && first.planned)
    t.ok(second?.ok && second.planned)
    const emailsOf = (r: typeof first) => (r?.ok && r.planned ? r.planned.open.map((o) => o.email) : [])
    t.same(emailsOf(first), [u.email])
    t.same(emailsOf(second), [u.email], 'the pending email from the first plan')
    t.notOk(await outboxDone(env, id), 'not done while an email is pending')
    const [inbox] = await env.handle.sql<{ n: number }[]>`
    select count(*)::int as n from notifications where outbox_id = ${id}`
    t.equal(inbox!.n, 1, 'one inbox row for two plans')
  },
)

t.test(
  'audiences: members of institutions, officers of a side, bare addresses; preferences per channel',
  async (t) => {
    const member = await createUser(env, { locale: 'en' })
    const other = await createUser(env, { locale: 'de' })
    const school = await createInstitution(env, 'Schule 2', 'duren', [member.id, other.id])
    const officer = await createUser(env, {
      role: 'officer',
      side: 'jinhua',
      locale: 'zh',
      timeZone: 'Asia/Shanghai',
    })
    await createUser(env, { role: 'officer', side: 'duren' }) // not addressed
    await setPrefs(env, other.id, { channels: { 'proposal.created': { inApp: false } } })
    await setPrefs(env, officer.id, { mode: 'daily' })
    const event = {
      type: 'proposal.created' as const,
      audience: {
        institutionIds: [school.id],
        officerSides: ['jinhua' as const],
        userIds: [member.id], // also a member: still one message
        emails: [{ email: ' Gast@Example.org ' }, { email: 'gast@example.org' }],
      },
      proposalId: '5a5a0000-0000-4000-8000-0000000000aa',
      own: school,
      partner: { id: '5a5a0000-0000-4000-8000-0000000000bb', name: '学校', side: 'jinhua' as const },
      score: 0.5,
      expiresAt: null,
    }
    const id = await emit(env, event)
    const r = (await planMany(deps, [{ outboxId: id, event }])).get(id)
    t.ok(r?.ok && r.planned)
    const open = r?.ok && r.planned ? r.planned.open : []
    t.same(
      open.map((o) => o.email).sort(),
      ['gast@example.org', member.email, other.email].sort(),
      'emails now: members and the bare address once',
    )
    const inbox = await env.handle.sql<
      { user_id: string }[]
    >`select user_id from notifications where outbox_id = ${id}`
    t.same(
      inbox.map((x) => x.user_id).sort(),
      [member.id, officer.id].sort(),
      'in-app: the member and the officer; the other switched it off',
    )
    const [digest] = await env.handle.sql<{ status: string }[]>`
    select status from deliveries where outbox_id = ${id} and user_id = ${officer.id}`
    t.equal(digest!.status, 'digest', "the officer's email waits for the daily digest")
  },
)

t.test('a security event reaches its user by email only, whatever the preferences', async (t) => {
  const u = await createUser(env, { locale: 'de' })
  await setPrefs(env, u.id, {
    mode: 'daily',
    channels: { 'auth.password_reset_requested': { email: false } },
  })
  const event = {
    type: 'auth.password_reset_requested' as const,
    userId: u.id,
    tokenId: '5a5a0000-0000-4000-8000-0000000000aa',
    expiresAt: '2026-12-01T00:00:00Z',
  }
  const id = await emit(env, event)
  const r = (await planMany(deps, [{ outboxId: id, event }])).get(id)
  t.same(r?.ok && r.planned ? r.planned.open.map((o) => [o.email, o.status]) : null, [[u.email, 'pending']])
  const [inbox] = await env.handle.sql<
    { n: number }[]
  >`select count(*)::int as n from notifications where outbox_id = ${id}`
  t.equal(inbox!.n, 0, 'no token in the inbox')
})

t.test('a row already done, or not there, plans nothing', async (t) => {
  const u = await createUser(env, { locale: 'de' })
  await setPrefs(env, u.id, { channels: { 'institution.verified': { email: false } } })
  const event = { type: 'institution.verified' as const, audience: { userIds: [u.id] }, institution: inst(3) }
  const id = await emit(env, event)
  const first = (await planMany(deps, [{ outboxId: id, event }])).get(id)
  t.same(first, {
    ok: true,
    planned: {
      outboxCreatedAt: (first as { planned: { outboxCreatedAt: Date } }).planned.outboxCreatedAt,
      open: [],
    },
  })
  t.ok(await outboxDone(env, id), 'in-app only: done at once')
  t.same((await planMany(deps, [{ outboxId: id, event }])).get(id), { ok: true, planned: null })
  const missing = '5a5a0000-0000-4000-8000-0000000000ff'
  t.same((await planMany(deps, [{ outboxId: missing, event }])).get(missing), { ok: true, planned: null })
})

t.test(
  'batching follows the worker concurrency: up to 128 rows a statement, up to 4 in flight',
  async (t) => {
    t.same(planBatching(16), { maxBatch: 16, maxInFlight: 1 })
    t.same(planBatching(128), { maxBatch: 128, maxInFlight: 1 })
    t.same(planBatching(256), { maxBatch: 128, maxInFlight: 2 })
    t.same(planBatching(1024), { maxBatch: 128, maxInFlight: 4 })
  },
)
