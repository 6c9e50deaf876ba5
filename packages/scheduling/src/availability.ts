import type { Calendar, CalendarEntry, EntryKind } from './calendar/model.js'
import type { DateRange, IsoDate } from './date.js'
import { assertDateRange, earlierDate, isIsoDate, isoWeekday, laterDate } from './date.js'
import { invalidInput } from './errors.js'
import { parseClock } from './tz.js'

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** Local wall-clock span `HH:MM`–`HH:MM` (end exclusive; `24:00` allowed). */
export interface TimeSpan {
  start: string
  end: string
}

export type WorkingHours = Partial<Record<Weekday, TimeSpan[]>>

export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[isoWeekday(date) - 1]!
}

/** Mon–Fri with the same hours, the common case. */
export function weekdayHours(start: string, end: string): WorkingHours {
  return {
    mon: [{ start, end }],
    tue: [{ start, end }],
    wed: [{ start, end }],
    thu: [{ start, end }],
    fri: [{ start, end }],
  }
}

export interface MinuteSpan {
  start: number
  end: number
}

export function parseSpans(spans: unknown, field: string): MinuteSpan[] {
  if (!Array.isArray(spans)) throw invalidInput(field, 'must be an array of { start, end }', spans)
  const out = spans.map((s: unknown, i: number) => {
    const span = (typeof s === 'object' && s !== null ? s : {}) as { start?: unknown; end?: unknown }
    const start = parseClock(span.start, `${field}[${i}].start`)
    const end = parseClock(span.end, `${field}[${i}].end`)
    if (end <= start) throw invalidInput(`${field}[${i}].end`, 'must be after start', span.end)
    return { start, end }
  })
  return out.sort((a, b) => a.start - b.start)
}

export function parseWorkingHours(value: unknown, field: string): Map<Weekday, MinuteSpan[]> {
  if (typeof value !== 'object' || value === null)
    throw invalidInput(field, 'must be an object keyed mon..sun', value)
  const out = new Map<Weekday, MinuteSpan[]>()
  for (const [key, spans] of Object.entries(value)) {
    if (!(WEEKDAYS as readonly string[]).includes(key))
      throw invalidInput(`${field}.${key}`, 'is not a weekday mon..sun', key)
    out.set(key as Weekday, parseSpans(spans, `${field}.${key}`))
  }
  return out
}

/** Dates given either singly or as ranges; validated with the field name. */
export function parseDateList(value: unknown, field: string): DateRange[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalidInput(field, 'must be an array of dates or { start, end }', value)
  return value.map((v: unknown, i: number) => {
    if (typeof v === 'string') {
      if (!isIsoDate(v)) throw invalidInput(`${field}[${i}]`, 'must be a date YYYY-MM-DD', v)
      return { start: v, end: v }
    }
    return assertDateRange(v, `${field}[${i}]`)
  })
}

export function assertCalendars(value: unknown, field: string): Calendar[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalidInput(field, 'must be an array of calendars', value)
  value.forEach((c: unknown, i: number) => {
    const cal = c as Partial<Calendar> | null
    if (!cal || typeof cal.id !== 'string' || !Array.isArray(cal.entries) || !Array.isArray(cal.coverage)) {
      throw invalidInput(`${field}[${i}]`, 'must be a Calendar { id, entries, coverage }', c)
    }
  })
  return value as Calendar[]
}

/** Index of calendar entries by date for the days a computation looks at. */
export class DayIndex {
  private readonly byDate = new Map<IsoDate, CalendarEntry[]>()

  constructor(calendars: readonly Calendar[], range: DateRange) {
    for (const cal of calendars) {
      for (const e of cal.entries) {
        if (e.end < range.start || e.start > range.end) continue
        const from = laterDate(e.start, range.start)
        const to = earlierDate(e.end, range.end)
        for (let d = from; d <= to; d = nextDay(d)) {
          let list = this.byDate.get(d)
          if (!list) {
            list = []
            this.byDate.set(d, list)
          }
          list.push(e)
        }
      }
    }
  }

  on(date: IsoDate): readonly CalendarEntry[] {
    return this.byDate.get(date) ?? []
  }

  has(date: IsoDate, kinds: readonly EntryKind[]): CalendarEntry | undefined {
    return this.on(date).find((e) => kinds.includes(e.kind))
  }
}

function nextDay(d: IsoDate): IsoDate {
  const t = Date.parse(`${d}T00:00:00Z`) + 86_400_000
  return new Date(t).toISOString().slice(0, 10)
}
