import type { Report, ReportSummary } from '@dj/contracts'
import { planReportSteps, type ReportAim, type ReportFields, reportGaps } from '@dj/exchange'
import type { Ref, ReportRow, VisitRow } from './store.js'

export interface ReportContext {
  visit: VisitRow
  institution: Ref
  partner: Ref
  aims: ReportAim[]
  tripPlan: Record<string, unknown> | null
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

export function summaryView(
  row: ReportRow,
  visit: VisitRow,
  institution: Ref,
  viewer: { own: boolean; canRead: boolean },
): ReportSummary {
  const overdue = planReportSteps(visit.endDate, 'open').find((s) => s.step === 3)
  return {
    id: row.id,
    visitId: row.visitId,
    partnershipId: row.partnershipId,
    institution,
    status: row.status,
    version: row.version,
    visit: { title: visit.title, startDate: visit.startDate, endDate: visit.endDate },
    openedAt: row.openedAt.toISOString(),
    filedAt: iso(row.filedAt),
    overdueOn: overdue?.date ?? visit.endDate,
    viewer: { canEdit: viewer.own && row.status === 'open', canRead: viewer.canRead },
  }
}

/** The trip plan's programme in short: each day's item titles. */
export function programmeOf(plan: Record<string, unknown> | null): Report['programme'] {
  const days = plan?.programme
  if (!Array.isArray(days)) return []
  return days
    .filter((d): d is { date: string; items?: { title?: unknown }[] } => typeof d?.date === 'string')
    .map((d) => ({
      date: d.date,
      titles: (d.items ?? []).map((i) => i.title).filter((t): t is string => typeof t === 'string'),
    }))
}

export function reportView(row: ReportRow, ctx: ReportContext, viewer: { own: boolean }): Report {
  const fields = row.fields as unknown as ReportFields
  const story = row.story as Report['story'] | null
  return {
    ...summaryView(row, ctx.visit, ctx.institution, { own: viewer.own, canRead: true }),
    partner: ctx.partner,
    fields: fields as unknown as Record<string, unknown>,
    story: story ? { title: story.title, text: story.text, language: story.language, consent: true } : null,
    storyStatus: row.storyStatus,
    aims: ctx.aims,
    gaps: reportGaps(
      fields,
      ctx.aims.map((a) => a.key),
    ),
    programme: programmeOf(ctx.tripPlan),
  }
}
