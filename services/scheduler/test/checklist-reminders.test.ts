import { timers, tripChecklistItems, tripPlans } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { waitFor } from '@dj/testkit'
import { and, eq } from 'drizzle-orm'
import t from 'tap'
import { checklistTarget } from '../src/checklist-reminders.js'
import { fireTimer } from '../src/fire.js'
import { partnershipFixture } from './helper/fixtures.js'
import { schedulerHarness } from './helper/harness.js'

/*
 * Checklist reminders of a trip plan (issue 13, item 1): at most two per open item with a due
 * date, to both institutions, kept in PostgreSQL so they survive restarts. Time is never waited
 * for: the reminders lie weeks ahead; a test makes one due by promoting its delayed job (what the
 * clock does when its time comes) or fires its timer as the job would.
 */

const h = schedulerHarness('scheduler_checklist')
const { db, due, settled, drained } = h
const queue = h.queue
const DAY = 86_400_000
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

/** A trip plan with its checklist as the API leaves it, and the event the API writes with it. */
async function planWith(items: { key: string; dueDate: string | null; done?: boolean }[]) {
  const { a, b, partnership } = await partnershipFixture(db())
  const [plan] = await db()
    .insert(tripPlans)
    .values({ partnershipId: partnership.id, fields: { direction: 'jinhua_to_duren' } })
    .returning()
  await db()
    .insert(tripChecklistItems)
    .values(
      items.map((i, position) => ({
        tripPlanId: plan!.id,
        key: i.key,
        dueDate: i.dueDate,
        position,
        doneAt: i.done ? new Date() : null,
      })),
    )
  const p = { id: plan!.id, partnershipId: partnership.id, a, b }
  await changed(p)
  return p
}
type Plan = Awaited<ReturnType<typeof planWith>>

const changed = (p: Pick<Plan, 'id' | 'partnershipId'>) =>
  db().transaction((tx) =>
    writeOutbox(tx, { type: 'trip.plan_changed', tripPlanId: p.id, partnershipId: p.partnershipId }),
  )

const timersOf = (p: Plan) =>
  db()
    .select()
    .from(timers)
    .where(eq(timers.target, checklistTarget(p.id)))
    .orderBy(timers.fireAt, timers.id)

async function pendingArmed(p: Plan, n: number, idPart = '') {
  return waitFor(
    async () => {
      const rows = (await timersOf(p)).filter((r) => r.status === 'pending')
      if (rows.length !== n || !rows.every((r) => r.id.includes(idPart))) return undefined
      const states = await Promise.all(rows.map((r) => queue().getJobState(r.id)))
      return states.every((s) => s === 'delayed') ? rows : undefined
    },
    { what: `${n} armed checklist timers` },
  )
}

const dueEvents = (p: Plan) =>
  h.handle.sql<{ payload: { audience: unknown; itemKey: string; step: number; dueDate: string } }[]>`
    select payload from outbox where event_type = 'trip.checklist_due' and payload->>'tripPlanId' = ${p.id}
    order by created_at, id`

const stepOf = (rows: { id: string }[], key: string, step: number) =>
  rows.find((r) => r.id.includes(`_${key.replace(':', '_')}_`) && r.id.endsWith(`_${step}`))!

t.test('two reminders per open item with a due date; none when ticked, late or undated', async (t) => {
  const visa = dateIn(60)
  const p = await planWith([
    { key: 'visa_schengen', dueDate: visa },
    { key: 'insurance', dueDate: visa, done: true },
    { key: 'report', dueDate: dateIn(-2) },
    { key: 'custom:1', dueDate: null },
    { key: 'parental_consent', dueDate: dateIn(10) },
  ])
  const rows = await pendingArmed(p, 3)
  t.same(
    rows.map((r) => [r.payload.key, r.payload.step]),
    [
      ['parental_consent', 2],
      ['visa_schengen', 1],
      ['visa_schengen', 2],
    ],
    'two for the visa; only the last call for an item due in ten days',
  )
  t.same(
    rows.filter((r) => r.payload.key === 'visa_schengen').map((r) => r.fireAt.toISOString().slice(0, 10)),
    [dateIn(46), dateIn(57)],
    '14 and 3 days before the due date',
  )
  await changed(p)
  await drained()
  t.equal((await timersOf(p)).length, 3, 'a second delivery changes nothing')
})

t.test('firing twice tells both institutions once', async (t) => {
  const p = await planWith([{ key: 'visa_f', dueDate: dateIn(30) }])
  const rows = await pendingArmed(p, 2)
  const first = stepOf(rows, 'visa_f', 1).id
  await due(first)
  t.equal((await settled(first)).status, 'fired')
  t.equal(await fireTimer(db(), first), 'skipped', 'a replayed job is a no-op')
  const events = await dueEvents(p)
  t.same(
    events.map((e) => [e.payload.itemKey, e.payload.step, e.payload.dueDate, e.payload.audience]),
    [['visa_f', 1, dateIn(30), { institutionIds: [p.a.inst.id, p.b.inst.id] }]],
  )
  await changed(p)
  await drained()
  t.same(
    (await timersOf(p)).map((r) => r.status),
    ['fired', 'pending'],
    're-planning keeps the fired one closed',
  )
})

t.test('a ticked item’s reminders are cancelled; a moved date re-plans them', async (t) => {
  const p = await planWith([
    { key: 'insurance', dueDate: dateIn(40) },
    { key: 'funding:kjp-china', dueDate: dateIn(50) },
  ])
  const rows = await pendingArmed(p, 4)
  // Ticked, but the scheduler has not seen the event yet: the reminder re-checks and is dropped.
  await db()
    .update(tripChecklistItems)
    .set({ doneAt: new Date() })
    .where(and(eq(tripChecklistItems.tripPlanId, p.id), eq(tripChecklistItems.key, 'insurance')))
  t.equal(await fireTimer(db(), stepOf(rows, 'insurance', 1).id), 'stale')
  await changed(p)
  const second = stepOf(rows, 'insurance', 2).id
  await waitFor(async () => (await settled(second)).status === 'cancelled', { what: 'cancelled' })
  await waitFor(async () => (await queue().getJobState(second)) === 'unknown', { what: 'job removed' })
  // The funding deadline moves: old reminders cancelled, new ones for the new date.
  await db()
    .update(tripChecklistItems)
    .set({ dueDate: dateIn(55) })
    .where(and(eq(tripChecklistItems.tripPlanId, p.id), eq(tripChecklistItems.key, 'funding:kjp-china')))
  await changed(p)
  const now = await pendingArmed(p, 2, dateIn(55))
  t.ok(now.every((r) => r.payload.dueDate === dateIn(55)))
  t.ok(
    (await timersOf(p))
      .filter((r) => r.payload.dueDate === dateIn(50))
      .every((r) => r.status === 'cancelled'),
  )
  t.equal((await dueEvents(p)).length, 0, 'nothing went out')
})

t.test('a restart between planning and the due time still fires each reminder exactly once', async (t) => {
  const p = await planWith([
    { key: 'visa_schengen', dueDate: dateIn(45) },
    { key: 'parental_consent', dueDate: dateIn(90) },
  ])
  const rows = await pendingArmed(p, 4)
  const ids = [stepOf(rows, 'visa_schengen', 1).id, stepOf(rows, 'parental_consent', 1).id]
  await h.scheduler.stop()
  for (const id of ids) await due(id)
  await h.start()
  await h.scheduler.resync()
  for (const id of ids) t.equal((await settled(id)).status, 'fired')
  await h.scheduler.resync()
  for (const id of ids) t.equal(await fireTimer(db(), id), 'skipped')
  t.same(
    (await dueEvents(p)).map((e) => e.payload.itemKey).sort(),
    ['parental_consent', 'visa_schengen'],
    'one reminder per item',
  )
  t.equal((await timersOf(p)).filter((r) => r.status === 'pending').length, 2, 'the last calls still wait')
})
