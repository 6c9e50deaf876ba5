import type { AgreementFields } from '@dj/agreement'
import type { Side } from '@dj/vocabulary'
import { agreementAims } from './aims.js'
import { REPORT_BANDS, type ReportBand, type ReportFields } from './fields.js'

const DAY_MS = 86_400_000

/** What a report is prefilled from; each part may be missing (no trip plan, no agreement). */
export interface ReportSources {
  visit: { startDate: string; endDate: string }
  /** The reporting institution's side, and whether it travelled (its group is the trip plan's). */
  side: Side
  travelled: boolean
  agreement: Pick<AgreementFields, 'purpose' | 'groups'> | null
  /** The trip plan's fields as stored (TripPlanFields of the trip rules); read defensively. */
  tripPlan: Record<string, unknown> | null
}

/** The band an agreement's age range falls in: by its lower age; trainees are their own band. */
export function reportBandOf(kind: 'pupils' | 'trainees', ageMin: number): ReportBand {
  if (kind === 'trainees') return 'trainees'
  if (ageMin <= 11) return '8-11'
  if (ageMin <= 14) return '12-14'
  if (ageMin <= 17) return '15-17'
  return '18-26'
}

const isBand = (v: unknown): v is ReportBand => REPORT_BANDS.includes(v as ReportBand)
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0

/** The trip plan's group (`group.bands: [{ band, count }]`, `group.adults`), if it has one. */
function tripGroup(plan: Record<string, unknown> | null) {
  const group = plan?.group as { bands?: unknown; adults?: unknown } | undefined
  if (!group || !Array.isArray(group.bands)) return null
  const bands: Partial<Record<ReportBand, number>> = {}
  for (const b of group.bands as { band?: unknown; count?: unknown }[])
    if (isBand(b.band) && isCount(b.count)) bands[b.band] = (bands[b.band] ?? 0) + b.count
  return { bands, adults: isCount(group.adults) ? group.adults : undefined }
}

function agreementGroup(agreement: ReportSources['agreement'], side: Side) {
  const group = agreement?.groups[side]
  if (!group) return null
  const bands: Partial<Record<ReportBand, number>> = {}
  for (const b of group.bands) {
    const band = reportBandOf(b.kind, b.ageMin)
    bands[band] = (bands[band] ?? 0) + b.count
  }
  return { bands, adults: group.accompanyingAdults }
}

/**
 * A first draft with what the platform knows already: the days of the visit, the group's counts
 * (the travellers' from the trip plan, else each side's from the agreement) and one empty outcome
 * per aim of the agreement, so a newcomer only answers what nobody else can.
 */
export function prefillReport(s: ReportSources): ReportFields {
  const days = Math.round((Date.parse(s.visit.endDate) - Date.parse(s.visit.startDate)) / DAY_MS) + 1
  const group = (s.travelled ? tripGroup(s.tripPlan) : null) ?? agreementGroup(s.agreement, s.side)
  const fields: ReportFields = {
    participants: { bands: { ...(group?.bands ?? {}) } },
    activities: { chosen: [] },
    outcomes: agreementAims(s.agreement).map((a) => ({ aim: a.key })),
  }
  if (group?.adults !== undefined) fields.participants.accompanyingAdults = group.adults
  if (Number.isInteger(days) && days >= 1 && days <= 365) fields.days = days
  return fields
}
