import type { AgreementFields } from '@dj/agreement'

/**
 * "Plan the next one" (issue 13, item 5): next year's exchange starts as a copy of this year's
 * agreement and trip plan with every date a year later. The rules of when that is allowed and how
 * a date moves live here, free of I/O, so the API only loads, checks and writes.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

const leapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0

/**
 * The same civil date a year later. 29 February has no twin in the next year (which is never a
 * leap year), and 28 February keeps it inside the month the coordinators had planned, where
 * 1 March would move a visit across a month (and into another term's week).
 */
export function nextYear(iso: string): string {
  const m = ISO_DATE.exec(iso)
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${iso}`)
  const year = Number(m[1]) + 1
  const month = m[2]!
  const day = month === '02' && m[3] === '29' && !leapYear(year) ? '28' : m[3]!
  return `${String(year).padStart(4, '0')}-${month}-${day}`
}

const shifted = (d: string | null): string | null => (d === null ? null : nextYear(d))

/**
 * Next year's agreement: the same parties, purpose, groups, hosting and languages, with the
 * period and the term a year later. It is a new edition, so it is signed afresh.
 */
export function renewAgreementFields(f: AgreementFields): AgreementFields {
  const copy = structuredClone(f)
  copy.period = { start: shifted(f.period.start), end: shifted(f.period.end) }
  copy.term = { ...copy.term, validUntil: shifted(f.term.validUntil) }
  return copy
}

/** The parts of a trip plan that carry dates, as renewing reads them (TripPlanFields of ./trip). */
export interface DatedTripPlan {
  travel?: { outbound?: string | null; return?: string | null } | null
  programme?: { date?: string | null }[] | null
  leaders?: unknown[] | null
}

/**
 * Next year's trip plan: the travel dates and every programme day a year later; arrival and
 * departure details, the group's counts, accommodation and the programme's items stay as a
 * starting point. The named leaders are dropped: each consented to this year's trip, and next
 * year's leaders (the same people or not) consent anew when they are entered.
 */
export function renewTripPlanFields<T extends DatedTripPlan>(fields: T): T {
  const copy = structuredClone(fields)
  if (copy.travel) {
    if (copy.travel.outbound) copy.travel.outbound = nextYear(copy.travel.outbound)
    if (copy.travel.return) copy.travel.return = nextYear(copy.travel.return)
  }
  if (Array.isArray(copy.programme))
    for (const day of copy.programme) if (day.date) day.date = nextYear(day.date)
  if (Array.isArray(copy.leaders)) copy.leaders = []
  return copy
}

/** What renewing looks at: the partnership's current (newest) agreement and its latest visit. */
export interface RenewFacts {
  agreement: {
    edition: number
    status: 'draft' | 'ready_for_signature' | 'signed_by_institutions' | 'countersigned'
    /** Set when the last signature its configuration requires was given. */
    completedAt: string | null
    /** The day this edition was drafted (YYYY-MM-DD). */
    draftedOn: string
  } | null
  /** The partnership's latest visit that was not cancelled, with its end in the host's zone. */
  visit: { endDate: string; status: 'scheduled' | 'cancelled' } | null
  /** Today in the visit's zone (YYYY-MM-DD). */
  today: string
}

export type RenewRefusal =
  /** No agreement at all: there is nothing to copy. */
  | 'no_agreement'
  /** The newest edition is a draft or out for signature: the next one is being planned already (or this one is still open). */
  | 'draft_exists'
  | 'agreement_incomplete'
  | 'no_visit'
  | 'visit_not_ended'

/**
 * Whether the exchange is complete enough to plan the next one: its agreement is fully signed
 * (as its configuration requires: countersigned by the offices, or by the institutions alone)
 * and its visit is over (the day after its last day, in the visit's zone); for a renewed edition,
 * a visit that ended after the edition was drafted.
 */
export function renewal(f: RenewFacts): { ok: true; edition: number } | { ok: false; reason: RenewRefusal } {
  if (!f.agreement) return { ok: false, reason: 'no_agreement' }
  if (!f.agreement.completedAt)
    return { ok: false, reason: f.agreement.edition > 1 ? 'draft_exists' : 'agreement_incomplete' }
  if (!f.visit || f.visit.status === 'cancelled') return { ok: false, reason: 'no_visit' }
  // A renewed edition is followed by its own visit, not by last year's again. (The first may be
  // entered after the fact, so any visit that took place counts for it.)
  if (f.agreement.edition > 1 && f.visit.endDate < f.agreement.draftedOn)
    return { ok: false, reason: 'no_visit' }
  if (f.visit.endDate >= f.today) return { ok: false, reason: 'visit_not_ended' }
  return { ok: true, edition: f.agreement.edition + 1 }
}
