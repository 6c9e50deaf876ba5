import { type Locale, safeZone } from '@dj/messages'
import { addDays, localDate, localMinuteOfDay, localToInstant } from '@dj/scheduling'

export interface Prefs {
  locale: Locale | null
  mode: 'immediate' | 'daily'
  quietStart: string | null
  quietEnd: string | null
  channels: Record<string, { email?: boolean; inApp?: boolean }>
}

export function prefsFromRow(r: {
  pref_locale?: Locale | null
  mode?: string | null
  quiet_start?: string | null
  quiet_end?: string | null
  channels?: Record<string, { email?: boolean; inApp?: boolean }> | null
}): Prefs {
  return {
    locale: r.pref_locale ?? null,
    mode: r.mode === 'daily' ? 'daily' : 'immediate',
    quietStart: r.quiet_start ?? null,
    quietEnd: r.quiet_end ?? null,
    channels: r.channels ?? {},
  }
}

// Which channels a user wants per event type is decided where deliveries are planned, in SQL
// (deliver.ts, planMany): missing entries mean on.

const toMinutes = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number)
  return (h ?? 0) * 60 + (m ?? 0)
}

/** Local date and minute of day of an instant; a zone the runtime does not know reads as UTC. */
function localParts(now: Date, timeZone: string) {
  const zone = safeZone(timeZone)
  return { date: localDate(now.getTime(), zone), minutes: localMinuteOfDay(now.getTime(), zone) }
}

/** The instant the zone's wall clock shows `date` `minutes` (a time in a spring gap moves later). */
function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  return new Date(localToInstant(date, minutes, safeZone(timeZone), 'later')!)
}

/**
 * When `now` falls in the user's quiet hours (local wall clock, may wrap past midnight), the
 * instant they end; otherwise null.
 */
export function quietUntil(now: Date, prefs: Prefs, timeZone: string): Date | null {
  if (!prefs.quietStart || !prefs.quietEnd) return null
  const start = toMinutes(prefs.quietStart)
  const end = toMinutes(prefs.quietEnd)
  if (start === end) return null
  const { date, minutes } = localParts(now, timeZone)
  if (start < end) {
    return minutes >= start && minutes < end ? zonedInstant(date, end, timeZone) : null
  }
  if (minutes >= start) return zonedInstant(addDays(date, 1), end, timeZone)
  if (minutes < end) return zonedInstant(date, end, timeZone)
  return null
}

export const DIGEST_MINUTES = 8 * 60

/** The latest local 08:00 at or before `now`: digest items created before it are due, for that day. */
export function digestCutoff(now: Date, timeZone: string): { day: string; cutoff: Date } {
  const { date, minutes } = localParts(now, timeZone)
  const day = minutes >= DIGEST_MINUTES ? date : addDays(date, -1)
  return { day, cutoff: zonedInstant(day, DIGEST_MINUTES, timeZone) }
}

export function cutoffOfDay(day: string, timeZone: string): Date {
  return zonedInstant(day, DIGEST_MINUTES, timeZone)
}
