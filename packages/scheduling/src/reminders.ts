import { invalidInput } from './errors.js'
import { parseInstant } from './tz.js'

export type ReminderOffset = '7d' | '24h' | '1h'

export interface Reminder {
  /** `reminder:<eventId>:<sequence>:<offset>`: the same input always yields the same id, for idempotent job creation. */
  id: string
  eventId: string
  sequence: number
  offset: ReminderOffset
  /** UTC ISO instant at which to send. */
  fireAt: string
  /** Milliseconds from `now` until fireAt (≥ 0): a delayed-job queue can use it as the delay. */
  delayMs: number
}

export interface ReminderRequest {
  eventId: string
  /** Bump on every change of the event: reminders of an older sequence are then obsolete. */
  sequence: number
  /** Event start, ISO instant with offset. */
  startsAt: string
  /** Current instant, ISO with offset (passed in so the plan is deterministic). */
  now: string
  /** Which reminders to plan (default all three). */
  offsets?: ReminderOffset[]
}

// Exact durations: the event is an absolute instant, so "7 days before" is 168 h even across a DST change.
const OFFSET_MS: Record<ReminderOffset, number> = {
  '7d': 7 * 24 * 3_600_000,
  '24h': 24 * 3_600_000,
  '1h': 3_600_000,
}
const ORDER: ReminderOffset[] = ['7d', '24h', '1h']

export function reminderId(eventId: string, sequence: number, offset: ReminderOffset): string {
  return `reminder:${eventId}:${sequence}:${offset}`
}

/**
 * Reminders 7 days, 24 hours and 1 hour before the event, earliest first. Reminders whose time is
 * already past at `now` are skipped (one due exactly now is kept, with delay 0).
 */
export function planReminders(req: ReminderRequest): Reminder[] {
  if (typeof req.eventId !== 'string' || req.eventId.trim() === '') {
    throw invalidInput('eventId', 'must be a non-empty string', req.eventId)
  }
  if (/\s/.test(req.eventId)) throw invalidInput('eventId', 'must not contain whitespace', req.eventId)
  if (!Number.isInteger(req.sequence) || req.sequence < 0) {
    throw invalidInput('sequence', 'must be a non-negative integer', req.sequence)
  }
  const start = parseInstant(req.startsAt, 'startsAt')
  const now = parseInstant(req.now, 'now')
  const wanted = req.offsets ?? ORDER
  if (!Array.isArray(wanted)) throw invalidInput('offsets', 'must be an array', wanted)
  wanted.forEach((o, i) => {
    if (!(o in OFFSET_MS)) throw invalidInput(`offsets[${i}]`, "must be '7d', '24h' or '1h'", o)
  })
  const out: Reminder[] = []
  for (const offset of ORDER) {
    if (!wanted.includes(offset)) continue
    const at = start - OFFSET_MS[offset]
    if (at < now) continue
    out.push({
      id: reminderId(req.eventId, req.sequence, offset),
      eventId: req.eventId,
      sequence: req.sequence,
      offset,
      fireAt: new Date(at).toISOString(),
      delayMs: at - now,
    })
  }
  return out
}
