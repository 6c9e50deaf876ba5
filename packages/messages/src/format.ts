import type { EventTime } from '@dj/queue'

export type Locale = 'de' | 'en' | 'zh' | 'de-simple'

const TAGS: Record<Locale, string> = { de: 'de-DE', 'de-simple': 'de-DE', en: 'en-GB', zh: 'zh-CN' }

/** Zones the runtime does not know fall back to UTC rather than failing a whole delivery. */
export function safeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return timeZone
  } catch {
    return 'UTC'
  }
}

function part(d: Date, tag: string, opts: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) {
  return new Intl.DateTimeFormat(tag, opts).formatToParts(d).find((p) => p.type === type)?.value ?? ''
}

function dateOnly(d: Date, locale: Locale, timeZone: string): string {
  const tag = TAGS[locale]
  if (locale === 'zh') {
    const date = new Intl.DateTimeFormat(tag, { timeZone, year: 'numeric', month: 'long', day: 'numeric' })
    const weekday = new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long' })
    return `${date.format(d)} ${weekday.format(d)}`
  }
  return new Intl.DateTimeFormat(tag, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(d)
}

function clock(d: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d)
}

/** The zone's short name where the locale has a real one (MEZ, CET), never a bare offset. */
function zoneAbbr(d: Date, locale: Locale, timeZone: string): string {
  if (locale === 'zh') return ''
  const name = part(d, TAGS[locale], { timeZone, timeZoneName: 'short' }, 'timeZoneName')
  return /^(GMT|UTC)[+-]/.test(name) ? '' : name
}

function zoneSuffix(d: Date, locale: Locale, timeZone: string): string {
  const abbr = zoneAbbr(d, locale, timeZone)
  return `${abbr ? ` ${abbr}` : ''} (${timeZone})`
}

/**
 * An instant in the reader's zone and language with the zone named, e.g.
 * "Mittwoch, 25. März 2026, 09:00 MEZ (Europe/Berlin)" or "2026年3月25日 星期三 16:00 (Asia/Shanghai)".
 */
export function formatInstant(iso: string | Date, locale: Locale, zone: string): string {
  const timeZone = safeZone(zone)
  const d = typeof iso === 'string' ? new Date(iso) : iso
  const sep = locale === 'zh' ? ' ' : ', '
  return `${dateOnly(d, locale, timeZone)}${sep}${clock(d, locale, timeZone)}${zoneSuffix(d, locale, timeZone)}`
}

/** A calendar date (all-day visits): the same date for every reader, so no zone is applied. */
export function formatDate(date: string, locale: Locale): string {
  const d = new Date(`${date.slice(0, 10)}T12:00:00Z`)
  return dateOnly(d, locale, 'UTC')
}

/** A meeting or visit: one day with start–end times, or a date range for all-day visits. */
export function formatEventTime(time: EventTime, locale: Locale, zone: string): string {
  if (time.allDay) {
    const start = formatDate(time.start, locale)
    const end = formatDate(time.end, locale)
    return start === end ? start : `${start} – ${end}`
  }
  const timeZone = safeZone(zone)
  const s = new Date(time.start)
  const e = new Date(time.end)
  const sameDay = dateOnly(s, locale, timeZone) === dateOnly(e, locale, timeZone)
  if (sameDay) {
    const sep = locale === 'zh' ? ' ' : ', '
    return `${dateOnly(s, locale, timeZone)}${sep}${clock(s, locale, timeZone)}–${clock(e, locale, timeZone)}${zoneSuffix(s, locale, timeZone)}`
  }
  return `${formatInstant(s, locale, timeZone)} – ${formatInstant(e, locale, timeZone)}`
}
