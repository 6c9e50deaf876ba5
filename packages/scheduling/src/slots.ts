import type { MinuteSpan, TimeSpan, Weekday, WorkingHours } from './availability.js'
import {
  assertCalendars,
  DayIndex,
  parseDateList,
  parseSpans,
  parseWorkingHours,
  weekdayOf,
} from './availability.js'
import type { Calendar, EntryKind } from './calendar/model.js'
import { coverageGaps, isEntryKind } from './calendar/model.js'
import type { DateRange, IsoDate } from './date.js'
import { addDays, isIsoDate } from './date.js'
import { invalidInput } from './errors.js'
import {
  assertTimeZone,
  formatLocalDateTime,
  formatOffset,
  localDate,
  localToInstant,
  offsetMinutes,
  parseInstant,
} from './tz.js'

export interface Participant {
  id: string
  /** IANA zone, e.g. `Europe/Berlin`, `Asia/Shanghai`. */
  timeZone: string
  /** Local working hours per weekday; a weekday left out is not a working day. */
  workingHours: WorkingHours
  /** Hours worked on a make-up working day (调休); default: the Monday hours. */
  makeupWorkdayHours?: TimeSpan[]
  /**
   * Hard local bounds: a slot reaching outside them is never proposed (default 07:00–22:00). Inside
   * them, time outside working hours is allowed but ranked lower.
   */
  reachableHours?: TimeSpan
  /** Local dates the person cannot meet at all. */
  blockedDates?: (IsoDate | DateRange)[]
  /** Their side's calendars: public holidays with make-up workdays, plus any own entries. */
  calendars?: Calendar[]
  /** Entry kinds that make a whole day unavailable. Default: public_holiday, closure, blackout, movable_day_off. */
  dayOffKinds?: EntryKind[]
}

export interface SlotRange {
  /** ISO instant with offset, or a date (then local midnight in `timeZone`). */
  start: string
  /** ISO instant with offset, or a date (inclusive: through the end of that day in `timeZone`). */
  end: string
  /** Zone for date-only bounds (default UTC). */
  timeZone?: string
}

export interface SlotRequest {
  participants: Participant[]
  slotMinutes: number
  range: SlotRange
  /** Start times are multiples of this many minutes since the Unix epoch (default 30). */
  granularityMinutes?: number
  /** How many slots to return (default 5). */
  count?: number
  /** 'convenient' (default): closest to everyone's core hours before earliest; 'earliest': date first. */
  prefer?: 'convenient' | 'earliest'
}

export interface SlotParticipantView {
  id: string
  timeZone: string
  /** Local wall-clock start, `2026-03-30T09:00`. */
  localStart: string
  localEnd: string
  /** UTC offset at the slot start, `+02:00`. */
  utcOffset: string
  insideWorkingHours: boolean
  minutesOutsideWorkingHours: number
  /** True when the slot's day is a make-up working day (e.g. a worked Saturday in China). */
  makeupWorkday: boolean
}

export interface Slot {
  /** UTC ISO instants, `2026-03-30T07:00:00.000Z`. */
  start: string
  end: string
  allInsideWorkingHours: boolean
  /** Sum over participants of minutes outside their working hours. */
  minutesOutsideWorkingHours: number
  /** Sum over participants of minutes between the slot's middle and the middle of their nearest working block. */
  coreDistanceMinutes: number
  participants: SlotParticipantView[]
}

export interface CoverageWarning {
  participantId: string
  calendarId: string
  gaps: DateRange[]
}

export interface SlotResult {
  slots: Slot[]
  /** Calendar data missing for part of the range: holidays there are unknown, not absent. */
  coverageGaps: CoverageWarning[]
  candidatesConsidered: number
}

const MINUTE = 60_000
const DEFAULT_DAY_OFF: EntryKind[] = ['public_holiday', 'closure', 'blackout', 'movable_day_off']
const MAX_RANGE_DAYS = 400
const MAX_COUNT = 1000

interface Interval {
  start: number
  end: number
}

interface PreparedParticipant {
  id: string
  timeZone: string
  work: Interval[]
  unavailable: Interval[]
  makeupDates: Set<IsoDate>
  gaps: CoverageWarning[]
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0
}

function resolveBound(value: unknown, field: string, timeZone: string, isEnd: boolean): number {
  if (typeof value === 'string' && isIsoDate(value)) {
    return localToInstant(isEnd ? addDays(value, 1) : value, 0, timeZone, 'boundary')!
  }
  return parseInstant(value, field)
}

/** Sorted, merged. */
function merge(intervals: Interval[]): Interval[] {
  intervals.sort((a, b) => a.start - b.start)
  const out: Interval[] = []
  for (const iv of intervals) {
    const last = out[out.length - 1]
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end)
    else if (iv.end > iv.start) out.push({ ...iv })
  }
  return out
}

/** First interval whose end is after t (intervals sorted and disjoint). */
function firstEndingAfter(list: Interval[], t: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid]!.end <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

function overlaps(list: Interval[], s: number, e: number): boolean {
  const i = firstEndingAfter(list, s)
  const iv = list[i]
  return iv !== undefined && iv.start < e
}

function overlapMinutes(list: Interval[], s: number, e: number): number {
  let total = 0
  for (let i = firstEndingAfter(list, s); i < list.length; i++) {
    const iv = list[i]!
    if (iv.start >= e) break
    total += Math.min(iv.end, e) - Math.max(iv.start, s)
  }
  return total / MINUTE
}

function coreDistance(list: Interval[], s: number, e: number): number {
  const mid = (s + e) / 2
  const i = firstEndingAfter(list, mid)
  let best = Number.POSITIVE_INFINITY
  for (const iv of [list[i - 1], list[i]]) {
    if (iv) best = Math.min(best, Math.abs((iv.start + iv.end) / 2 - mid))
  }
  // No working block within reach (e.g. a long weekend): a flat half-day penalty keeps sums comparable.
  return Number.isFinite(best) && best <= 86_400_000 ? Math.round(best / MINUTE) : 720
}

function prepareParticipant(
  p: Participant,
  i: number,
  rangeStart: number,
  rangeEnd: number,
): PreparedParticipant {
  const f = `participants[${i}]`
  if (typeof p !== 'object' || p === null) throw invalidInput(f, 'must be an object')
  if (typeof p.id !== 'string' || p.id === '')
    throw invalidInput(`${f}.id`, 'must be a non-empty string', p.id)
  const timeZone = assertTimeZone(p.timeZone, `${f}.timeZone`)
  const hours = parseWorkingHours(p.workingHours, `${f}.workingHours`)
  const makeupHours =
    p.makeupWorkdayHours !== undefined
      ? parseSpans(p.makeupWorkdayHours, `${f}.makeupWorkdayHours`)
      : (hours.get('mon') ?? [])
  const reach = p.reachableHours
    ? parseSpans([p.reachableHours], `${f}.reachableHours`)[0]!
    : { start: 7 * 60, end: 22 * 60 }
  const blocked = parseDateList(p.blockedDates, `${f}.blockedDates`)
  const calendars = assertCalendars(p.calendars, `${f}.calendars`)
  const dayOff = p.dayOffKinds ?? DEFAULT_DAY_OFF
  dayOff.forEach((k, j) => {
    if (!isEntryKind(k)) throw invalidInput(`${f}.dayOffKinds[${j}]`, 'is not an entry kind', k)
  })

  // One local day of slack each side: a slot near the range edge can sit on the neighbouring local date.
  const firstDate = addDays(localDate(rangeStart, timeZone), -1)
  const lastDate = addDays(localDate(rangeEnd, timeZone), 1)
  const index = new DayIndex(calendars, { start: firstDate, end: lastDate })
  const work: Interval[] = []
  const unavailable: Interval[] = []
  const makeupDates = new Set<IsoDate>()
  const at = (date: IsoDate, minute: number) => localToInstant(date, minute, timeZone, 'boundary')!

  for (let d = firstDate; d <= lastDate; d = addDays(d, 1)) {
    const dayStart = at(d, 0)
    const dayEnd = at(d, 1440)
    const isBlocked = blocked.some((r) => r.start <= d && d <= r.end) || index.has(d, dayOff) !== undefined
    if (isBlocked) {
      unavailable.push({ start: dayStart, end: dayEnd })
      continue
    }
    const makeup = index.has(d, ['makeup_workday']) !== undefined
    if (makeup) makeupDates.add(d)
    const spans: MinuteSpan[] = makeup ? makeupHours : (hours.get(weekdayOf(d) as Weekday) ?? [])
    for (const s of spans) work.push({ start: at(d, s.start), end: at(d, s.end) })
    unavailable.push({ start: dayStart, end: at(d, reach.start) }, { start: at(d, reach.end), end: dayEnd })
  }

  const gaps: CoverageWarning[] = []
  const localRange = { start: localDate(rangeStart, timeZone), end: localDate(rangeEnd - 1, timeZone) }
  for (const cal of calendars) {
    const g = coverageGaps(cal, localRange)
    if (g.length > 0) gaps.push({ participantId: p.id, calendarId: cal.id, gaps: g })
  }
  return { id: p.id, timeZone, work: merge(work), unavailable: merge(unavailable), makeupDates, gaps }
}

/**
 * Finds the best `count` meeting slots for participants in different time zones.
 *
 * Candidates start on a UTC grid of `granularityMinutes` inside the range. A candidate is dropped when
 * it touches any participant's unavailable time (blocked date, day off from their calendars, or outside
 * their reachable hours). The rest are ranked: inside everyone's working hours first, then fewest
 * minutes outside working hours, then (prefer 'convenient') nearest to the middle of everyone's working
 * block, then earliest. All local times come from the tz database, so DST changes are respected.
 */
export function findMeetingSlots(req: SlotRequest): SlotResult {
  if (typeof req !== 'object' || req === null) throw invalidInput('request', 'must be an object')
  if (!Array.isArray(req.participants) || req.participants.length === 0) {
    throw invalidInput('participants', 'must be a non-empty array', req.participants)
  }
  if (!isPositiveInt(req.slotMinutes))
    throw invalidInput('slotMinutes', 'must be a positive integer', req.slotMinutes)
  const granularity = req.granularityMinutes ?? 30
  if (!isPositiveInt(granularity) || granularity > 1440) {
    throw invalidInput('granularityMinutes', 'must be an integer from 1 to 1440', req.granularityMinutes)
  }
  const count = req.count ?? 5
  if (!isPositiveInt(count) || count > MAX_COUNT)
    throw invalidInput('count', `must be an integer from 1 to ${MAX_COUNT}`, req.count)
  const prefer = req.prefer ?? 'convenient'
  if (prefer !== 'convenient' && prefer !== 'earliest')
    throw invalidInput('prefer', "must be 'convenient' or 'earliest'", prefer)
  if (typeof req.range !== 'object' || req.range === null)
    throw invalidInput('range', 'must be { start, end }', req.range)
  const rangeZone =
    req.range.timeZone === undefined ? 'UTC' : assertTimeZone(req.range.timeZone, 'range.timeZone')
  const rangeStart = resolveBound(req.range.start, 'range.start', rangeZone, false)
  const rangeEnd = resolveBound(req.range.end, 'range.end', rangeZone, true)
  if (rangeEnd <= rangeStart) throw invalidInput('range.end', 'must be after range.start', req.range.end)
  if (rangeEnd - rangeStart > MAX_RANGE_DAYS * 86_400_000) {
    throw invalidInput('range', `must span at most ${MAX_RANGE_DAYS} days`, req.range)
  }
  const len = req.slotMinutes * MINUTE
  if (len > rangeEnd - rangeStart)
    throw invalidInput('slotMinutes', 'is longer than the range', req.slotMinutes)

  const seen = new Set<string>()
  const people = req.participants.map((p, i) => {
    const prepared = prepareParticipant(p, i, rangeStart, rangeEnd)
    if (seen.has(prepared.id)) throw invalidInput(`participants[${i}].id`, 'is used twice', prepared.id)
    seen.add(prepared.id)
    return prepared
  })

  interface Candidate {
    start: number
    outside: number[]
    outsideTotal: number
    core: number
  }
  const candidates: Candidate[] = []
  const step = granularity * MINUTE
  let considered = 0
  for (let s = Math.ceil(rangeStart / step) * step; s + len <= rangeEnd; s += step) {
    considered++
    const e = s + len
    if (people.some((p) => overlaps(p.unavailable, s, e))) continue
    const outside = people.map((p) => req.slotMinutes - overlapMinutes(p.work, s, e))
    const core = people.reduce((sum, p) => sum + coreDistance(p.work, s, e), 0)
    candidates.push({ start: s, outside, outsideTotal: outside.reduce((a, b) => a + b, 0), core })
  }

  candidates.sort((a, b) => {
    const ia = a.outsideTotal === 0 ? 0 : 1
    const ib = b.outsideTotal === 0 ? 0 : 1
    if (ia !== ib) return ia - ib
    if (a.outsideTotal !== b.outsideTotal) return a.outsideTotal - b.outsideTotal
    if (prefer === 'convenient' && a.core !== b.core) return a.core - b.core
    return a.start - b.start
  })

  const slots = candidates.slice(0, count).map((c): Slot => {
    const e = c.start + len
    return {
      start: new Date(c.start).toISOString(),
      end: new Date(e).toISOString(),
      allInsideWorkingHours: c.outsideTotal === 0,
      minutesOutsideWorkingHours: c.outsideTotal,
      coreDistanceMinutes: c.core,
      participants: people.map((p, i) => ({
        id: p.id,
        timeZone: p.timeZone,
        localStart: formatLocalDateTime(c.start, p.timeZone),
        localEnd: formatLocalDateTime(e, p.timeZone),
        utcOffset: formatOffset(offsetMinutes(c.start, p.timeZone)),
        insideWorkingHours: c.outside[i] === 0,
        minutesOutsideWorkingHours: c.outside[i]!,
        makeupWorkday: p.makeupDates.has(localDate(c.start, p.timeZone)),
      })),
    }
  })
  return { slots, coverageGaps: people.flatMap((p) => p.gaps), candidatesConsidered: considered }
}
