import type { Format, InstitutionKind, Side, VisitDirection } from '@dj/vocabulary'
import type { DurationRule, FundingProgramme } from './programme.js'

/**
 * Whether a planned trip fits a programme, and every rule it breaks: the page says why a programme
 * does not fit, so all failures are listed, not just the first.
 */

/** What the fit and the budget read of a trip plan and its partnership. */
export interface FitInput {
  /** The partnership's exchange formats (from its interests and agreement). */
  formats: readonly Format[]
  /** The two institutions, one per side. */
  institutions: readonly { side: Side; kind: InstitutionKind }[]
  direction: VisitDirection
  /** Youngest and oldest traveller among pupils or trainees; null when no young people travel or not entered. */
  ages: { min: number; max: number } | null
  /** Young travellers (pupils or trainees), or adults of a staff exchange. */
  participants: number
  /** Accompanying adults. */
  leaders: number
  /** Days from arrival to departure, both counted; null while the dates are open. */
  days: number | null
  /** Adults only: a staff exchange, with its own rules where the programme has them. */
  staff: boolean
}

export const FIT_RULES = [
  'format',
  'side',
  'kind',
  'direction',
  'activities_in_germany_only',
  'ages',
  'participants',
  'leaders',
  'duration',
] as const
export type FitRule = (typeof FIT_RULES)[number]

/**
 * One rule the trip breaks: what the programme wants and what the plan has, as data the UI words
 * (`actual: null` means the plan does not say yet).
 */
export type FailedRule =
  | { rule: 'format'; expected: Format[]; actual: Format[] }
  | { rule: 'side'; expected: Side[]; actual: Side[] }
  | { rule: 'kind'; expected: InstitutionKind[]; actual: InstitutionKind[] }
  | { rule: 'direction'; expected: VisitDirection[]; actual: VisitDirection }
  | { rule: 'activities_in_germany_only'; expected: 'jinhua_to_duren'; actual: VisitDirection }
  | { rule: 'ages'; expected: { min: number; max: number }; actual: { min: number; max: number } | null }
  | { rule: 'participants'; expected: { max: number }; actual: number }
  | { rule: 'leaders'; expected: { max: number }; actual: number }
  | { rule: 'duration'; expected: { minDays: number | null; maxDays: number | null }; actual: number | null }

export interface Fit {
  fits: boolean
  failed: FailedRule[]
}

/** The institutions that may apply: those on a side the programme funds whose kind it admits. */
export function applicants(input: FitInput, programme: FundingProgramme): FitInput['institutions'] {
  const { sides, institutionKinds } = programme.eligibility
  return input.institutions.filter(
    (i) => sides.includes(i.side) && (institutionKinds.length === 0 || institutionKinds.includes(i.kind)),
  )
}

function durationFailure(rule: DurationRule | undefined, days: number | null): FailedRule | null {
  if (!rule || (rule.minDays === undefined && rule.maxDays === undefined)) return null
  const expected = { minDays: rule.minDays ?? null, maxDays: rule.maxDays ?? null }
  if (days === null) return { rule: 'duration', expected, actual: null }
  const tooShort = rule.minDays !== undefined && days < rule.minDays
  const tooLong = rule.maxDays !== undefined && days > rule.maxDays
  return tooShort || tooLong ? { rule: 'duration', expected, actual: days } : null
}

export function fundingFit(input: FitInput, programme: FundingProgramme): Fit {
  const e = programme.eligibility
  const failed: FailedRule[] = []

  if (e.formats.length > 0 && !input.formats.some((f) => e.formats.includes(f)))
    failed.push({ rule: 'format', expected: [...e.formats], actual: [...input.formats] })

  const onSide = input.institutions.filter((i) => e.sides.includes(i.side))
  if (onSide.length === 0)
    failed.push({ rule: 'side', expected: [...e.sides], actual: input.institutions.map((i) => i.side) })
  else if (e.institutionKinds.length > 0 && !onSide.some((i) => e.institutionKinds.includes(i.kind)))
    failed.push({ rule: 'kind', expected: [...e.institutionKinds], actual: onSide.map((i) => i.kind) })

  if (!e.directions.includes(input.direction))
    failed.push({ rule: 'direction', expected: [...e.directions], actual: input.direction })
  if (e.activitiesInGermanyOnly && input.direction !== 'jinhua_to_duren')
    failed.push({ rule: 'activities_in_germany_only', expected: 'jinhua_to_duren', actual: input.direction })

  // A staff exchange has no young people: the age band is the youth programme's rule, not its own.
  if (e.ages && !input.staff) {
    const { min, max } = e.ages
    if (input.ages === null || input.ages.min < min || input.ages.max > max)
      failed.push({ rule: 'ages', expected: { min, max }, actual: input.ages })
  }

  const maxParticipants = input.staff
    ? (e.staff?.maxParticipants ?? e.groupSize?.maxParticipants)
    : e.groupSize?.maxParticipants
  if (maxParticipants !== undefined && input.participants > maxParticipants)
    failed.push({ rule: 'participants', expected: { max: maxParticipants }, actual: input.participants })
  const maxLeaders = e.groupSize?.maxLeaders
  if (!input.staff && maxLeaders !== undefined && input.leaders > maxLeaders)
    failed.push({ rule: 'leaders', expected: { max: maxLeaders }, actual: input.leaders })

  const duration = durationFailure(input.staff ? (e.staff?.duration ?? e.duration) : e.duration, input.days)
  if (duration) failed.push(duration)

  return { fits: failed.length === 0, failed }
}
