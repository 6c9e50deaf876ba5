import { ENTRY_KINDS, type EntryKind } from '@dj/vocabulary'
import type { DateRange, IsoDate } from '../date.js'
import { mergeRanges, rangesOverlap, subtractRanges } from '../date.js'

// Spelled once in @dj/vocabulary (the API contract and the web name the same kinds).
export { ENTRY_KINDS, type EntryKind }

export function isEntryKind(v: unknown): v is EntryKind {
  return typeof v === 'string' && (ENTRY_KINDS as readonly string[]).includes(v)
}

export interface LocalizedName {
  de?: string
  en?: string
  zh?: string
}

/** One dated fact. `start`/`end` are inclusive civil dates. */
export interface CalendarEntry {
  start: IsoDate
  end: IsoDate
  kind: EntryKind
  name: LocalizedName
  /** Where the fact comes from, e.g. `openholidays:<id>`, `holiday-cn:2026`, `ics:<uid>`, `import:line 4`. */
  source: string
}

export interface Calendar {
  id: string
  entries: CalendarEntry[]
  /** Date ranges for which the entries are known to be complete (sorted, merged). */
  coverage: DateRange[]
  /** Attribution text that must be shown when the data is shown or shipped. */
  attribution?: string
}

export function makeCalendar(
  id: string,
  entries: readonly CalendarEntry[],
  coverage: readonly DateRange[],
  attribution?: string,
): Calendar {
  const sorted = [...entries].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0,
  )
  const cal: Calendar = { id, entries: sorted, coverage: mergeRanges(coverage) }
  if (attribution !== undefined) cal.attribution = attribution
  return cal
}

/** Entries (of any of the calendars) that include `date`. */
export function entriesOn(calendars: Calendar | readonly Calendar[], date: IsoDate): CalendarEntry[] {
  const list = Array.isArray(calendars) ? calendars : [calendars as Calendar]
  const out: CalendarEntry[] = []
  for (const cal of list) {
    for (const e of cal.entries) if (e.start <= date && date <= e.end) out.push(e)
  }
  return out
}

/** Entries overlapping a range. */
export function entriesIn(calendars: Calendar | readonly Calendar[], range: DateRange): CalendarEntry[] {
  const list = Array.isArray(calendars) ? calendars : [calendars as Calendar]
  const out: CalendarEntry[] = []
  for (const cal of list) for (const e of cal.entries) if (rangesOverlap(e, range)) out.push(e)
  return out
}

/**
 * Parts of `range` that lie outside what the calendar's data is known for. An empty array means the
 * calendar can answer for every day of the range; a non-empty one must be shown to the user (e.g.
 * China publishes next year's holidays each November, so 2027 is a gap until then).
 */
export function coverageGaps(calendar: Calendar, range: DateRange): DateRange[] {
  return subtractRanges(range, calendar.coverage)
}

/** Best display name: the requested language, then en, de, zh. */
export function displayName(name: LocalizedName, lang: keyof LocalizedName = 'en'): string {
  return name[lang] ?? name.en ?? name.de ?? name.zh ?? ''
}
