import { invalidInput } from './errors.js'

/** A civil (calendar) date `YYYY-MM-DD`, with no time zone attached. */
export type IsoDate = string

/** Inclusive range of civil dates. */
export interface DateRange {
  start: IsoDate
  end: IsoDate
}

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Days since 1970-01-01; civil dates are handled as integers so no time zone can shift them. */
export function toDayNumber(date: IsoDate): number {
  const n = tryDayNumber(date)
  if (n === undefined) throw new RangeError(`not a valid date: ${date}`)
  return n
}

export function tryDayNumber(date: string): number | undefined {
  const m = ISO_DATE.exec(date)
  if (!m) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined
  const ms = Date.UTC(y, mo - 1, d)
  const back = new Date(ms)
  // Date.UTC rolls 2026-02-30 over into March; reject instead of silently moving the date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d)
    return undefined
  return Math.round(ms / DAY_MS)
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && tryDayNumber(value) !== undefined
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const wd = new Date(toDayNumber(date) * DAY_MS).getUTCDay()
  return wd === 0 ? 7 : wd
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6
}

export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a)
}

export function* eachDate(range: DateRange): Generator<IsoDate> {
  const end = toDayNumber(range.end)
  for (let n = toDayNumber(range.start); n <= end; n++) yield fromDayNumber(n)
}

export function rangeContains(range: DateRange, date: IsoDate): boolean {
  return range.start <= date && date <= range.end
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return a.start <= b.end && b.start <= a.end
}

/** Validates a DateRange supplied by a caller, naming the field on failure. */
export function assertDateRange(range: unknown, field: string): DateRange {
  if (typeof range !== 'object' || range === null) throw invalidInput(field, 'must be { start, end }', range)
  const r = range as { start?: unknown; end?: unknown }
  if (!isIsoDate(r.start)) throw invalidInput(`${field}.start`, 'must be a date YYYY-MM-DD', r.start)
  if (!isIsoDate(r.end)) throw invalidInput(`${field}.end`, 'must be a date YYYY-MM-DD', r.end)
  if (r.end < r.start) throw invalidInput(`${field}.end`, 'is before start', r.end)
  return { start: r.start, end: r.end }
}

/** Sorts and merges overlapping or touching ranges. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
  const out: DateRange[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && toDayNumber(r.start) <= toDayNumber(last.end) + 1) {
      if (r.end > last.end) last.end = r.end
    } else {
      out.push({ start: r.start, end: r.end })
    }
  }
  return out
}

/** Parts of `range` not covered by `covered` (which must be merged/sorted). */
export function subtractRanges(range: DateRange, covered: readonly DateRange[]): DateRange[] {
  const gaps: DateRange[] = []
  let cursor = toDayNumber(range.start)
  const end = toDayNumber(range.end)
  for (const c of mergeRanges(covered)) {
    const cs = toDayNumber(c.start)
    const ce = toDayNumber(c.end)
    if (ce < cursor) continue
    if (cs > end) break
    if (cs > cursor) gaps.push({ start: fromDayNumber(cursor), end: fromDayNumber(cs - 1) })
    cursor = Math.max(cursor, ce + 1)
    if (cursor > end) break
  }
  if (cursor <= end) gaps.push({ start: fromDayNumber(cursor), end: fromDayNumber(end) })
  return gaps
}

// ISO dates compare correctly as strings; Math.min/max would coerce them to NaN.
export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? b : a
}

export function earlierDate(a: IsoDate, b: IsoDate): IsoDate {
  return a < b ? a : b
}
