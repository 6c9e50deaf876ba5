import { formatDate as day, formatDateRange, formatDateTime, formatTimeRange, type Locale } from '@dj/intl'
import type { EventTime } from '@dj/queue'

export { safeZone } from '@dj/intl'
// Emails and the inbox use the platform's one formatter (@dj/intl), with the day of the week.
export type { Locale }

/** An instant in the reader's zone, the zone named once: "Mi., 25.03.2026, 09:00 MEZ". */
export function formatInstant(iso: string | Date, locale: Locale, zone: string): string {
  return formatDateTime(locale, zone, iso, { weekday: true })
}

/** A calendar date (all-day visits): the same date for every reader, so no zone is applied. */
export function formatDate(date: string, locale: Locale): string {
  return day(locale, date, { weekday: true })
}

/** A meeting or visit: one day with start–end times, or a date range for all-day visits. */
export function formatEventTime(time: EventTime, locale: Locale, zone: string): string {
  if (time.allDay) return formatDateRange(locale, time.start, time.end, { weekday: true })
  return formatTimeRange(locale, zone, time.start, time.end, { weekday: true })
}
