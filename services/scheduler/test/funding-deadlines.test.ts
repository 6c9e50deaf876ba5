import { fundingProgrammes, timers, tripPlans } from '@dj/db'
import { draftTripPlan, FUNDING_SEED, type FundingProgramme } from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { waitFor } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { fireTimer } from '../src/fire.js'
import { fundingTarget } from '../src/funding-deadlines.js'
import { partnershipFixture } from './helper/fixtures.js'
import { schedulerHarness } from './helper/harness.js'

/*
 * Funding deadline reminders (issue 13, item 3): timers per programme deadline, four weeks and one
 * week before, synced on funding.programme_changed and by the hourly sweep; firing tells each
 * partnership whose planned trip fits the programme and applies by that deadline, once, through
 * the outbox. Time is never waited for: the test programme's deadline lies weeks ahead and its
 * timer is fired as the job would.
 */

const h = schedulerHarness('scheduler_funding')
const db = h.db
const DAY = 86_400_000
const dateIn = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)
const ruleOf = (date: string) => ({ month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) })

/** A programme of the county for Chinese groups visiting Germany; its deadline 20 days ahead. */
const DEADLINE = dateIn(20)
const fonds = (deadline = DEADLINE): FundingProgramme => ({
  ...FUNDING_SEED[0]!,
  slug: 'kreis-fonds',
  eligibility: { formats: [], institutionKinds: [], sides: ['duren'], directions: ['jinhua_to_duren'] },
  deadlines: [{ label: { de: 'Frist', en: 'Deadline', zh: '截止' }, ...ruleOf(deadline) }],
})

const changed = (programmeId: string) =>
  db().transaction((tx) => writeOutbox(tx, { type: 'funding.programme_changed', programmeId }))

const timersOf = (programmeId: string) =>
  db()
    .select()
    .from(timers)
    .where(eq(timers.target, fundingTarget(programmeId)))
    .orderBy(timers.fireAt, timers.id)

const pending = (programmeId: string, n: number, idPart = '') =>
  waitFor(
    async () => {
      const rows = (await timersOf(programmeId)).filter((r) => r.status === 'pending')
      if (rows.length !== n || !rows.every((r) => r.id.includes(idPart))) return undefined
      const states = await Promise.all(rows.map((r) => h.producers.queue('schedule').getJobState(r.id)))
      return states.every((s) => s === 'delayed') ? rows : undefined
    },
    { what: `${n} armed funding timers` },
  )

const events = (programmeSlug: string) =>
  h.handle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'funding.deadline_near'
      and payload->>'programmeSlug' = ${programmeSlug} order by created_at, id`

async function tripOf(
  partnershipId: string,
  start: string,
  direction: 'duren_to_jinhua' | 'jinhua_to_duren',
) {
  const fields = draftTripPlan({ startDate: start, endDate: start, direction, groupSize: 10 })
  const [row] = await db()
    .insert(tripPlans)
    .values({ partnershipId, fields: fields as unknown as Record<string, unknown> })
    .returning()
  return row!
}

let programmeId: string

t.test('the sweep times the seed programmes’ deadlines', async (t) => {
  await h.scheduler.planTimers()
  const seeded = await db().select().from(fundingProgrammes)
  t.equal(seeded.length, FUNDING_SEED.length, 'the migration seeded the programmes')
  for (const p of seeded) {
    const rows = (await timersOf(p.id)).filter((r) => r.status === 'pending')
    const hasDeadlines = (p.fields as FundingProgramme).deadlines.length > 0
    t.equal(rows.length > 0, hasDeadlines, `${p.slug}: ${rows.length} timers`)
  }
  const before = (await db().select().from(timers)).length
  await h.scheduler.planTimers()
  t.equal((await db().select().from(timers)).length, before, 'a second sweep adds nothing')
})

t.test('a changed programme gets its timers: one week before (four weeks is already past)', async (t) => {
  const [row] = await db()
    .insert(fundingProgrammes)
    .values({ slug: 'kreis-fonds', fields: fonds() })
    .returning()
  programmeId = row!.id
  await changed(programmeId)
  const rows = await pending(programmeId, 1)
  t.match(rows[0], {
    kind: 'funding.deadline_near',
    payload: { programmeId, deadline: DEADLINE, daysBefore: 7 },
  })
  t.equal(rows[0]!.id, `funding_${programmeId}_${DEADLINE}_7`, 'a deterministic id')
  t.equal(rows[0]!.fireAt.toISOString().slice(0, 10), dateIn(13))
})

t.test('firing tells each fitting partnership once; twice is a no-op', async (t) => {
  const fits = await partnershipFixture(db())
  const trip = await tripOf(fits.partnership.id, dateIn(60), 'jinhua_to_duren')
  await tripOf(fits.partnership.id, dateIn(70), 'jinhua_to_duren')
  const wrongWay = await partnershipFixture(db())
  await tripOf(wrongWay.partnership.id, dateIn(60), 'duren_to_jinhua')
  const nextYear = await partnershipFixture(db())
  await tripOf(nextYear.partnership.id, dateIn(400), 'jinhua_to_duren')
  const [timer] = await timersOf(programmeId)
  t.equal(await fireTimer(db(), timer!.id), 'fired')
  t.equal(await fireTimer(db(), timer!.id), 'skipped', 'a replayed job is a no-op')
  t.same(
    (await events('kreis-fonds')).map((e) => e.payload),
    [
      {
        type: 'funding.deadline_near',
        audience: { institutionIds: [fits.a.inst.id, fits.b.inst.id] },
        programmeSlug: 'kreis-fonds',
        programmeName: fonds().name.de,
        deadline: DEADLINE,
        partnershipId: fits.partnership.id,
        tripPlanId: trip.id,
      },
    ],
    'one event for the partnership with two fitting trips; none for the wrong direction or next year’s trip',
  )
})

t.test('a moved deadline re-plans; a stale timer fires as nothing', async (t) => {
  const moved = dateIn(30)
  await db()
    .update(fundingProgrammes)
    .set({ fields: fonds(moved), version: 2 })
    .where(eq(fundingProgrammes.id, programmeId))
  await changed(programmeId)
  const rows = await pending(programmeId, 2, moved)
  t.same(
    rows.map((r) => r.payload.daysBefore),
    [28, 7],
  )
  t.same(
    (await timersOf(programmeId)).filter((r) => r.status === 'fired').map((r) => r.payload.deadline),
    [DEADLINE],
    'the fired one stays fired',
  )
  // Deactivated, but the scheduler has not seen the event yet: the reminder re-checks and is dropped.
  await db().update(fundingProgrammes).set({ active: false }).where(eq(fundingProgrammes.id, programmeId))
  t.equal(await fireTimer(db(), rows[0]!.id), 'stale')
  await changed(programmeId)
  await waitFor(
    async () => ((await timersOf(programmeId)).some((r) => r.status === 'pending') ? undefined : true),
    { what: 'timers cancelled' },
  )
  t.same((await timersOf(programmeId)).map((r) => r.status).sort(), ['cancelled', 'cancelled', 'fired'])
  t.equal((await events('kreis-fonds')).length, 1, 'no further event')
})
