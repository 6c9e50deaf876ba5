import { createDb, type DbHandle, meetings, outbox, timers } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { createProducers, type Producers } from '@dj/queue'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis, waitFor } from '@dj/testkit'
import { and, eq, sql } from 'drizzle-orm'
import { Redis } from 'ioredis'
import t from 'tap'
import { type App, buildApp } from '../src/app.js'
import type { SchedulerConfig } from '../src/config.js'
import { fireTimer } from '../src/fire.js'
import type { Scheduler } from '../src/scheduler.js'
import { insertTimers } from '../src/timers.js'
import { meetingById, partnershipFixture, scheduledMeeting, scheduledVisit } from './helper/fixtures.js'
import { testSchedulerConfig } from './helper/harness.js'

let tdb: TestDatabase
let redis: TestRedis
let handle: DbHandle
let producers: Producers
let config: SchedulerConfig
let app: App
let scheduler: Scheduler

const HOUR = 3_600_000

t.before(async () => {
  tdb = await createTestDatabase('scheduler')
  redis = createTestRedis('scheduler')
  config = testSchedulerConfig(tdb, redis)
  handle = createDb(tdb.url)
  producers = createProducers(config)
  await waitFor(() => producers.connection.status === 'ready', { what: 'redis' })
  // As server.ts does, without listening: ready starts the work, close stops it.
  app = await buildApp({ config, dbHandle: handle, producers, relayIntervalMs: 50, logger: false })
  scheduler = app.scheduler
  await app.ready()
})
t.teardown(async () => {
  await app.close()
  await producers.close()
  await handle.close()
  await redis.cleanup()
  await tdb.drop()
})

const db = () => handle.db

async function outboxCount(type: string, key: string, value: string): Promise<number> {
  const rows = await handle.sql<{ n: number }[]>`
    select count(*)::int as n from outbox where event_type = ${type} and payload->>${key} = ${value}`
  return rows[0]?.n ?? 0
}

async function timersOf(target: string) {
  return db().select().from(timers).where(eq(timers.target, target)).orderBy(timers.fireAt)
}

async function flushTestKeys() {
  const r = new Redis(redis.url, { maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 500)
      cursor = next
      if (keys.length > 0) await r.del(...keys)
    } while (cursor !== '0')
  } finally {
    r.disconnect()
  }
}

t.test('health and readiness', async (t) => {
  t.equal((await app.inject('/health')).statusCode, 200)
  const ready = await app.inject('/ready')
  t.equal(ready.statusCode, 200, ready.body)
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'ok', redis: 'ok', worker: 'ok' } })
})

t.test('built but not ready: nothing runs, and closing it stops nothing else', async (t) => {
  const idle = await buildApp({ config, dbHandle: handle, producers, logger: false })
  t.equal(idle.scheduler.isRunning(), false, 'the worker starts only when the app is ready')
  await idle.close()
  t.equal(scheduler.isRunning(), true, 'the running scheduler is untouched')
  t.equal((await app.inject('/ready')).statusCode, 200, 'and still ready')
})

t.test('partnership.confirmed proposes intro slots to both coordinators', async (t) => {
  const { a, b, partnership } = await partnershipFixture(db())
  await db().transaction((tx) =>
    writeOutbox(tx, {
      type: 'partnership.confirmed',
      audience: { institutionIds: [a.inst.id, b.inst.id] },
      partnershipId: partnership.id,
      a: { id: a.inst.id, name: a.inst.name, side: 'duren' },
      b: { id: b.inst.id, name: b.inst.name, side: 'jinhua' },
    }),
  )
  const meeting = await waitFor(
    async () => (await db().select().from(meetings).where(eq(meetings.partnershipId, partnership.id)))[0],
    { what: 'intro meeting' },
  )
  t.equal(meeting.status, 'proposed')
  t.ok(meeting.slots.length > 0, 'slots proposed')
  for (const s of meeting.slots) {
    const berlin = s.participants.find((p) => p.timeZone === 'Europe/Berlin')!
    const shanghai = s.participants.find((p) => p.timeZone === 'Asia/Shanghai')!
    // Mon–Fri 08:00–17:00 on both sides: the only overlap is the Berlin morning.
    t.ok(berlin.localStart.slice(11) >= '08:00' && shanghai.localEnd.slice(11) <= '17:00', s.start)
  }
  await waitFor(() => outboxCount('meeting.slots_proposed', 'meetingId', meeting.id), {
    what: 'slots_proposed',
  })
  const [ev] = await db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.eventType, 'meeting.slots_proposed'), eq(outbox.queue, 'notify')))
  t.same((ev?.payload as { audience: unknown } | undefined)?.audience, {
    institutionIds: [a.inst.id, b.inst.id],
  })

  // A second delivery of the same event (another outbox row) does not create a second meeting.
  await db().transaction((tx) =>
    writeOutbox(tx, {
      type: 'partnership.confirmed',
      audience: { institutionIds: [] },
      partnershipId: partnership.id,
      a: { id: a.inst.id, name: a.inst.name, side: 'duren' },
      b: { id: b.inst.id, name: b.inst.name, side: 'jinhua' },
    }),
  )
  await waitFor(
    async () => {
      const rows = await handle.sql`select 1 from outbox where queue = 'schedule' and done_at is null`
      return rows.length === 0
    },
    { what: 'schedule outbox drained' },
  )
  const all = await db().select().from(meetings).where(eq(meetings.partnershipId, partnership.id))
  t.equal(all.length, 1)
})

async function announce(type: 'meeting.scheduled' | 'meeting.changed' | 'meeting.cancelled', id: string) {
  const m = await meetingById(db(), id)
  await db().transaction((tx) =>
    writeOutbox(tx, {
      type,
      audience: { institutionIds: [m.institutionA, m.institutionB] },
      meetingId: id,
      uid: m.uid,
      sequence: m.sequence,
      title: m.title,
      time: { start: m.startAt!.toISOString(), end: m.endAt!.toISOString() },
      organizerEmail: m.organizerEmail,
    }),
  )
}

t.test('reschedule moves the reminders, cancel removes them', async (t) => {
  const start = new Date(Date.now() + 10 * 24 * HOUR)
  const m = await scheduledMeeting(db(), start)
  await announce('meeting.scheduled', m.id)
  const target = `meeting:${m.id}`
  const first = await waitFor(
    async () => {
      const rows = await timersOf(target)
      return rows.length === 3 ? rows : undefined
    },
    { what: 'three reminders' },
  )
  t.same(
    first.map((r) => r.id),
    ['7d', '24h', '1h'].map((o) => `reminder_meeting-${m.id}_0_${o}`),
  )
  t.same(
    first.map((r) => r.fireAt.getTime()),
    [start.getTime() - 168 * HOUR, start.getTime() - 24 * HOUR, start.getTime() - HOUR],
  )
  const queue = producers.queue('schedule')
  await waitFor(async () => (await queue.getJobState(first[0]!.id)) === 'delayed', { what: 'armed' })

  const moved = new Date(start.getTime() + 24 * HOUR)
  await db()
    .update(meetings)
    .set({ startAt: moved, endAt: new Date(moved.getTime() + HOUR), sequence: 1 })
    .where(eq(meetings.id, m.id))
  await announce('meeting.changed', m.id)
  const second = await waitFor(
    async () => {
      const rows = await timersOf(target)
      const moved = rows.filter((r) => r.status === 'pending' && r.sequence === 1)
      if (moved.length !== 3) return undefined
      // The rows commit before their delayed jobs are armed in Redis; wait for both.
      const states = await Promise.all(moved.map((r) => queue.getJobState(r.id)))
      return states.every((s) => s === 'delayed') ? rows : undefined
    },
    { what: 'moved reminders' },
  )
  t.same(
    second.filter((r) => r.sequence === 0).map((r) => r.status),
    ['cancelled', 'cancelled', 'cancelled'],
  )
  for (const r of second) {
    const state = await queue.getJobState(r.id)
    t.equal(state, r.sequence === 1 ? 'delayed' : 'unknown', `${r.id} job ${state}`)
  }
  t.equal(
    second.find((r) => r.id.endsWith('_1_1h'))?.fireAt.getTime(),
    moved.getTime() - HOUR,
    'the 1h reminder moved with the meeting',
  )

  await db().update(meetings).set({ status: 'cancelled', sequence: 2 }).where(eq(meetings.id, m.id))
  await announce('meeting.cancelled', m.id)
  await waitFor(async () => (await timersOf(target)).every((r) => r.status === 'cancelled'), {
    what: 'all reminders cancelled',
  })
  for (const r of await timersOf(target)) t.equal(await queue.getJobState(r.id), 'unknown', r.id)
})

t.test('reminders rebuilt after a Redis flush fire exactly once', async (t) => {
  // Meetings an hour and a few seconds away: only their 1h reminders lie in the future.
  const ms = []
  for (const s of [3, 4, 5]) ms.push(await scheduledMeeting(db(), new Date(Date.now() + HOUR + s * 1000)))
  for (const m of ms) await announce('meeting.scheduled', m.id)
  const ids = ms.map((m) => `reminder_meeting-${m.id}_0_1h`)
  await waitFor(
    async () => {
      const states = await Promise.all(ids.map((id) => producers.queue('schedule').getJobState(id)))
      return states.every((s) => s === 'delayed')
    },
    { what: 'reminders armed' },
  )
  await flushTestKeys()
  t.equal(await producers.queue('schedule').getJobState(ids[0]!), 'unknown', 'Redis lost the jobs')
  // Re-sync twice (start-up and the periodic loop may overlap): still one job per timer.
  const r1 = await scheduler.resync()
  const r2 = await scheduler.resync()
  t.ok(r1.armed >= 3, `re-sync armed ${r1.armed}`)
  t.equal(r2.armed, 0, 'second re-sync finds every job present')
  await waitFor(
    async () => {
      const rows = await db().select().from(timers).where(sql`${timers.id} in ${ids}`)
      return rows.length === 3 && rows.every((r) => r.status === 'fired')
    },
    { what: 'reminders fired', timeoutMs: 20_000 },
  )
  for (const m of ms)
    t.equal(await outboxCount('reminder.due', 'targetId', m.id), 1, `one reminder for ${m.id}`)
  t.equal(await fireTimer(db(), ids[0]!), 'skipped', 'firing again is a no-op')
  await scheduler.resync()
  t.equal(await outboxCount('reminder.due', 'targetId', ms[0]!.id), 1)
  const [ev] = await handle.sql<{ payload: { offset: string; time: { start: string } } }[]>`
    select payload from outbox where event_type = 'reminder.due' and payload->>'targetId' = ${ms[0]!.id}`
  t.equal(ev?.payload.offset, '1h')
  t.equal(ev?.payload.time.start, ms[0]!.startAt!.toISOString())
})

t.test('an overdue timer missed while down fires at once on re-sync; a stale one is dropped', async (t) => {
  const m = await scheduledMeeting(db(), new Date(Date.now() + 30 * 60_000))
  const [overdue, stale] = await db().transaction((tx) =>
    insertTimers(tx, [
      {
        id: `reminder_meeting-${m.id}_0_1h`,
        kind: 'reminder',
        target: `meeting:${m.id}`,
        fireAt: new Date(Date.now() - 30 * 60_000),
        sequence: 0,
        payload: { kind: 'meeting', targetId: m.id, offset: '1h' },
      },
      {
        id: `reminder_meeting-${m.id}_7_24h`,
        kind: 'reminder',
        target: `meeting:${m.id}`,
        fireAt: new Date(Date.now() - 60_000),
        sequence: 7,
        payload: { kind: 'meeting', targetId: m.id, offset: '24h' },
      },
    ]),
  )
  await scheduler.resync()
  await waitFor(
    async () => {
      const rows = await timersOf(`meeting:${m.id}`)
      return rows.every((r) => r.status !== 'pending')
    },
    { what: 'overdue timers handled' },
  )
  const rows = await timersOf(`meeting:${m.id}`)
  t.equal(rows.find((r) => r.id === overdue!.id)?.status, 'fired')
  t.equal(rows.find((r) => r.id === stale!.id)?.status, 'cancelled', 'an old sequence never reminds')
  t.equal(await outboxCount('reminder.due', 'targetId', m.id), 1)
})

t.test('proposal expiry: expiring notice, then expiry, each once', async (t) => {
  const { a, b } = await partnershipFixture(db())
  const ia = (
    await handle.sql<{ id: string }[]>`select id from interests where institution_id = ${a.inst.id}`
  )[0]!
  const ib = (
    await handle.sql<{ id: string }[]>`select id from interests where institution_id = ${b.inst.id}`
  )[0]!
  const [p] = await handle.sql<{ id: string }[]>`
    insert into proposals (origin, interest_a, interest_b, institution_a, institution_b, status, expires_at)
    values ('expressed', ${ia.id}, ${ib.id}, ${a.inst.id}, ${b.inst.id}, 'open', now() + interval '2 seconds')
    returning id`
  await scheduler.planTimers()
  await scheduler.planTimers()
  await waitFor(
    async () => {
      const [row] = await handle.sql<{ status: string }[]>`select status from proposals where id = ${p!.id}`
      return row?.status === 'expired'
    },
    { what: 'proposal expired', timeoutMs: 20_000 },
  )
  await waitFor(() => outboxCount('proposal.expired', 'proposalId', p!.id), { what: 'expired event' })
  t.equal(await outboxCount('proposal.expiring', 'proposalId', p!.id), 2, 'one notice per side')
  t.equal(await outboxCount('proposal.expired', 'proposalId', p!.id), 2, 'one expiry per side')
})

t.test('purge scrubs accounts deleted longer ago than the retention period', async (t) => {
  const { a, b } = await partnershipFixture(db())
  await handle.sql`update users set status = 'deleted', deleted_at = now() - interval '40 days' where id = ${a.user.id}`
  await handle.sql`update users set status = 'deleted', deleted_at = now() - interval '2 days' where id = ${b.user.id}`
  const { purgeDeletedAccounts } = await import('../src/retention.js')
  const purged = await purgeDeletedAccounts(db(), 30)
  t.same(purged, [a.user.id])
  const [ua] = await handle.sql<
    { email: string; display_name: string }[]
  >`select email, display_name from users where id = ${a.user.id}`
  t.equal(ua?.email, `deleted-${a.user.id}@deleted.invalid`)
  const [ub] = await handle.sql<{ email: string }[]>`select email from users where id = ${b.user.id}`
  t.equal(ub?.email, b.user.email, 'still within retention')
  t.same(await purgeDeletedAccounts(db(), 30), [], 'idempotent')
})

t.test(
  'a booked visit is reminded from midnight in the host zone; cancel removes the reminders',
  async (t) => {
    const v = await scheduledVisit(db(), '2031-05-12', '2031-05-18')
    const ev = (type: 'visit.scheduled' | 'visit.cancelled', sequence: number) =>
      db().transaction((tx) =>
        writeOutbox(tx, {
          type,
          audience: { institutionIds: [v.hostInstitutionId, v.travellerInstitutionId] },
          visitId: v.id,
          uid: v.uid,
          sequence,
          title: v.title,
          time: { start: v.startDate, end: v.endDate, allDay: true },
          organizerEmail: v.organizerEmail,
        }),
      )
    await ev('visit.scheduled', 0)
    const rows = await waitFor(
      async () => {
        const r = await timersOf(`visit:${v.id}`)
        return r.length === 3 ? r : undefined
      },
      { what: 'visit reminders' },
    )
    // 2031-05-12 00:00 in Berlin (CEST) is 2031-05-11T22:00Z.
    const start = Date.parse('2031-05-11T22:00:00Z')
    t.same(
      rows.map((r) => r.fireAt.getTime()),
      [start - 168 * HOUR, start - 24 * HOUR, start - HOUR],
    )
    await handle.sql`update visits set status = 'cancelled', sequence = 1 where id = ${v.id}`
    await ev('visit.cancelled', 1)
    await waitFor(async () => (await timersOf(`visit:${v.id}`)).every((r) => r.status === 'cancelled'), {
      what: 'visit reminders cancelled',
    })
  },
)

t.test(
  'an interest unconfirmed for a year is asked to re-confirm, then paused after the grace period',
  async (t) => {
    const { a, b } = await partnershipFixture(db())
    const [soon] = await handle.sql<{ id: string }[]>`
    update interests set last_confirmed_at = now() - interval '365 days' + interval '1 second'
    where institution_id = ${a.inst.id} returning id`
    const [long] = await handle.sql<{ id: string }[]>`
    update interests set last_confirmed_at = now() - interval '400 days'
    where institution_id = ${b.inst.id} returning id`
    await scheduler.planTimers()
    await waitFor(() => outboxCount('interest.reconfirm_requested', 'interestId', soon!.id), {
      what: 'reconfirm request',
    })
    await waitFor(
      async () => {
        const [row] = await handle.sql<
          { status: string }[]
        >`select status from interests where id = ${long!.id}`
        return row?.status === 'paused'
      },
      { what: 'interest paused' },
    )
    const [fresh] = await handle.sql<
      { status: string }[]
    >`select status from interests where id = ${soon!.id}`
    t.equal(fresh?.status, 'open', 'still within the grace period')
    await scheduler.planTimers()
    await scheduler.resync()
    t.equal(await outboxCount('interest.reconfirm_requested', 'interestId', soon!.id), 1)
    t.equal(await outboxCount('interest.reconfirm_requested', 'interestId', long!.id), 1)
  },
)
