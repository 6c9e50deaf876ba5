import type { Format, InstitutionKind, Side } from '@dj/vocabulary'
import { type AgeBand, participantCount, type TripPlanFields } from '../trip/fields.js'
import type { FitInput } from './fit.js'

/** What the fit needs besides the plan: the partnership's formats and its two institutions. */
export interface FitContext {
  formats: readonly Format[]
  institutions: readonly { side: Side; kind: InstitutionKind }[]
}

/** The ages a band spans; trainees carry no age on the plan (vocational programmes count them apart). */
const BAND_AGES: Record<AgeBand, { min: number; max: number } | null> = {
  '8-11': { min: 8, max: 11 },
  '12-14': { min: 12, max: 14 },
  '15-17': { min: 15, max: 17 },
  '18-26': { min: 18, max: 26 },
  trainees: null,
}

const DAY_MS = 86_400_000
/** Days from `from` to `to`, both counted (a trip out and back on one day is one day). */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1
}

/**
 * The fit's view of a trip plan. A plan with adults only is a staff exchange: its adults are the
 * participants. The leaders are the accompanying adults counted, at least the named ones.
 */
export function fitInputOf(plan: TripPlanFields, context: FitContext): FitInput {
  const young = participantCount(plan)
  const adults = Math.max(plan.group.adults, plan.leaders.length)
  const spans = plan.group.bands
    .filter((b) => b.count > 0)
    .map((b) => BAND_AGES[b.band])
    .filter((a): a is { min: number; max: number } => a !== null)
  const days = daysInclusive(plan.travel.outbound, plan.travel.return)
  const staff = young === 0 && adults > 0
  return {
    formats: context.formats,
    institutions: context.institutions,
    direction: plan.direction,
    ages:
      spans.length === 0
        ? null
        : { min: Math.min(...spans.map((s) => s.min)), max: Math.max(...spans.map((s) => s.max)) },
    participants: staff ? adults : young,
    leaders: staff ? 0 : adults,
    days: days >= 1 ? days : null,
    staff,
  }
}
