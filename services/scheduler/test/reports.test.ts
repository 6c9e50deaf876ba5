import { exchangeReports, timers, tripPlans, visits } from '@dj/db'
import { waitFor } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { fireTimer } from '../src/fire.js'
import { reportTarget } from '../src/reports.js'
import { scheduledVisit } from './helper/fixtures.js'
import { schedulerHarness } from './helper/harness.js'

/*
 * The reports after a visit (issue 13, item 4): opened for both institutions once the visit is
 * over in its own zone, asked for, reminded twice, then the office of the institution's side is
 * told; a filed report is not chased. `now` is passed in, never waited for.
 */

const h = schedulerHarness('scheduler_reports')
const db = h.db

async function reportsOf(visitId: string) {
  return db().select().from(exchangeReports).where(eq(exchangeReports.visitId, visitId))
}
async function timersOf(reportId: string) {
  return db()
    .select()
    .from(timers)
    .where(eq(timers.target, reportTarget(reportId)))
    .orderBy(timers.fireAt)
}
async function events(type: string, reportId: string) {
  return h.handle.sql<{ payload: Record<string, unknown> & { audience: unknown } }[]>`
    select payload from outbox where event_type = ${type} and payload->>'reportId' = ${reportId}
      and queue = 'notify' order by created_at, id`
}

t.test(
  'a visit over in its zone: two reports, each asked for, with two reminders and the office notice',
  async (t) => {
    const v = await scheduledVisit(db(), '2027-05-10', '2027-05-14')
    await db()
      .insert(tripPlans)
      .values({
        partnershipId: v.partnershipId,
        visitId: v.id,
        fields: { group: { bands: [{ band: '15-17', count: 9 }], adults: 2 } },
      })
    // 23:30 in Berlin on the last day: not over yet.
    t.same(await h.scheduler.openReports(new Date('2027-05-14T21:30:00Z')), { visits: 0, timers: 0 })
    const opened = await h.scheduler.openReports(new Date('2027-05-15T08:00:00Z'))
    t.equal(opened.visits, 1)
    const reports = await reportsOf(v.id)
    t.equal(reports.length, 2, 'one per institution')
    t.same(reports.map((r) => r.institutionId).sort(), [v.hostInstitutionId, v.travellerInstitutionId].sort())
    const traveller = reports.find((r) => r.institutionId === v.travellerInstitutionId)!
    const host = reports.find((r) => r.institutionId === v.hostInstitutionId)!
    t.match(traveller.fields, { days: 5, participants: { bands: { '15-17': 9 }, accompanyingAdults: 2 } })
    t.match(host.fields, { days: 5 }, 'the host: no trip plan group of its own, the days still filled')
    t.equal(traveller.status, 'open')

    const asked = await events('report.requested', traveller.id)
    t.equal(asked.length, 1)
    t.same(asked[0]!.payload.audience, { institutionIds: [v.travellerInstitutionId] })
    t.equal(asked[0]!.payload.partnershipId, v.partnershipId)
    t.type(asked[0]!.payload.partnerName, 'string')

    const planned = await timersOf(traveller.id)
    t.same(
      planned.map((p) => [p.kind, p.fireAt.toISOString()]),
      [
        ['report.reminder', '2027-05-21T07:00:00.000Z'],
        ['report.reminder', '2027-05-28T07:00:00.000Z'],
        ['report.overdue', '2027-06-04T07:00:00.000Z'],
      ],
      '+7, +14, +21 days at 09:00 in the visit’s zone (CEST)',
    )
    t.same(
      planned.map((p) => p.id),
      [1, 2, 3].map((s) => `report_${traveller.id}_${s}`),
      'deterministic ids',
    )
    await waitFor(
      async () =>
        (await Promise.all(planned.map((p) => h.producers.queue('schedule').getJobState(p.id)))).every(
          (s) => s === 'delayed',
        ),
      { what: 'report timers armed' },
    )

    t.same(
      await h.scheduler.openReports(new Date('2027-05-15T09:00:00Z')),
      { visits: 0, timers: 0 },
      'idempotent',
    )
    t.equal((await reportsOf(v.id)).length, 2)
    t.equal((await events('report.requested', traveller.id)).length, 1, 'asked once')

    t.equal(await fireTimer(db(), planned[0]!.id), 'fired')
    t.equal(await fireTimer(db(), planned[0]!.id), 'skipped', 'never twice')
    t.equal(await fireTimer(db(), planned[1]!.id), 'fired')
    const reminders = await events('report.reminder', traveller.id)
    t.same(
      reminders.map((r) => [r.payload.step, r.payload.audience]),
      [
        [1, { institutionIds: [v.travellerInstitutionId] }],
        [2, { institutionIds: [v.travellerInstitutionId] }],
      ],
    )
    t.equal(await fireTimer(db(), planned[2]!.id), 'fired')
    const overdue = await events('report.overdue', traveller.id)
    t.equal(overdue.length, 1)
    t.match(overdue[0]!.payload, {
      audience: { officerSides: ['jinhua'] },
      side: 'jinhua',
      institutionId: v.travellerInstitutionId,
    })
    const [after] = await db().select().from(exchangeReports).where(eq(exchangeReports.id, traveller.id))
    t.equal(after!.remindersSent, 2, 'at most two reminders')
    t.ok(after!.officersToldAt)

    // The host files before its first reminder: the timer that still fires finds it stale.
    await db()
      .update(exchangeReports)
      .set({ status: 'filed', filedAt: new Date() })
      .where(eq(exchangeReports.id, host.id))
    const hostTimers = await timersOf(host.id)
    t.equal(await fireTimer(db(), hostTimers[0]!.id), 'stale')
    t.equal((await events('report.reminder', host.id)).length, 0, 'no reminder after filing')
  },
)

t.test('Shanghai’s midnight comes first; cancelled and long-past visits are not opened', async (t) => {
  const shanghai = await scheduledVisit(db(), '2027-06-01', '2027-06-05')
  await db().update(visits).set({ timeZone: 'Asia/Shanghai' }).where(eq(visits.id, shanghai.id))
  const berlin = await scheduledVisit(db(), '2027-06-01', '2027-06-05')
  const cancelled = await scheduledVisit(db(), '2027-06-01', '2027-06-04')
  await db().update(visits).set({ status: 'cancelled' }).where(eq(visits.id, cancelled.id))
  const old = await scheduledVisit(db(), '2027-03-01', '2027-03-05')
  // 01:00 on 6 June in Shanghai, 19:00 on 5 June in Berlin.
  await h.scheduler.openReports(new Date('2027-06-05T17:00:00Z'))
  t.equal((await reportsOf(shanghai.id)).length, 2, 'over in Shanghai')
  t.equal((await reportsOf(berlin.id)).length, 0, 'still on in Berlin')
  t.equal((await reportsOf(cancelled.id)).length, 0, 'cancelled')
  t.equal((await reportsOf(old.id)).length, 0, 'ended before the horizon')
  const [r] = await reportsOf(shanghai.id)
  t.equal((await timersOf(r!.id))[0]!.fireAt.toISOString(), '2027-06-12T01:00:00.000Z', '09:00 Beijing time')
})

t.test('the hourly sweep job opens the reports of a visit that ended yesterday', async (t) => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)
  const v = await scheduledVisit(db(), day(-6), day(-2))
  await h.producers.queue('schedule').add('sweep.run', { sweep: 'reports.open' })
  await waitFor(async () => ((await reportsOf(v.id)).length === 2 ? true : undefined), {
    what: 'reports opened',
  })
  t.pass('opened by the sweep')
})
