import { createHash } from 'node:crypto'
import type { Report, ReportSummary } from '@dj/contracts'
import { type DbOrTx, exchangeReports } from '@dj/db'
import {
  agreementAims,
  type ReportFields as Fields,
  ReportFields,
  type ReportStory,
  reportDocument,
  reportGaps,
} from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { renderReportPdf } from '@dj/pdf'
import { SIDES } from '@dj/vocabulary'
import { eq } from 'drizzle-orm'
import { Value } from 'typebox/value'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { DomainError, Errors } from '../errors.js'
import { tickReportItemWhenAllFiled } from '../trip/report-item.js'
import { workspaceAccess } from '../workspace/access.js'
import { readableReport, reportAccess, writableReport } from './access.js'
import {
  agreementOfVisit,
  cancelReportTimers,
  institutionRefs,
  loadReportRow,
  localeOf,
  programmesOfVisit,
  type ReportRow,
  reportsOfPartnership,
  tripPlanOfVisit,
  visitsById,
} from './store.js'
import { type ReportContext, reportView, summaryView } from './view.js'

async function contextOf(db: DbOrTx, row: ReportRow, partnerId: string): Promise<ReportContext> {
  const visit = (await visitsById(db, [row.visitId])).get(row.visitId)
  if (!visit) throw new Errors.NotFound('visit')
  const refs = await institutionRefs(db, [row.institutionId, partnerId])
  const agreement = await agreementOfVisit(db, row.partnershipId, visit.endDate)
  return {
    visit,
    institution: refs.get(row.institutionId)!,
    partner: refs.get(partnerId)!,
    aims: agreementAims(agreement),
    tripPlan: await tripPlanOfVisit(db, row.visitId),
  }
}

const partnerOf = (p: { institutionA: string; institutionB: string }, own: string) =>
  p.institutionA === own ? p.institutionB : p.institutionA

/** Every report of the partnership's visits, with what the caller may do; answers stay behind `viewReport`. */
export async function listReports(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
): Promise<{ items: ReportSummary[] }> {
  const access = await workspaceAccess(db, actor, partnershipId)
  const rows = await reportsOfPartnership(db, partnershipId)
  const visits = await visitsById(
    db,
    rows.map((r) => r.visitId),
  )
  const refs = await institutionRefs(db, [access.partnership.institutionA, access.partnership.institutionB])
  return {
    items: rows.map((r) => {
      const own = access.level === 'act' && access.ownInstitutionId === r.institutionId
      return summaryView(r, visits.get(r.visitId)!, refs.get(r.institutionId)!, {
        own,
        canRead: own || r.status === 'filed',
      })
    }),
  }
}

export async function viewReport(db: DbOrTx, actor: Actor, id: string): Promise<Report> {
  const row = await loadReportRow(db, id)
  const a = await readableReport(db, actor, row)
  const ctx = await contextOf(db, row, partnerOf(a.access.partnership, row.institutionId))
  return reportView(row, ctx, { own: a.own })
}

/** The version's fingerprint, named in a 409 with the version (the problem's `current`). */
const fingerprint = (row: ReportRow) =>
  createHash('sha256')
    .update(JSON.stringify({ fields: row.fields, story: row.story }))
    .digest('hex')

function requireVersion(row: ReportRow, expected: number) {
  if (row.version !== expected)
    throw new DomainError(
      'conflict',
      'REPORT_STALE_VERSION',
      'this is not the current version of the report; reload it',
      {
        current: { version: row.version, hash: fingerprint(row) },
      },
    )
}

function checkFields(fields: unknown): Fields {
  if (Value.Check(ReportFields, fields)) return fields
  const errors = [...Value.Errors(ReportFields, fields)].map((e) => ({
    field: e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(fields)',
    message: e.message,
  }))
  throw new DomainError(
    'unprocessable',
    'REPORT_INVALID_FIELDS',
    'the answers do not match the report’s form',
    {
      errors,
    },
  )
}

/** Saves a draft: any answers the schema admits; a story only with its consent, kept for review. */
export async function saveReport(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  body: { expectedVersion: number; fields: unknown; story: ReportStory | null },
): Promise<Report> {
  const row = await loadReportRow(tx, id, { lock: true })
  const a = await writableReport(tx, actor, row)
  requireVersion(row, body.expectedVersion)
  const fields = checkFields(body.fields)
  const story = body.story
    ? { ...body.story, consent: true, consentedBy: actor.userId, consentedAt: new Date().toISOString() }
    : null
  const [saved] = await tx
    .update(exchangeReports)
    .set({
      fields: fields as unknown as Record<string, unknown>,
      story,
      storyStatus: story ? 'pending_review' : null,
      version: row.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(exchangeReports.id, id))
    .returning()
  const ctx = await contextOf(tx, saved!, partnerOf(a.access.partnership, row.institutionId))
  return reportView(saved!, ctx, { own: true })
}

/**
 * Files the report when every required answer is given: read-only from now on, its reminders
 * cancelled in this transaction (no reminder after filing), and the partner institution and both
 * offices told through the outbox.
 */
export async function fileReport(
  tx: DbOrTx,
  actor: Actor,
  id: string,
  expectedVersion: number,
  requestId: string | undefined,
): Promise<Report> {
  await writableReport(tx, actor, await loadReportRow(tx, id))
  // Timers before the report, the order the scheduler takes them in when one fires (it holds the
  // timer, then notes the reminder on the report): the other order could deadlock. A refusal
  // below rolls the cancellation back.
  await cancelReportTimers(tx, id)
  const row = await loadReportRow(tx, id, { lock: true })
  const a = await writableReport(tx, actor, row)
  requireVersion(row, expectedVersion)
  const partnerId = partnerOf(a.access.partnership, row.institutionId)
  const ctx = await contextOf(tx, row, partnerId)
  const fields = checkFields(row.fields)
  const gaps = reportGaps(
    fields,
    ctx.aims.map((x) => x.key),
  )
  if (gaps.length > 0)
    throw new DomainError('unprocessable', 'REPORT_INCOMPLETE', 'the report lacks required answers', {
      errors: gaps.map((g) => ({ field: g.path, message: g.problem })),
    })
  const now = new Date()
  const [saved] = await tx
    .update(exchangeReports)
    .set({ status: 'filed', filedAt: now, filedBy: actor.userId, version: row.version + 1, updatedAt: now })
    .where(eq(exchangeReports.id, id))
    .returning()
  await tickReportItemWhenAllFiled(tx, row.visitId, actor.userId)
  await writeOutbox(tx, {
    type: 'report.filed',
    audience: { institutionIds: [partnerId], officerSides: [...SIDES] },
    reportId: id,
    visitId: row.visitId,
    partnershipId: row.partnershipId,
    institutionId: row.institutionId,
    institutionName: ctx.institution.name,
  })
  await writeAudit(tx, {
    actorId: actor.userId,
    actorLabel: actor.displayName,
    action: 'report.filed',
    entityType: 'exchange_report',
    entityId: id,
    ...(requestId ? { requestId } : {}),
  })
  return reportView(saved!, ctx, { own: true })
}

const PDF_LANGS = ['de', 'en', 'zh'] as const
type PdfLang = (typeof PDF_LANGS)[number]
const pdfLangOf = (locale: string): PdfLang => (locale === 'zh' ? 'zh' : locale === 'en' ? 'en' : 'de')

/** The report as a funder's narrative report, in the asked language or the reader's own. */
export async function reportPdf(
  db: DbOrTx,
  actor: Actor,
  id: string,
  lang: PdfLang | undefined,
): Promise<{ fileName: string; bytes: Buffer }> {
  const row = await loadReportRow(db, id)
  const a = await reportAccess(db, actor, row)
  if (!a.canRead) throw new Errors.NotFound('report')
  const ctx = await contextOf(db, row, partnerOf(a.access.partnership, row.institutionId))
  const language = lang ?? pdfLangOf(await localeOf(db, actor.userId))
  const doc = reportDocument(language, {
    status: row.status,
    institution: ctx.institution.name,
    partner: ctx.partner.name,
    visit: { title: ctx.visit.title, startDate: ctx.visit.startDate, endDate: ctx.visit.endDate },
    fields: row.fields as unknown as Fields,
    aims: ctx.aims,
    programme: reportView(row, ctx, { own: a.own }).programme,
    filedAt: row.filedAt?.toISOString() ?? null,
    timeZone: ctx.visit.timeZone,
    programmes: await programmesOfVisit(db, row.visitId, language),
  })
  const bytes = await renderReportPdf({
    ...doc,
    lang: language,
    createdAt: (row.filedAt ?? row.updatedAt).toISOString(),
  })
  return { fileName: `report-${ctx.visit.startDate}-${language}.pdf`, bytes }
}
