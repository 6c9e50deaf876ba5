import { Value } from 'typebox/value'
import { TripPlanFields } from './fields.js'

/** A field the coordinators must correct: dotted path, a stable code the web translates, English text. */
export interface TripFieldError {
  path: string
  code:
    | 'schema'
    | 'return_before_outbound'
    | 'outbound_outside_visit'
    | 'return_outside_visit'
    | 'programme_outside_travel'
    | 'programme_day_twice'
    | 'band_twice'
    | 'consent_required'
  message: string
}

export type TripValidation = { ok: true; fields: TripPlanFields } | { ok: false; errors: TripFieldError[] }

/** How far travel may lie outside the visit's days: overnight flights and a rest day either way. */
export const TRAVEL_SLACK_DAYS = 7

const DAY_MS = 86_400_000
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

const dotted = (pointer: string) => pointer.replace(/^\//, '').replace(/\//g, '.')

function schemaErrors(fields: unknown): TripFieldError[] {
  const leaders = (fields as { leaders?: unknown } | null)?.leaders
  const withoutConsent = new Set(
    Array.isArray(leaders)
      ? leaders.flatMap((l, i) => ((l as { consent?: unknown } | null)?.consent === true ? [] : [i]))
      : [],
  )
  // A leader without consent is its own message, not "expected true" or "missing property".
  const consent: TripFieldError[] = [...withoutConsent].map((i) => ({
    path: `leaders.${i}.consent`,
    code: 'consent_required',
    message: 'a leader is named only with their consent',
  }))
  const schema = Value.Errors(TripPlanFields, fields).flatMap((e): TripFieldError[] => {
    const params = (e.params ?? {}) as { requiredProperties?: string[]; additionalProperties?: string[] }
    const leaf = params.requiredProperties?.[0] ?? params.additionalProperties?.[0]
    const path = [dotted(e.instancePath), leaf].filter(Boolean).join('.')
    if (consent.some((c) => c.path === path)) return []
    return [{ path: path || '(fields)', code: 'schema', message: e.message }]
  })
  return [...consent, ...schema]
}

/**
 * Checks a plan against its schema and the visit it belongs to: return not before outbound,
 * travel around the visit's days (at most TRAVEL_SLACK_DAYS outside), programme days within the
 * travel dates and each day once, each age band once, every named leader's consent. Every failing
 * field is returned, so a form can show them all at once.
 */
export function validateTripPlan(
  fields: unknown,
  visit: { startDate: string; endDate: string } | null,
): TripValidation {
  const errors = schemaErrors(fields)
  if (errors.length > 0) return { ok: false, errors: dedupe(errors) }
  const plan = fields as TripPlanFields
  const { outbound, return: back } = plan.travel
  if (back < outbound)
    errors.push({
      path: 'travel.return',
      code: 'return_before_outbound',
      message: 'the return is before the outbound journey',
    })
  if (visit) {
    if (outbound > visit.startDate || outbound < addDays(visit.startDate, -TRAVEL_SLACK_DAYS))
      errors.push({
        path: 'travel.outbound',
        code: 'outbound_outside_visit',
        message: `the outbound journey must be on or up to ${TRAVEL_SLACK_DAYS} days before the visit's first day`,
      })
    if (back < visit.endDate || back > addDays(visit.endDate, TRAVEL_SLACK_DAYS))
      errors.push({
        path: 'travel.return',
        code: 'return_outside_visit',
        message: `the return must be on or up to ${TRAVEL_SLACK_DAYS} days after the visit's last day`,
      })
  }
  const seenDays = new Set<string>()
  plan.programme.forEach((day, i) => {
    if (day.date < outbound || day.date > back)
      errors.push({
        path: `programme.${i}.date`,
        code: 'programme_outside_travel',
        message: 'a programme day lies outside the travel dates',
      })
    if (seenDays.has(day.date))
      errors.push({
        path: `programme.${i}.date`,
        code: 'programme_day_twice',
        message: 'this day is planned twice',
      })
    seenDays.add(day.date)
  })
  const seenBands = new Set<string>()
  plan.group.bands.forEach((b, i) => {
    if (seenBands.has(b.band))
      errors.push({
        path: `group.bands.${i}.band`,
        code: 'band_twice',
        message: 'this age band is counted twice',
      })
    seenBands.add(b.band)
  })
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields: plan }
}

function dedupe(errors: TripFieldError[]): TripFieldError[] {
  const seen = new Set<string>()
  return errors.filter((e) => {
    const k = `${e.path}|${e.code}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}
