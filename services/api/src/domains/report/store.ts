import type { AgreementFields } from '@dj/agreement'
import {
  agreements,
  type DbOrTx,
  exchangeReports,
  institutions,
  timers,
  tripPlans,
  users,
  visits,
} from '@dj/db'
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm'
import { Errors } from '../errors.js'

export type ReportRow = typeof exchangeReports.$inferSelect

export const reportTarget = (reportId: string) => `report:${reportId}`

export async function loadReportRow(db: DbOrTx, id: string, o: { lock?: boolean } = {}): Promise<ReportRow> {
  const q = db.select().from(exchangeReports).where(eq(exchangeReports.id, id))
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) throw new Errors.NotFound('report')
  return row
}

export async function reportsOfPartnership(db: DbOrTx, partnershipId: string): Promise<ReportRow[]> {
  return db
    .select()
    .from(exchangeReports)
    .where(eq(exchangeReports.partnershipId, partnershipId))
    .orderBy(desc(exchangeReports.openedAt), asc(exchangeReports.institutionId))
}

export type Ref = { id: string; name: string; side: 'duren' | 'jinhua' }

export async function institutionRefs(db: DbOrTx, ids: readonly string[]): Promise<Map<string, Ref>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}

export type VisitRow = typeof visits.$inferSelect

export async function visitsById(db: DbOrTx, ids: readonly string[]): Promise<Map<string, VisitRow>> {
  if (ids.length === 0) return new Map()
  const rows = await db
    .select()
    .from(visits)
    .where(inArray(visits.id, [...new Set(ids)]))
  return new Map(rows.map((r) => [r.id, r]))
}

/**
 * The agreement the visit was made under: the newest edition that existed when the visit ended
 * (a renewal afterwards drafts next year's), else the first one.
 */
export async function agreementOfVisit(
  db: DbOrTx,
  partnershipId: string,
  visitEndDate: string,
): Promise<AgreementFields | null> {
  const until = new Date(`${visitEndDate}T23:59:59Z`)
  const [inForce] = await db
    .select({ fields: agreements.fields })
    .from(agreements)
    .where(and(eq(agreements.partnershipId, partnershipId), lte(agreements.createdAt, until)))
    .orderBy(desc(agreements.edition))
    .limit(1)
  if (inForce) return inForce.fields as unknown as AgreementFields
  const [first] = await db
    .select({ fields: agreements.fields })
    .from(agreements)
    .where(eq(agreements.partnershipId, partnershipId))
    .orderBy(asc(agreements.edition))
    .limit(1)
  return (first?.fields as unknown as AgreementFields | undefined) ?? null
}

export async function tripPlanOfVisit(db: DbOrTx, visitId: string): Promise<Record<string, unknown> | null> {
  const [plan] = await db
    .select({ fields: tripPlans.fields })
    .from(tripPlans)
    .where(eq(tripPlans.visitId, visitId))
  return plan?.fields ?? null
}

/**
 * The funding programmes the visit's trip plan applies to (its checklist's `funding:<slug>`
 * items), named in `lang` where the catalogue has it, else in German.
 */
export async function programmesOfVisit(
  db: DbOrTx,
  visitId: string,
  lang: 'de' | 'en' | 'zh',
): Promise<string[]> {
  const rows = (await db.execute(sql`
    select coalesce(f.fields->'name'->>${lang}, f.fields->'name'->>'de', f.slug) as name
    from trip_plans p
    join trip_checklist_items c on c.trip_plan_id = p.id and c.key like 'funding:%'
    join funding_programmes f on f.slug = substring(c.key from 9)
    where p.visit_id = ${visitId}
    order by c.position, c.key`)) as unknown as { name: string }[]
  return rows.map((r) => r.name)
}

/** The reader's own locale, for the PDF when no language is asked for. */
export async function localeOf(db: DbOrTx, userId: string): Promise<string> {
  const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId))
  return u?.locale ?? 'de'
}

/** Filing ends the chase: the reminders and the office's notice of this report are cancelled. */
export async function cancelReportTimers(tx: DbOrTx, reportId: string): Promise<void> {
  await tx
    .update(timers)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(eq(timers.target, reportTarget(reportId)), eq(timers.status, 'pending')))
}
