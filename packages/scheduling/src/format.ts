import { invalidInput } from './errors.js'
import { assertTimeZone, parseInstant } from './tz.js'

const dateFormatters = new Map<string, Intl.DateTimeFormat>()
const timeFormatters = new Map<string, Intl.DateTimeFormat>()

function cached(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone })
    cache.set(key, f)
  }
  return f
}

/**
 * Human-readable time for e-mails that names the zone, e.g. for de-DE
 * `Mi., 25. März 2026, 09:00 MEZ (Europe/Berlin)`, for en-GB `Wed, 25 March 2026, 16:00 GMT+8 (Asia/Shanghai)`.
 * The IANA name is always appended because short names such as "GMT+8" or "MESZ" alone are ambiguous.
 */
export function formatInZone(instant: string | Date, timeZone: string, locale = 'de-DE'): string {
  const ms = instant instanceof Date ? instant.getTime() : parseInstant(instant, 'instant')
  if (Number.isNaN(ms)) throw invalidInput('instant', 'is not a valid date', instant)
  const zone = assertTimeZone(timeZone, 'timeZone')
  try {
    Intl.getCanonicalLocales(locale)
  } catch {
    throw invalidInput('locale', 'is not a valid BCP 47 locale', locale)
  }
  const date = cached(dateFormatters, locale, zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(ms)
  const time = cached(timeFormatters, locale, zone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(ms)
  const sep = /^zh\b/i.test(locale) ? ' ' : ', '
  return `${date}${sep}${time} (${zone})`
}
