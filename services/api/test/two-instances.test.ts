import { type ChildProcess, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { createDb, type DbHandle, institutions, interests, memberships, users } from '@dj/db'
import { createProducers, type Producers } from '@dj/queue'
import {
  createTestDatabase,
  createTestRedis,
  matchableInterest,
  type TestDatabase,
  type TestRedis,
  waitFor,
} from '@dj/testkit'
import t from 'tap'
import { hashPassword } from '../src/domains/accounts/passwords.js'

// Reliability: two API processes and two of each worker (notifier, scheduler, matcher) on one
// PostgreSQL and Redis, started as the container image starts them. A few hundred events go
// through them (a matching round, acceptances, partnerships, intro meetings, their reminders);
// one notifier and one scheduler are killed with SIGKILL on the way. Every notification must
// arrive exactly once (inbox rows, delivery records and mails at the SMTP sink) and every
// timer must fire exactly once.

const root = fileURLToPath(new URL('../../..', import.meta.url))
// Nine processes start on a shared 2-core machine: allow for a busy one (about a minute when quiet).
t.setTimeout(420_000)
const PAIRS = 30
/** SMTP conversations per notifier process. */
const SMTP_CONVERSATIONS = 4
const PASSWORD = 'correct horse battery'
const SECRETS = {
  JWT_SECRET: 'two-instances-jwt-secret-0123456789abcdef',
  EMAIL_LINK_SECRET: 'two-instances-link-secret-0123456789abcdef',
}

interface Service {
  name: string
  child: ChildProcess
  port: number
  log: () => string
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

const services: Service[] = []

/** `node --import tsx <script>` in the repository root, as infra/compose.yaml runs every service. */
async function start(
  name: string,
  script: string,
  env: Record<string, string>,
  probe: string,
): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const keep = (d: Buffer) => {
    out = (out + d.toString()).slice(-20_000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const service = { name, child, port: Number(env['PORT'] ?? 0), log: () => out }
  services.push(service)
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}): ${out}`)
      return fetch(probe)
        .then((r) => r.status === 200)
        .catch(() => false)
    },
    { timeoutMs: 150_000, intervalMs: 200, what: `${name} to be ready` },
  )
  return service
}

let db: TestDatabase
let redis: TestRedis
let handle: DbHandle
let producers: Producers
const apis: string[] = []
let sinkUrl = ''

t.before(async () => {
  db = await createTestDatabase('two-instances')
  redis = createTestRedis('two-instances')
  handle = createDb(db.url)
  producers = createProducers({ REDIS_URL: redis.url, QUEUE_PREFIX: redis.prefix })
  const common = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    ...SECRETS,
  }
  const [smtp, http] = [await freePort(), await freePort()]
  await start(
    'sink',
    'services/notifier/src/dev-sink.ts',
    { SINK_SMTP_PORT: String(smtp), SINK_HTTP_PORT: String(http) },
    `http://127.0.0.1:${http}/messages`,
  )
  sinkUrl = `http://127.0.0.1:${http}/messages`
  const starting: Promise<Service>[] = []
  for (const n of [1, 2]) {
    const [api, notifier, scheduler, matcher] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ])
    apis.push(`http://127.0.0.1:${api}`)
    starting.push(
      start(
        `api-${n}`,
        'services/api/src/server.ts',
        {
          ...common,
          PORT: String(api),
          AUTO_CONFIRM_PARTNERSHIPS: 'true',
          RATE_LIMIT_LOGIN_PER_IP: '10000',
          RATE_LIMIT_TOKEN_PER_IP: '10000',
          RATE_LIMIT_PER_USER: '10000',
        },
        `http://127.0.0.1:${api}/ready`,
      ),
      start(
        `notifier-${n}`,
        'services/notifier/src/server.ts',
        {
          ...common,
          NOTIFIER_PORT: String(notifier),
          SMTP_URL: `smtp://127.0.0.1:${smtp}`,
          RELAY_INTERVAL_MS: '100',
          WORKER_CONCURRENCY: '32',
          SMTP_MAX_CONNECTIONS: String(SMTP_CONVERSATIONS),
          WORKER_LOCK_MS: '2000',
          SEND_LEASE_MS: '3000',
          REDISPATCH_AFTER_MS: '5000',
        },
        `http://127.0.0.1:${notifier}/ready`,
      ),
      start(
        `scheduler-${n}`,
        'services/scheduler/src/server.ts',
        {
          ...common,
          SCHEDULER_PORT: String(scheduler),
          RESYNC_INTERVAL_MS: '2000',
        },
        `http://127.0.0.1:${scheduler}/ready`,
      ),
      start(
        `matcher-${n}`,
        'services/matcher/src/server.ts',
        {
          ...common,
          MATCHER_PORT: String(matcher),
        },
        `http://127.0.0.1:${matcher}/ready`,
      ),
    )
  }
  await Promise.all(starting)
})

t.teardown(async () => {
  for (const s of services)
    if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL')
  await Promise.all(
    services.map(
      (s) =>
        new Promise((r) =>
          s.child.exitCode !== null || s.child.signalCode !== null ? r(null) : s.child.once('exit', r),
        ),
    ),
  )
  await producers?.close()
  await handle?.close()
  await redis?.cleanup()
  await db?.drop()
})

/** Requests alternate between the two API processes. */
let turn = 0
async function api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const base = apis[turn++ % apis.length]!
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`)
  return (text ? JSON.parse(text) : null) as T
}
const login = (email: string) =>
  api<{ accessToken: string }>('POST', '/v1/auth/login', null, { email, password: PASSWORD }).then(
    (r) => r.accessToken,
  )

interface Coordinator {
  id: string
  email: string
  token: string
  institutionId: string
}

/** Verified coordinators, each owning a verified institution with one open interest; every pair matches. */
async function seedSide(side: 'duren' | 'jinhua', passwordHash: string): Promise<Coordinator[]> {
  const out: Coordinator[] = []
  for (let i = 0; i < PAIRS; i++) {
    const email = `${side}-${i}@example.org`
    const [user] = await handle.db
      .insert(users)
      .values({
        email,
        passwordHash,
        displayName: `${side} ${i}`,
        locale: side === 'duren' ? 'de' : 'zh',
        timeZone: side === 'duren' ? 'Europe/Berlin' : 'Asia/Shanghai',
        emailVerifiedAt: new Date(),
      })
      .returning({ id: users.id })
    const [inst] = await handle.db
      .insert(institutions)
      .values({
        side,
        name: `${side === 'duren' ? 'Schule' : '学校'} ${i}`,
        status: 'verified',
        kind: 'school',
        subtype: side === 'duren' ? 'gymnasium' : 'senior_high',
        contact: { name: `Contact ${i}`, role: 'teacher', email: `contact-${side}-${i}@example.org` },
        contactConsentAt: new Date(),
      })
      .returning({ id: institutions.id })
    await handle.db.insert(memberships).values({ userId: user!.id, institutionId: inst!.id, role: 'owner' })
    await handle.db.insert(interests).values(matchableInterest(inst!.id))
    out.push({ id: user!.id, email, token: '', institutionId: inst!.id })
  }
  return out
}

const sql = () => handle.sql
const count = async (query: Promise<{ n: string | number }[]>) => Number((await query)[0]?.n ?? 0)
const sinkMessages = async () =>
  (await (await fetch(sinkUrl)).json()) as { messageId: string; to: string[]; subject: string }[]
function kill(name: string) {
  const s = services.find((x) => x.name === name)!
  s.child.kill('SIGKILL')
  return new Promise((r) => s.child.once('exit', r))
}

t.test(
  'two of everything, one notifier and one scheduler killed: every notification once, every timer once',
  async (t) => {
    const passwordHash = await hashPassword(PASSWORD, { memoryKib: 19_456, timeCost: 2 })
    const duren = await seedSide('duren', passwordHash)
    const jinhua = await seedSide('jinhua', passwordHash)
    await handle.db.insert(users).values({
      email: 'officer@kreis-dueren.example',
      passwordHash,
      displayName: 'Officer',
      role: 'officer',
      officerSide: 'duren',
      emailVerifiedAt: new Date(),
    })
    const everyone = [...duren, ...jinhua]
    for (const c of everyone) c.token = await login(c.email)
    const officer = await login('officer@kreis-dueren.example')

    // A matching round (one of the two matchers runs it): one proposal per pair.
    const round = await api<{ id: string }>('POST', '/v1/officer/rounds', officer, {
      scope: { formats: ['pupil_exchange_hosting'] },
      policy: 'stable',
    })
    await waitFor(
      async () =>
        (await api<{ status: string }>('GET', `/v1/officer/rounds/${round.id}`, officer)).status === 'done',
      { timeoutMs: 60_000, what: 'the round' },
    )
    const proposals = await sql()<{ id: string; a: string; b: string }[]>`
    select id, institution_a as a, institution_b as b from proposals where status = 'open'`
    t.equal(proposals.length, PAIRS, 'one proposal per pair')
    const byInstitution = new Map(everyone.map((c) => [c.institutionId, c]))

    // Both sides accept, alternating between the API processes; partnerships follow at once.
    await Promise.all(
      proposals.flatMap((p) =>
        [p.a, p.b].map((inst) => api('POST', `/v1/proposals/${p.id}/accept`, byInstitution.get(inst)!.token)),
      ),
    )
    // A notifier dies with SIGKILL while the mail about all that is going out.
    await waitFor(async () => (await sinkMessages()).length >= 40, {
      timeoutMs: 60_000,
      what: 'mail flowing',
    })
    await kill('notifier-1')
    t.comment(`notifier-1 killed after ${(await sinkMessages()).length} mails`)

    // The schedulers propose an intro meeting per partnership; one coordinator books the first slot.
    const meetings = await waitFor(
      async () => {
        const rows = await sql()<{ id: string; a: string }[]>`
        select id, institution_a as a from meetings where status = 'proposed'`
        return rows.length === PAIRS ? rows : undefined
      },
      { timeoutMs: 60_000, what: 'an intro meeting per partnership' },
    )
    const booking = Promise.all(
      meetings.map((m) =>
        api('POST', `/v1/meetings/${m.id}/choose`, byInstitution.get(m.a)!.token, { slotIndex: 0 }),
      ),
    )
    // A scheduler dies with SIGKILL while it turns the bookings into reminder timers.
    await waitFor(
      async () => (await count(sql()`select count(*) as n from timers where kind = 'reminder'`)) > 0,
      {
        timeoutMs: 60_000,
        what: 'the first reminder timers',
      },
    )
    await kill('scheduler-1')
    t.comment(
      `scheduler-1 killed with ${await count(sql()`select count(*) as n from timers`)} of ${PAIRS} timers made`,
    )
    await booking

    // Every booked meeting gets its reminders; then the clock jumps: due jobs run now.
    const scheduled = await waitFor(
      async () => {
        const open = await count(
          sql()`select count(*) as n from outbox where queue = 'schedule' and done_at is null`,
        )
        const booked = await count(sql()`select count(*) as n from meetings where status = 'scheduled'`)
        return open === 0 && booked === PAIRS ? booked : undefined
      },
      { timeoutMs: 90_000, what: 'the scheduler to take every booking' },
    )
    t.equal(scheduled, PAIRS)
    const schedule = producers.queue('schedule')
    await waitFor(
      async () => {
        await schedule.promoteJobs()
        return (await count(sql()`select count(*) as n from timers where status = 'pending'`)) === 0
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'every timer to fire' },
    )

    // Everything the notifiers were given is done.
    const settled = await waitFor(
      async () => {
        const open = await count(sql()`select count(*) as n from outbox where done_at is null`)
        const unsent = await count(
          sql()`select count(*) as n from deliveries where channel = 'email' and status <> 'sent'`,
        )
        const sent = await count(sql()`select count(*) as n from deliveries where channel = 'email'`)
        const mails = (await sinkMessages()).length
        return open === 0 && unsent === 0 && mails >= sent ? { sent, mails } : undefined
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'every event handled and every mail sent' },
    )

    const events = await count(sql()`select count(*) as n from outbox`)
    t.ok(events >= 300, `${events} events went through the workers`)

    // Exactly once, in-app: one inbox row per (event, recipient), for every recipient of every event.
    const expected = sql()`
    select o.id as outbox_id, u.id as user_id
    from outbox o join users u on u.status = 'active' and (
      u.id::text in (select jsonb_array_elements_text(coalesce(o.payload->'audience'->'userIds', '[]')))
      or exists (select 1 from memberships m where m.user_id = u.id and m.institution_id::text in
        (select jsonb_array_elements_text(coalesce(o.payload->'audience'->'institutionIds', '[]'))))
      or (u.role = 'officer' and u.officer_side in
        (select jsonb_array_elements_text(coalesce(o.payload->'audience'->'officerSides', '[]')))))
    where o.queue = 'notify'`
    const missing = await sql()<{ outbox_id: string; user_id: string }[]>`
    select * from (${expected}) e where not exists
      (select 1 from notifications n where n.outbox_id = e.outbox_id and n.user_id = e.user_id)`
    t.same(missing, [], 'every recipient has each notification in the inbox')
    const extra = await count(sql()`
    select count(*) as n from (select outbox_id, user_id from notifications
      group by outbox_id, user_id having count(*) > 1) d`)
    t.equal(extra, 0, 'and only once')
    const inbox = await count(sql()`select count(*) as n from notifications`)
    const pairs = await count(sql()`select count(*) as n from (${expected}) e`)
    t.equal(inbox, pairs, `${inbox} inbox rows for ${pairs} (event, recipient) pairs`)

    // Exactly once by email: one sent delivery per (event, recipient), and the sink saw each mail once.
    const noMail = await sql()`
    select * from (${expected}) e where not exists (select 1 from deliveries d
      where d.outbox_id = e.outbox_id and d.user_id = e.user_id and d.channel = 'email' and d.status = 'sent')`
    t.same(noMail, [], 'every recipient was mailed about each event')
    const mails = await sinkMessages()
    const seen = new Map<string, number>()
    for (const m of mails) seen.set(m.messageId, (seen.get(m.messageId) ?? 0) + 1)
    // SMTP itself is at least once: a mail the server accepted just before the SIGKILL, before
    // "sent" was recorded, goes out again after the lease with the same Message-ID, on which
    // receivers dedupe. Such repeats are bounded by the killed notifier's open conversations.
    const repeats = mails.length - seen.size
    t.ok(
      repeats <= SMTP_CONVERSATIONS,
      `${repeats} repeated Message-IDs ≤ ${SMTP_CONVERSATIONS} conversations in flight`,
    )
    t.same(
      [...seen].filter(([, n]) => n > 2),
      [],
      'no mail arrived more than twice',
    )
    const sentIds = await sql()<{ message_id: string }[]>`
    select message_id from deliveries where channel = 'email' and status = 'sent'`
    t.same(
      sentIds.map((r) => `<${r.message_id.replace(/^<|>$/g, '')}>`).sort(),
      [...seen.keys()].map((id) => `<${id.replace(/^<|>$/g, '')}>`).sort(),
      `the ${settled.sent} sent deliveries are exactly the ${mails.length} mails at the sink`,
    )

    // Every timer fired once: no timer left pending, each fired reminder wrote one reminder.due.
    const timers = await sql()<
      { status: string; n: string }[]
    >`select status, count(*) as n from timers group by status`
    t.notOk(
      timers.some((r) => r.status === 'pending'),
      `timers: ${timers.map((r) => `${r.n} ${r.status}`).join(', ')}`,
    )
    const reminders = await sql()<{ id: string; events: string }[]>`
    select t.id, (select count(*) from outbox o where o.queue = 'notify' and o.event_type = 'reminder.due'
      and o.payload->>'targetId' = t.payload->>'targetId' and o.payload->>'offset' = t.payload->>'offset') as events
    from timers t where t.kind = 'reminder' and t.status = 'fired'`
    t.ok(reminders.length >= PAIRS, `${reminders.length} reminders fired`)
    t.same(
      reminders.filter((r) => Number(r.events) !== 1),
      [],
      'each fired reminder wrote exactly one reminder.due',
    )
    t.equal(
      await count(
        sql()`select count(*) as n from outbox where event_type = 'reminder.due' and queue = 'notify'`,
      ),
      reminders.length,
      'and nothing else wrote one',
    )

    // The survivors still stop gracefully.
    for (const name of ['notifier-2', 'scheduler-2', 'matcher-1', 'matcher-2', 'api-1', 'api-2']) {
      const s = services.find((x) => x.name === name)!
      const exited = new Promise<number | null>((r) => s.child.once('exit', (code) => r(code)))
      s.child.kill('SIGTERM')
      t.equal(await exited, 0, `${name} stops on SIGTERM with exit code 0`)
    }
  },
)
