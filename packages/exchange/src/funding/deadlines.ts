import type { TripPlanFields } from '../trip/fields.js'
import { applicants, fundingFit } from './fit.js'
import { type FitContext, fitInputOf } from './plan-input.js'
import type { DeadlineRule, FundingProgramme, LocalName } from './programme.js'

/** Application deadlines as civil dates (YYYY-MM-DD), from the programme's calendar rules. */

export interface Deadline {
  label: LocalName
  date: string
}

const pad = (n: number) => String(n).padStart(2, '0')
/** The rule's day in that year; a day the month lacks (31 April) is the month's last. */
function dayOf(year: number, rule: DeadlineRule): string {
  const last = new Date(Date.UTC(year, rule.month, 0)).getUTCDate()
  return `${year}-${pad(rule.month)}-${pad(Math.min(rule.day, last))}`
}

/** The application deadlines for a trip starting on `travelDate`: each rule's last day before it. */
export function nextDeadlines(programme: FundingProgramme, travelDate: string): Deadline[] {
  const year = Number(travelDate.slice(0, 4))
  const out: Deadline[] = []
  for (const rule of programme.deadlines) {
    let date: string
    if (rule.yearOffset !== undefined) date = dayOf(year + rule.yearOffset, rule)
    else {
      date = dayOf(year, rule)
      if (date >= travelDate) date = dayOf(year - 1, rule)
    }
    if (date < travelDate) out.push({ label: rule.label, date })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date))
}

/** A deadline of a programme; `name` is the German name (what the checklist and the event carry). */
export interface ProgrammeDeadline {
  slug: string
  name: string
  names: LocalName
  label: LocalName
  date: string
}

/**
 * The deadlines still ahead (`today` or later) of the programmes a trip fits, soonest first: the
 * checklist's `funding:<slug>` items and the scheduler's reminders come from here.
 */
export function fundingDeadlinesFor(
  plan: TripPlanFields,
  programmes: readonly FundingProgramme[],
  today: string,
  context: FitContext,
): ProgrammeDeadline[] {
  const input = fitInputOf(plan, context)
  const travelDate = plan.travel.outbound
  const out: ProgrammeDeadline[] = []
  for (const p of programmes) {
    if (!fundingFit(input, p).fits || applicants(input, p).length === 0) continue
    for (const d of nextDeadlines(p, travelDate))
      if (d.date >= today)
        out.push({ slug: p.slug, name: p.name.de, names: p.name, label: d.label, date: d.date })
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.slug.localeCompare(b.slug))
}

/** The days before a deadline its reminders go out: four weeks (time to write) and one week. */
export const DEADLINE_REMINDER_DAYS = [28, 7] as const

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)

/** Each rule's next day on or after `today`, soonest first (what reminders are planned for). */
export function upcomingDeadlines(programme: FundingProgramme, today: string): Deadline[] {
  const year = Number(today.slice(0, 4))
  const out = programme.deadlines.map((rule) => {
    const date = dayOf(year, rule)
    return { label: rule.label, date: date >= today ? date : dayOf(year + 1, rule) }
  })
  return out.sort((a, b) => a.date.localeCompare(b.date))
}

export interface DeadlineReminder {
  deadline: string
  daysBefore: number
  /** The civil date it goes out on. */
  sendOn: string
}

/** The reminders still to send for the programme's upcoming deadlines (none on a past day). */
export function deadlineReminders(programme: FundingProgramme, today: string): DeadlineReminder[] {
  const seen = new Set<string>()
  return upcomingDeadlines(programme, today).flatMap((d) => {
    if (seen.has(d.date)) return []
    seen.add(d.date)
    return DEADLINE_REMINDER_DAYS.map((daysBefore) => ({
      deadline: d.date,
      daysBefore,
      sendOn: addDays(d.date, -daysBefore),
    })).filter((r) => r.sendOn >= today)
  })
}

/**
 * Whether a deadline concerns a planned trip: the trip fits the programme and this is one of the
 * application deadlines before it (a deadline for next year's trips says nothing to this year's).
 */
export function deadlineConcerns(
  programme: FundingProgramme,
  deadline: string,
  plan: TripPlanFields,
  context: FitContext,
): boolean {
  const input = fitInputOf(plan, context)
  if (!fundingFit(input, programme).fits || applicants(input, programme).length === 0) return false
  return nextDeadlines(programme, plan.travel.outbound).some((d) => d.date === deadline)
}
