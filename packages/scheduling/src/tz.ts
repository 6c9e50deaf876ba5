import type { IsoDate } from './date.js'
import { fromDayNumber, toDayNumber } from './date.js'
import { invalidInput } from './errors.js'

/**
 * Time-zone arithmetic on top of Intl.DateTimeFormat. Offsets are always read from the tz database
 * for the instant in question, never assumed, so DST changes (Europe/Berlin) come out right.
 */

export interface ZonedParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const MINUTE_MS = 60_000
const DAY_MS = 86_400_000

// Creating a DateTimeFormat costs far more than using one; the slot finder formats thousands of instants.
const partsFormatters = new Map<string, Intl.DateTimeFormat>()
const canonicalZones = new Map<string, string>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormatters.set(timeZone, f)
  }
  return f
}

/** True for an IANA zone name Intl knows (case-insensitive, as Intl is). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone === '') return false
  if (canonicalZones.has(timeZone)) return true
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone
    canonicalZones.set(timeZone, resolved)
    return true
  } catch {
    return false
  }
}

/** Validates a time-zone field and returns the canonical spelling. */
export function assertTimeZone(timeZone: unknown, field: string): string {
  if (!isValidTimeZone(timeZone)) throw invalidInput(field, 'unknown IANA time zone', timeZone)
  return canonicalZones.get(timeZone) ?? timeZone
}

export function zonedParts(instantMs: number, timeZone: string): ZonedParts {
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 }
  for (const p of partsFormatter(timeZone).formatToParts(instantMs)) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value)
        break
      case 'month':
        out.month = Number(p.value)
        break
      case 'day':
        out.day = Number(p.value)
        break
      case 'hour':
        out.hour = Number(p.value)
        break
      case 'minute':
        out.minute = Number(p.value)
        break
      case 'second':
        out.second = Number(p.value)
        break
    }
  }
  return out
}

/** UTC offset of `timeZone` at the instant, in minutes east of UTC (Berlin winter: 60, summer: 120). */
export function offsetMinutes(instantMs: number, timeZone: string): number {
  const p = zonedParts(instantMs, timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  const truncated = Math.floor(instantMs / 1000) * 1000
  return Math.round((wall - truncated) / MINUTE_MS)
}

/** Local civil date of an instant in a zone. */
export function localDate(instantMs: number, timeZone: string): IsoDate {
  const p = zonedParts(instantMs, timeZone)
  return fromDayNumber(Math.round(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS))
}

/** Minutes since local midnight of an instant. */
export function localMinuteOfDay(instantMs: number, timeZone: string): number {
  const p = zonedParts(instantMs, timeZone)
  return p.hour * 60 + p.minute
}

/**
 * What to do with a wall time that does not exist (spring gap): 'later' shifts it forward by the gap
 * length (RFC 5545, 02:30 → 03:30 CEST); 'boundary' returns the instant of the transition itself (the
 * first instant whose wall time is at or after the requested one: right for the edges of working
 * hours); 'reject' returns null.
 */
export type GapPolicy = 'later' | 'boundary' | 'reject'

/**
 * The instant at which the wall clock in `timeZone` shows `date` + `minuteOfDay` (may be 1440 = next
 * midnight). A wall time that occurs twice (autumn fall-back) resolves to the earlier instant. A wall
 * time that does not exist (spring gap, e.g. 02:30 on 2026-03-29 in Berlin) follows `gap`.
 */
export function localToInstant(
  date: IsoDate,
  minuteOfDay: number,
  timeZone: string,
  gap: GapPolicy = 'later',
): number | null {
  const wall = toDayNumber(date) * DAY_MS + minuteOfDay * MINUTE_MS
  // Offsets a day either side bracket any single transition near this wall time.
  const before = offsetMinutes(wall - DAY_MS, timeZone)
  const after = offsetMinutes(wall + DAY_MS, timeZone)
  const candidates: number[] = []
  for (const off of before === after ? [before] : [before, after]) {
    const t = wall - off * MINUTE_MS
    if (offsetMinutes(t, timeZone) === off) candidates.push(t)
  }
  if (candidates.length > 0) return Math.min(...candidates)
  // Also catches transitions the bracketing missed (zones with two changes in two days are not real).
  const direct = wall - offsetMinutes(wall, timeZone) * MINUTE_MS
  if (offsetMinutes(direct, timeZone) * MINUTE_MS === wall - direct) return direct
  if (gap === 'reject') return null
  const shifted = wall - before * MINUTE_MS
  if (gap === 'later') return shifted
  // The transition lies between the two readings of the wall time; bisect for the first instant that
  // already uses the new offset (transitions fall on whole seconds).
  let lo = wall - after * MINUTE_MS
  let hi = shifted
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000
    if (offsetMinutes(mid, timeZone) === before) lo = mid
    else hi = mid
  }
  return hi
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

/** `2026-03-29T09:00` wall-clock text of the instant in the zone. */
export function formatLocalDateTime(instantMs: number, timeZone: string): string {
  const p = zonedParts(instantMs, timeZone)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** ISO 8601 with the zone's offset at that instant: `2026-03-29T09:00:00+02:00`. */
export function formatIsoWithOffset(instantMs: number, timeZone: string): string {
  const p = zonedParts(instantMs, timeZone)
  const off = offsetMinutes(instantMs, timeZone)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${formatOffset(off)}`
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** Parses an ISO 8601 instant that names its offset (`Z` or `+02:00`); anything else is rejected. */
export function parseInstant(value: unknown, field: string): number {
  if (typeof value !== 'string' || !INSTANT.test(value)) {
    throw invalidInput(field, 'must be an ISO 8601 instant with Z or an offset', value)
  }
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw invalidInput(field, 'is not a valid instant', value)
  return ms
}

/** `HH:MM` → minutes since midnight; `24:00` is allowed as an end of day. */
export function parseClock(value: unknown, field: string): number {
  const m = typeof value === 'string' ? /^(\d{2}):(\d{2})$/.exec(value) : null
  if (!m) throw invalidInput(field, 'must be HH:MM', value)
  const h = Number(m[1])
  const min = Number(m[2])
  if (min > 59 || h > 24 || (h === 24 && min !== 0))
    throw invalidInput(field, 'is not a valid time of day', value)
  return h * 60 + min
}
