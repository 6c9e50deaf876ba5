/**
 * The one formatter of dates, times, numbers and percentages for every reader-facing text (web
 * pages, emails, the inbox). Built on Intl; pure, no I/O. Conventions per language, used everywhere:
 *   de / Einfache Sprache  "25.03.2026, 09:00 MEZ"          "298,10"  "65 %"
 *   en                     "25 Mar 2026, 09:00 CET"          "298.10"  "65%"
 *   zh                     "2026年3月25日 16:00（北京时间）"  "298.10"  "65%"
 * The zone is named once, after the (last) time, in the reader's language.
 */
export type Locale = 'de' | 'en' | 'zh' | 'de-simple'

const TAG: Record<Locale, string> = { de: 'de-DE', 'de-simple': 'de-DE', en: 'en-GB', zh: 'zh-CN' }
/** Zones the people of China call 北京时间 (one time for the whole country). */
const CHINA_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Urumqi', 'PRC'])

/**
 * Intl objects are costly to build (a DateTimeFormat with a zone takes tens of microseconds,
 * more than the rest of a message) and immutable once built, so each is built once per locale,
 * options and zone and shared. Bounded, because zones come from stored profiles: past the limit
 * the oldest entry goes (it is rebuilt when asked for again).
 */
function memo<V>(limit: number): (key: string, build: () => V) => V {
  const entries = new Map<string, V>()
  return (key, build) => {
    let value = entries.get(key)
    if (value === undefined) {
      value = build()
      if (entries.size >= limit) entries.delete(entries.keys().next().value as string)
      entries.set(key, value)
    }
    return value
  }
}

const LIMIT = 1_000
/** The date and time styles in use, by name: the cache key is locale, zone and style name. */
const STYLES = {
  zhDay: { year: 'numeric', month: 'long', day: 'numeric' },
  zhWeekday: { weekday: 'long' },
  enDay: { year: 'numeric', month: 'short', day: 'numeric' },
  enWeekdayDay: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
  deDay: { year: 'numeric', month: '2-digit', day: '2-digit' },
  deWeekdayDay: { weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' },
  clock: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  short: { timeZoneName: 'short' },
  long: { timeZoneName: 'long' },
  longGeneric: { timeZoneName: 'longGeneric' },
} satisfies Record<string, Intl.DateTimeFormatOptions>
type Style = keyof typeof STYLES

const dateFormats = memo<Intl.DateTimeFormat>(LIMIT)
function fmt(locale: Locale, timeZone: string, style: Style): Intl.DateTimeFormat {
  return dateFormats(
    `${locale}|${timeZone}|${style}`,
    () => new Intl.DateTimeFormat(TAG[locale], { timeZone, ...STYLES[style] }),
  )
}

const knownZones = memo<string>(LIMIT)
/** Zones the runtime does not know fall back to UTC rather than failing a page or a delivery. */
export function safeZone(timeZone: string): string {
  return knownZones(timeZone, () => {
    try {
      new Intl.DateTimeFormat('en', { timeZone })
      return timeZone
    } catch {
      return 'UTC'
    }
  })
}

const toDate = (value: string | Date) => (typeof value === 'string' ? new Date(value) : value)

export interface DateOptions {
  /** Add the day of the week (meetings, visits, emails). */
  weekday?: boolean
}

function dayPart(d: Date, locale: Locale, timeZone: string, o: DateOptions): string {
  if (locale === 'zh') {
    const day = fmt(locale, timeZone, 'zhDay').format(d)
    return o.weekday ? `${day} ${fmt(locale, timeZone, 'zhWeekday').format(d)}` : day
  }
  if (locale === 'en') return fmt(locale, timeZone, o.weekday ? 'enWeekdayDay' : 'enDay').format(d)
  return fmt(locale, timeZone, o.weekday ? 'deWeekdayDay' : 'deDay').format(d)
}

const clock = (d: Date, locale: Locale, timeZone: string) => fmt(locale, timeZone, 'clock').format(d)

function zonePart(d: Date, locale: Locale, timeZone: string, type: 'short' | 'long' | 'longGeneric') {
  return (
    fmt(locale, timeZone, type)
      .formatToParts(d)
      .find((p) => p.type === 'timeZoneName')?.value ?? timeZone
  )
}

/** The zone's name as people of the reader's language say it: MEZ, CET, 北京时间. */
export function zoneName(locale: Locale, zone: string, at: string | Date = new Date()): string {
  const timeZone = safeZone(zone)
  const d = toDate(at)
  if (locale === 'zh')
    return CHINA_ZONES.has(timeZone) ? '北京时间' : zonePart(d, locale, timeZone, 'longGeneric')
  const short = zonePart(d, locale, timeZone, 'short')
  return /^(GMT|UTC)[+-−]/.test(short) ? zonePart(d, locale, timeZone, 'long') : short
}

const withZone = (locale: Locale, text: string, zone: string) =>
  locale === 'zh' ? `${text}（${zone}）` : `${text} ${zone}`

/** An instant in the reader's zone: "25.03.2026, 09:00 MEZ", "2026年3月25日 16:00（北京时间）". */
export function formatDateTime(locale: Locale, zone: string, value: string | Date, o: DateOptions = {}) {
  const timeZone = safeZone(zone)
  const d = toDate(value)
  const sep = locale === 'zh' ? ' ' : ', '
  return withZone(
    locale,
    `${dayPart(d, locale, timeZone, o)}${sep}${clock(d, locale, timeZone)}`,
    zoneName(locale, timeZone, d),
  )
}

/** From–to in the reader's zone, the zone named once: "12.01.2027, 09:00–10:00 MEZ". */
export function formatTimeRange(
  locale: Locale,
  zone: string,
  start: string | Date,
  end: string | Date,
  o: DateOptions = {},
): string {
  const timeZone = safeZone(zone)
  const s = toDate(start)
  const e = toDate(end)
  const sep = locale === 'zh' ? ' ' : ', '
  const sDay = dayPart(s, locale, timeZone, o)
  const eDay = dayPart(e, locale, timeZone, o)
  const text =
    sDay === eDay
      ? `${sDay}${sep}${clock(s, locale, timeZone)}–${clock(e, locale, timeZone)}`
      : `${sDay}${sep}${clock(s, locale, timeZone)} – ${eDay}${sep}${clock(e, locale, timeZone)}`
  return withZone(locale, text, zoneName(locale, timeZone, s))
}

/** The clock time alone in a zone, "09:00" (beside a date and zone already named). */
export function formatTime(locale: Locale, zone: string, value: string | Date): string {
  return clock(toDate(value), locale, safeZone(zone))
}

/** A calendar date ("2027-03-01"): the same day for every reader, so no zone applies. */
export function formatDate(locale: Locale, isoDate: string, o: DateOptions = {}): string {
  return dayPart(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`), locale, 'UTC', o)
}

/** Two calendar dates, or one when they are the same day. */
export function formatDateRange(locale: Locale, start: string, end: string, o: DateOptions = {}): string {
  const a = formatDate(locale, start, o)
  const b = formatDate(locale, end, o)
  return a === b ? a : `${a} – ${b}`
}

/** A meeting or visit time: an instant range, or calendar dates when `allDay` (visits). */
export interface EventTime {
  start: string
  end: string
  allDay?: boolean
}

/** A meeting or visit: one day with start–end times in the reader's zone, or a date range for all-day visits. */
export function formatEventTime(locale: Locale, zone: string, time: EventTime, o: DateOptions = {}): string {
  if (time.allDay) return formatDateRange(locale, time.start, time.end, o)
  return formatTimeRange(locale, zone, time.start, time.end, o)
}

const numberFormats = memo<Intl.NumberFormat>(LIMIT)

/** A number with the reader's decimal mark: "298,10" in German. */
export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  return numberFormats(
    `${locale}|${fractionDigits}`,
    () =>
      new Intl.NumberFormat(TAG[locale], {
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      }),
  ).format(value)
}

/** A share from 0 to 1 as a whole percentage in the reader's style: "65 %" (de), "65%" (en, zh). */
export function formatPercent(locale: Locale, share: number): string {
  return numberFormats(
    `${locale}|%`,
    () => new Intl.NumberFormat(TAG[locale], { style: 'percent', maximumFractionDigits: 0 }),
  ).format(share)
}
export { readerTitle } from './titles.js'
