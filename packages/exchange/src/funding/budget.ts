import { DUREN, greatCircleKm, JINHUA, type Point } from './distance.js'
import { applicants, type FitInput } from './fit.js'
import type { FundingProgramme, LocalName, Rate } from './programme.js'

/**
 * What a programme would pay for a planned trip, by its own rates: an estimate for the application,
 * not a promise. The group counted is the one the programme funds (at most its group size), and a
 * rate applies only where it is paid (in Germany or abroad).
 */

export const BUDGET_ITEMS = [
  'per_person_day',
  'staff_per_person_day',
  'travel_km',
  'interpreter_day',
  'visa',
  'lump_sum',
] as const
export type BudgetItem = (typeof BUDGET_ITEMS)[number]
export const BUDGET_UNITS = ['person_day', 'person_km', 'day', 'person', 'once'] as const
export type BudgetUnit = (typeof BUDGET_UNITS)[number]

export interface BudgetLine {
  item: BudgetItem
  unit: BudgetUnit
  quantity: number
  /** EUR per unit (for a visa or lump sum: the most the programme pays). */
  unitRate: number
  /** EUR, rounded to the cent. */
  amount: number
  /** The lump sum's own name. */
  label?: LocalName
}

export interface BudgetEstimate {
  slug: string
  currency: 'EUR'
  /** Great-circle distance between the two ends, whole km. */
  distanceKm: number
  /** Travellers the programme funds (capped by its group size). */
  persons: number
  days: number | null
  lines: BudgetLine[]
  total: number
  /** What the plan does not say yet, so some lines are missing (`days`: the dates are open). */
  missing: 'days'[]
}

export interface BudgetInput extends FitInput {
  /** The two ends of the trip; default Düren and Jinhua. */
  from?: Point
  to?: Point
}

const cents = (euros: number) => Math.round(euros * 100) / 100

function paidHere(rate: Rate | undefined, input: FitInput): rate is Rate {
  if (!rate) return false
  if (rate.where === 'both') return true
  return rate.where === (input.direction === 'jinhua_to_duren' ? 'germany' : 'abroad')
}

function fundedPersons(input: FitInput, programme: FundingProgramme): number {
  const e = programme.eligibility
  const cap = (n: number, max: number | undefined) => (max === undefined ? n : Math.min(n, max))
  if (input.staff)
    return cap(input.participants + input.leaders, e.staff?.maxParticipants ?? e.groupSize?.maxParticipants)
  return cap(input.participants, e.groupSize?.maxParticipants) + cap(input.leaders, e.groupSize?.maxLeaders)
}

function line(item: BudgetItem, unit: BudgetUnit, quantity: number, unitRate: number): BudgetLine {
  return { item, unit, quantity, unitRate, amount: cents(quantity * unitRate) }
}

export function budgetEstimate(input: BudgetInput, programme: FundingProgramme): BudgetEstimate {
  const r = programme.rates
  const persons = fundedPersons(input, programme)
  const distanceKm = Math.round(greatCircleKm(input.from ?? DUREN, input.to ?? JINHUA))
  const lines: BudgetLine[] = []
  const missing: 'days'[] = []

  const dayRate = input.staff && r.staffPerPersonPerDay ? r.staffPerPersonPerDay : r.perPersonPerDay
  const dayItem = input.staff && r.staffPerPersonPerDay ? 'staff_per_person_day' : 'per_person_day'
  const needsDays = paidHere(dayRate, input) || paidHere(r.interpreterPerDay, input)
  if (input.days === null && needsDays) missing.push('days')
  if (paidHere(dayRate, input) && input.days !== null)
    lines.push(line(dayItem, 'person_day', persons * input.days, dayRate.amount))
  if (paidHere(r.travelPerKm, input))
    lines.push(line('travel_km', 'person_km', persons * distanceKm, r.travelPerKm.amount))
  if (paidHere(r.interpreterPerDay, input) && input.days !== null)
    lines.push(line('interpreter_day', 'day', input.days, r.interpreterPerDay.amount))
  if (paidHere(r.visaPerPerson, input)) lines.push(line('visa', 'person', persons, r.visaPerPerson.amount))

  // The largest lump sum open to an institution that may apply: programmes of lump sums pay one.
  const kinds = new Set(applicants(input, programme).map((a) => a.kind))
  const lump = (r.lumpSums ?? [])
    .filter((l) => !l.institutionKinds?.length || l.institutionKinds.some((k) => kinds.has(k)))
    .sort((a, b) => b.max - a.max)[0]
  if (lump) lines.push({ ...line('lump_sum', 'once', 1, lump.max), label: lump.label })

  const total = cents(lines.reduce((sum, l) => sum + l.amount, 0))
  return {
    slug: programme.slug,
    currency: 'EUR',
    distanceKm,
    persons,
    days: input.days,
    lines,
    total,
    missing,
  }
}
