import { assertCalendars, DayIndex } from './availability.js'
import type { Calendar, CalendarEntry, LocalizedName } from './calendar/model.js'
import { coverageGaps } from './calendar/model.js'
import type { DateRange, IsoDate } from './date.js'
import {
  addDays,
  assertDateRange,
  daysBetween,
  eachDate,
  isWeekend,
  mergeRanges,
  toDayNumber,
} from './date.js'
import { invalidInput } from './errors.js'

export type Side = 'de' | 'cn'
export type InstitutionKind = 'school' | 'club'
/**
 * When a group may travel. holidays_only: every weekday of the visit falls in the group's school
 * holidays or public holidays (the default for schools: no lessons lost). term_only: no weekday in
 * the group's school holidays (a school that declares term-time exchanges). any: no restriction
 * (the default for clubs).
 */
export type TravelPolicy = 'holidays_only' | 'term_only' | 'any'

export interface Institution {
  id: string
  side: Side
  kind: InstitutionKind
  /**
   * Everything known about its days: its side's public holidays (and, for a school, school holidays)
   * plus its own entries: blackout, exam, closure, movable_day_off.
   */
  calendars: Calendar[]
  /** Applies when the institution's group is the one travelling. */
  travelPolicy?: TravelPolicy
}

export type TravelDayRule = 'any' | 'weekdays' | 'weekends'

export interface VisitRequest {
  host: Institution
  travellers: Institution
  /** Length of the visit in days, travel days included. */
  days: number
  /** The visit must start and end inside this inclusive range. */
  range: DateRange
  /** China's public holidays (usually loadBuiltinCalendars().cnPublic): source of the travel peaks. */
  chinaCalendar: Calendar
  /** Days added before and after 春节 and 国庆节 to form the travel peaks (default 3). */
  peakMarginDays?: number
  /** Days on which the group may arrive or leave (default 'any': host families receive guests on weekends). */
  travelDays?: TravelDayRule
  /** Treat a weekday public holiday at a host school as a rejection instead of a conflict (default false). */
  strictHostPublicHolidays?: boolean
  /** How many windows to return (default 5). */
  count?: number
}

export type VisitReasonCode =
  | 'HOST_SCHOOL_HOLIDAY'
  | 'HOST_PUBLIC_HOLIDAY'
  | 'HOST_CLOSURE'
  | 'HOST_BLACKOUT'
  | 'HOST_EXAM'
  | 'HOST_MOVABLE_DAY_OFF'
  | 'TRAVELLER_BLACKOUT'
  | 'TRAVELLER_EXAM'
  | 'TRAVELLER_TERM_TIME'
  | 'TRAVELLER_SCHOOL_HOLIDAY'
  | 'TRAVEL_PEAK_SPRING_FESTIVAL'
  | 'TRAVEL_PEAK_GOLDEN_WEEK'
  | 'TRAVEL_DAY_NOT_ALLOWED'
  | 'CALENDAR_DATA_MISSING'

export interface VisitReason {
  code: VisitReasonCode
  /** 'reject' rules the window out; 'conflict' keeps it but ranks it lower. */
  severity: 'reject' | 'conflict'
  /** First affected date. */
  date: IsoDate
  /** Last affected date when consecutive dates share the reason. */
  endDate?: IsoDate
  name?: LocalizedName
  calendarId?: string
}

export interface VisitWindow {
  start: IsoDate
  end: IsoDate
  days: number
  /** Weekdays (and make-up workdays) on which the host is open: more means more school days together. */
  hostOpenDays: number
  /** Days of the window with at least one conflict (the first ranking key). */
  conflictDays: number
  conflicts: VisitReason[]
}

export interface RejectedWindow {
  start: IsoDate
  end: IsoDate
  reasons: VisitReason[]
}

export interface TravelPeak {
  kind: 'spring_festival' | 'golden_week'
  /** The official holiday block. */
  holiday: DateRange
  /** Holiday block widened by the margin: no arrival or departure inside it. */
  peak: DateRange
  name: LocalizedName
}

export interface VisitCoverageGap {
  role: 'host' | 'travellers' | 'china'
  calendarId: string
  gaps: DateRange[]
}

export interface VisitResult {
  windows: VisitWindow[]
  rejected: RejectedWindow[]
  coverageGaps: VisitCoverageGap[]
  peaks: TravelPeak[]
}

/**
 * Spring Festival and Golden Week travel peaks from a China holiday calendar: the official blocks whose
 * Chinese name contains 春节 / 国庆节 (2025's joint 国庆节、中秋节 block counts), widened by `marginDays`.
 */
export function chinaTravelPeaks(calendar: Calendar, marginDays = 3): TravelPeak[] {
  const out: TravelPeak[] = []
  for (const kind of ['spring_festival', 'golden_week'] as const) {
    const marker = kind === 'spring_festival' ? '春节' : '国庆节'
    const blocks = calendar.entries.filter((e) => e.kind === 'public_holiday' && e.name.zh?.includes(marker))
    for (const r of mergeRanges(blocks)) {
      const first = blocks.find((b) => b.start >= r.start && b.start <= r.end)
      out.push({
        kind,
        holiday: r,
        peak: { start: addDays(r.start, -marginDays), end: addDays(r.end, marginDays) },
        name: first?.name ?? { zh: marker },
      })
    }
  }
  return out.sort((a, b) => (a.peak.start < b.peak.start ? -1 : 1))
}

function assertInstitution(v: unknown, field: string): Institution {
  if (typeof v !== 'object' || v === null) throw invalidInput(field, 'must be an institution object', v)
  const i = v as Partial<Institution>
  if (typeof i.id !== 'string' || i.id === '')
    throw invalidInput(`${field}.id`, 'must be a non-empty string', i.id)
  if (i.side !== 'de' && i.side !== 'cn') throw invalidInput(`${field}.side`, "must be 'de' or 'cn'", i.side)
  if (i.kind !== 'school' && i.kind !== 'club')
    throw invalidInput(`${field}.kind`, "must be 'school' or 'club'", i.kind)
  assertCalendars(i.calendars, `${field}.calendars`)
  if (i.travelPolicy !== undefined && !['holidays_only', 'term_only', 'any'].includes(i.travelPolicy)) {
    throw invalidInput(
      `${field}.travelPolicy`,
      "must be 'holidays_only', 'term_only' or 'any'",
      i.travelPolicy,
    )
  }
  return i as Institution
}

function nonNegInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0
}

type DayReason = Omit<VisitReason, 'endDate'>

function reason(
  code: VisitReasonCode,
  severity: VisitReason['severity'],
  date: IsoDate,
  entry?: CalendarEntry,
  calendarId?: string,
): DayReason {
  const r: DayReason = { code, severity, date }
  if (entry) r.name = entry.name
  if (calendarId) r.calendarId = calendarId
  return r
}

/** Collapses per-day reasons into runs of consecutive dates with the same code and name. */
function compress(reasons: DayReason[]): VisitReason[] {
  const out: VisitReason[] = []
  const last = new Map<string, VisitReason>()
  for (const r of reasons) {
    const key = `${r.code}|${r.calendarId ?? ''}|${JSON.stringify(r.name ?? {})}`
    const prev = last.get(key)
    if (prev && toDayNumber(prev.endDate ?? prev.date) + 1 === toDayNumber(r.date)) {
      prev.endDate = r.date
      continue
    }
    const copy: VisitReason = { ...r }
    out.push(copy)
    last.set(key, copy)
  }
  return out
}

/**
 * Finds visit windows of `days` days. Rules (see README for the reasoning):
 * - Host school: every weekday must be in term (no school holiday → reject). A weekday public holiday
 *   or movable day off is a conflict (the group does an excursion), an exam period too. Weekends count
 *   as visit days without school. Host club: only its own blackouts/closures matter.
 * - Blackouts and closures of the host, blackouts and exams of the travellers reject on any day.
 * - The travellers' policy (holidays_only/term_only/any) is checked on weekdays.
 * - Neither the first nor the last day (the travel days) may fall in a China travel peak.
 * - Days outside a calendar's known coverage are a conflict (CALENDAR_DATA_MISSING), and reported.
 * Accepted windows are ranked by fewest conflict days, then most host-open days, then earliest.
 */
export function findVisitWindows(req: VisitRequest): VisitResult {
  if (typeof req !== 'object' || req === null) throw invalidInput('request', 'must be an object')
  const host = assertInstitution(req.host, 'host')
  const trav = assertInstitution(req.travellers, 'travellers')
  if (host.side === trav.side) throw invalidInput('travellers.side', 'must differ from host.side', trav.side)
  const range = assertDateRange(req.range, 'range')
  if (!Number.isInteger(req.days) || req.days < 1)
    throw invalidInput('days', 'must be a positive integer', req.days)
  const span = daysBetween(range.start, range.end) + 1
  if (req.days > span) throw invalidInput('days', `is longer than the range (${span} days)`, req.days)
  if (span > 3 * 366) throw invalidInput('range', 'must span at most three years', range)
  const [china] = assertCalendars([req.chinaCalendar], 'chinaCalendar')
  const margin = req.peakMarginDays ?? 3
  if (!nonNegInt(margin) || margin > 60)
    throw invalidInput('peakMarginDays', 'must be an integer from 0 to 60', margin)
  const travelDays = req.travelDays ?? 'any'
  if (!['any', 'weekdays', 'weekends'].includes(travelDays)) {
    throw invalidInput('travelDays', "must be 'any', 'weekdays' or 'weekends'", travelDays)
  }
  const count = req.count ?? 5
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw invalidInput('count', 'must be an integer from 1 to 1000', count)
  const policy = trav.travelPolicy ?? (trav.kind === 'school' ? 'holidays_only' : 'any')
  const strict = req.strictHostPublicHolidays === true

  const hostIdx = new DayIndex(host.calendars, range)
  const travIdx = new DayIndex(trav.calendars, range)
  const peaks = chinaTravelPeaks(china!, margin)

  const gapsReport: VisitCoverageGap[] = []
  const missing = new Map<IsoDate, string[]>()
  const roles: [VisitCoverageGap['role'], Calendar][] = [
    ...host.calendars.map((c): [VisitCoverageGap['role'], Calendar] => ['host', c]),
    ...trav.calendars.map((c): [VisitCoverageGap['role'], Calendar] => ['travellers', c]),
    ['china', china!],
  ]
  const reported = new Set<string>()
  for (const [role, cal] of roles) {
    // Own-entry calendars (blackouts typed in by a school) often carry no coverage: nothing to warn about.
    if (cal.coverage.length === 0) continue
    const gaps = coverageGaps(cal, range)
    if (gaps.length === 0 || reported.has(cal.id)) continue
    reported.add(cal.id)
    gapsReport.push({ role, calendarId: cal.id, gaps })
    for (const g of gaps) for (const d of eachDate(g)) missing.set(d, [...(missing.get(d) ?? []), cal.id])
  }

  // Per-day verdicts, computed once and reused by every window containing the day.
  const perDay = new Map<IsoDate, { reasons: DayReason[]; hostOpen: boolean }>()
  for (const d of eachDate(range)) {
    const reasons: DayReason[] = []
    const weekend = isWeekend(d)
    const hostEntries = hostIdx.on(d)
    const makeup = hostEntries.some((e) => e.kind === 'makeup_workday')
    const schoolDay = !weekend || makeup
    let hostOpen = schoolDay
    for (const e of hostEntries) {
      if (e.kind === 'closure') reasons.push(reason('HOST_CLOSURE', 'reject', d, e))
      if (e.kind === 'blackout') reasons.push(reason('HOST_BLACKOUT', 'reject', d, e))
      if (host.kind !== 'school' || !schoolDay) continue
      if (e.kind === 'school_holiday') reasons.push(reason('HOST_SCHOOL_HOLIDAY', 'reject', d, e))
      if (e.kind === 'public_holiday')
        reasons.push(reason('HOST_PUBLIC_HOLIDAY', strict ? 'reject' : 'conflict', d, e))
      if (e.kind === 'movable_day_off') reasons.push(reason('HOST_MOVABLE_DAY_OFF', 'conflict', d, e))
      if (e.kind === 'exam') reasons.push(reason('HOST_EXAM', 'conflict', d, e))
    }
    if (reasons.some((r) => r.code !== 'HOST_EXAM')) hostOpen = false

    const travEntries = travIdx.on(d)
    for (const e of travEntries) {
      if (e.kind === 'blackout') reasons.push(reason('TRAVELLER_BLACKOUT', 'reject', d, e))
      if (e.kind === 'exam') reasons.push(reason('TRAVELLER_EXAM', 'reject', d, e))
    }
    const travMakeup = travEntries.some((e) => e.kind === 'makeup_workday')
    if (!weekend || travMakeup) {
      const free = travEntries.find(
        (e) => e.kind === 'school_holiday' || e.kind === 'public_holiday' || e.kind === 'movable_day_off',
      )
      if (policy === 'holidays_only' && !free) reasons.push(reason('TRAVELLER_TERM_TIME', 'reject', d))
      const holiday = travEntries.find((e) => e.kind === 'school_holiday')
      if (policy === 'term_only' && holiday)
        reasons.push(reason('TRAVELLER_SCHOOL_HOLIDAY', 'reject', d, holiday))
    }
    for (const calendarId of missing.get(d) ?? []) {
      reasons.push(reason('CALENDAR_DATA_MISSING', 'conflict', d, undefined, calendarId))
    }
    perDay.set(d, { reasons, hostOpen })
  }

  const travelDayReasons = (d: IsoDate): DayReason[] => {
    const out: DayReason[] = []
    for (const p of peaks) {
      if (p.peak.start <= d && d <= p.peak.end) {
        const code = p.kind === 'spring_festival' ? 'TRAVEL_PEAK_SPRING_FESTIVAL' : 'TRAVEL_PEAK_GOLDEN_WEEK'
        out.push({ code, severity: 'reject', date: d, name: p.name, calendarId: china!.id })
      }
    }
    const weekend = isWeekend(d)
    if ((travelDays === 'weekdays' && weekend) || (travelDays === 'weekends' && !weekend)) {
      out.push({ code: 'TRAVEL_DAY_NOT_ALLOWED', severity: 'reject', date: d })
    }
    return out
  }

  const accepted: VisitWindow[] = []
  const rejected: RejectedWindow[] = []
  for (let start = range.start; addDays(start, req.days - 1) <= range.end; start = addDays(start, 1)) {
    const end = addDays(start, req.days - 1)
    const dayReasons: DayReason[] = []
    let hostOpenDays = 0
    const conflictDates = new Set<IsoDate>()
    for (const d of eachDate({ start, end })) {
      const info = perDay.get(d)!
      dayReasons.push(...info.reasons)
      if (d === start || d === end) dayReasons.push(...travelDayReasons(d))
      if (info.hostOpen) hostOpenDays++
      if (info.reasons.some((r) => r.severity === 'conflict')) conflictDates.add(d)
    }
    // Same reason for the same day can arrive twice when start === end (one-day visit).
    const unique = dayReasons.filter(
      (r, i) =>
        dayReasons.findIndex(
          (o) => o.code === r.code && o.date === r.date && o.calendarId === r.calendarId,
        ) === i,
    )
    const reasons = compress(unique)
    if (reasons.some((r) => r.severity === 'reject')) {
      rejected.push({ start, end, reasons })
    } else {
      accepted.push({
        start,
        end,
        days: req.days,
        hostOpenDays,
        conflictDays: conflictDates.size,
        conflicts: reasons,
      })
    }
  }

  accepted.sort(
    (a, b) =>
      a.conflictDays - b.conflictDays || b.hostOpenDays - a.hostOpenDays || (a.start < b.start ? -1 : 1),
  )
  return { windows: accepted.slice(0, count), rejected, coverageGaps: gapsReport, peaks }
}
