import type { AgreementFields } from '@dj/agreement'
import { agreements, type Db, type DbOrTx, exchangeReports, institutions, tripPlans } from '@dj/db'
import { planReportSteps, prefillReport, REPORT_SEND_MINUTE } from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { localToInstant } from '@dj/scheduling'
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { insertTimers, type TimerClock, type TimerRow, type TimerSpec, timerId } from './timers.js'

/** Timer kinds: the two reminders to the reporting institution, and the notice to its side's office. */
export const REPORT_REMINDER = 'report.reminder'
export const REPORT_OVERDUE = 'report.overdue'

export const reportTarget = (reportId: string) => `report:${reportId}`

/**
 * Visits that ended longer ago than this are not opened any more (the platform had no report form
 * then). Within it a late report still opens, without the steps whose day has long passed.
 */
const OPEN_HORIZON_DAYS = 60

interface EndedVisit {
  id: string
  partnership_id: string
  host_institution_id: string
  traveller_institution_id: string
  start_date: string
  end_date: string
  time_zone: string
}

/** The steps of a report still to come (or due within the hour): their timers, deterministic ids. */
export function reportTimerSpecs(
  reportId: string,
  visit: { end_date: string; time_zone: string },
  now: Date,
): TimerSpec[] {
  return planReportSteps(visit.end_date, 'open').flatMap((s) => {
    const at = localToInstant(s.date, REPORT_SEND_MINUTE, visit.time_zone)
    // A step long past (the sweep was down for days) is dropped rather than fired all at once.
    if (at === null || at < now.getTime() - 86_400_000) return []
    return [
      {
        id: timerId('report', reportId, s.step),
        kind: s.step === 3 ? REPORT_OVERDUE : REPORT_REMINDER,
        target: reportTarget(reportId),
        fireAt: new Date(at),
        payload: { reportId, step: s.step },
      },
    ]
  })
}

async function agreementFields(tx: DbOrTx, partnershipId: string, endDate: string) {
  const [row] = await tx
    .select({ fields: agreements.fields })
    .from(agreements)
    .where(
      and(
        eq(agreements.partnershipId, partnershipId),
        lte(agreements.createdAt, new Date(`${endDate}T23:59:59Z`)),
      ),
    )
    .orderBy(desc(agreements.edition))
    .limit(1)
  if (row) return row.fields as unknown as AgreementFields
  const [first] = await tx
    .select({ fields: agreements.fields })
    .from(agreements)
    .where(eq(agreements.partnershipId, partnershipId))
    .orderBy(asc(agreements.edition))
    .limit(1)
  return (first?.fields as unknown as AgreementFields | undefined) ?? null
}

/**
 * Opens the two reports of one ended visit (one per institution; the unique index makes a second
 * sweep a no-op), prefilled from the trip plan and the agreement, asks each institution for its
 * report through the outbox and plans its reminders, all in one transaction.
 */
async function openVisitReports(tx: DbOrTx, v: EndedVisit, now: Date): Promise<TimerRow[]> {
  const ids = [v.host_institution_id, v.traveller_institution_id]
  const refs = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, ids))
  const agreement = await agreementFields(tx, v.partnership_id, v.end_date)
  const [plan] = await tx
    .select({ fields: tripPlans.fields })
    .from(tripPlans)
    .where(eq(tripPlans.visitId, v.id))
  const added: TimerRow[] = []
  for (const ref of refs) {
    const partner = refs.find((r) => r.id !== ref.id)
    const fields = prefillReport({
      visit: { startDate: v.start_date, endDate: v.end_date },
      side: ref.side,
      travelled: ref.id === v.traveller_institution_id,
      agreement,
      tripPlan: plan?.fields ?? null,
    })
    const [report] = await tx
      .insert(exchangeReports)
      .values({
        visitId: v.id,
        partnershipId: v.partnership_id,
        institutionId: ref.id,
        fields: fields as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing({ target: [exchangeReports.visitId, exchangeReports.institutionId] })
      .returning({ id: exchangeReports.id })
    if (!report) continue
    await writeOutbox(tx, {
      type: 'report.requested',
      audience: { institutionIds: [ref.id] },
      reportId: report.id,
      visitId: v.id,
      partnershipId: v.partnership_id,
      institutionId: ref.id,
      partnerName: partner?.name ?? '',
    })
    added.push(...(await insertTimers(tx, reportTimerSpecs(report.id, v, now))))
  }
  return added
}

/**
 * The reports sweep: every scheduled visit whose last day is over in its own zone (and ended
 * within the horizon) gets its two reports. Each visit in its own transaction, the timers armed
 * after it committed; a visit already opened costs one select.
 */
export async function openEndedVisitReports(
  db: Db,
  clock: TimerClock,
  now: Date = new Date(),
): Promise<{ visits: number; timers: number }> {
  const ended = (await db.execute(sql`
    select v.id, v.partnership_id, v.host_institution_id, v.traveller_institution_id,
      v.start_date::text as start_date, v.end_date::text as end_date, v.time_zone
    from visits v
    where v.status = 'scheduled'
      and v.end_date < (${now.toISOString()}::timestamptz at time zone v.time_zone)::date
      and v.end_date >= (${now.toISOString()}::timestamptz at time zone v.time_zone)::date - ${OPEN_HORIZON_DAYS}::int
      and (select count(*) from exchange_reports r where r.visit_id = v.id) < 2
    order by v.end_date`)) as unknown as EndedVisit[]
  let armed = 0
  for (const v of ended) {
    const added = await db.transaction((tx) => openVisitReports(tx, v, now))
    armed += await clock.arm(added, now.getTime())
  }
  return { visits: ended.length, timers: armed }
}

/**
 * A reminder (steps 1, 2) or the office's notice (step 3) of a report, if it is still open: a
 * report filed meanwhile makes it stale even when the filing's cancellation has not reached it.
 */
export async function fireReportTimer(tx: DbOrTx, timer: TimerRow): Promise<boolean> {
  const reportId = String(timer.payload.reportId)
  const [r] = await tx
    .select({
      id: exchangeReports.id,
      status: exchangeReports.status,
      visitId: exchangeReports.visitId,
      partnershipId: exchangeReports.partnershipId,
      institutionId: exchangeReports.institutionId,
      name: institutions.name,
      side: institutions.side,
    })
    .from(exchangeReports)
    .innerJoin(institutions, eq(institutions.id, exchangeReports.institutionId))
    .where(eq(exchangeReports.id, reportId))
  if (r?.status !== 'open') return false
  const ids = { reportId, visitId: r.visitId, partnershipId: r.partnershipId, institutionId: r.institutionId }
  if (timer.kind === REPORT_OVERDUE) {
    await writeOutbox(tx, {
      type: 'report.overdue',
      audience: { officerSides: [r.side] },
      ...ids,
      institutionName: r.name,
      side: r.side,
    })
    await tx
      .update(exchangeReports)
      .set({ officersToldAt: new Date(), updatedAt: new Date() })
      .where(eq(exchangeReports.id, reportId))
    return true
  }
  const step = Number(timer.payload.step) === 2 ? 2 : 1
  await writeOutbox(tx, {
    type: 'report.reminder',
    audience: { institutionIds: [r.institutionId] },
    ...ids,
    step,
  })
  await tx
    .update(exchangeReports)
    .set({ remindersSent: sql`greatest(${exchangeReports.remindersSent}, ${step})`, updatedAt: new Date() })
    .where(eq(exchangeReports.id, reportId))
  return true
}
