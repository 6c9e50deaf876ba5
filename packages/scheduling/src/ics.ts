import type { IsoDate } from './date.js'
import { addDays, isIsoDate } from './date.js'
import { invalidInput } from './errors.js'
import { parseInstant } from './tz.js'

export interface IcsPerson {
  email: string
  name?: string
}

export interface IcsAttendee extends IcsPerson {
  role?: 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' | 'CHAIR' | 'NON-PARTICIPANT'
  /** Ask for a reply (default true for REQUEST). */
  rsvp?: boolean
}

/** A meeting at absolute instants (written in UTC), or an all-day visit with an inclusive end date. */
export type IcsWhen =
  | { type: 'meeting'; start: string; end: string }
  | { type: 'allDay'; start: IsoDate; end: IsoDate }

export interface IcsEventInput {
  /** Stable across updates and the cancel, e.g. `meeting-42@dj-exchange`. */
  uid: string
  /** 0 for the first invitation, +1 for every update or the cancellation. */
  sequence: number
  method: 'REQUEST' | 'CANCEL'
  when: IcsWhen
  summary: string
  description?: string
  location?: string
  url?: string
  organizer: IcsPerson
  attendees?: IcsAttendee[]
  /** When this version of the invitation was made (ISO instant); passed in to keep output deterministic. */
  dtstamp: string
}

const PRODID = '-//Dueren-Jinhua Exchange//scheduling//EN'
const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
}

/**
 * Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1). Splits only between
 * code points, so multi-byte UTF-8 characters (Chinese text) are never cut in half.
 */
export function foldLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = 75
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!)
    if (octets + size > limit) {
      parts.push(current)
      current = ''
      octets = 0
      limit = 74 // continuation lines start with one space, which counts
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n ')
}

function utcStamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function paramValue(v: string): string {
  // Parameter values cannot contain DQUOTE or control characters; quoting covers , ; :
  return `"${v.replace(/["\p{Cc}]/gu, ' ').trim()}"`
}

function person(prop: string, p: IcsPerson, field: string, extra: string[] = []): string {
  if (typeof p?.email !== 'string' || !EMAIL.test(p.email))
    throw invalidInput(`${field}.email`, 'is not a valid e-mail address', p?.email)
  const params = [...(p.name ? [`CN=${paramValue(p.name)}`] : []), ...extra]
  return `${prop}${params.map((x) => `;${x}`).join('')}:mailto:${p.email}`
}

function assertText(v: unknown, field: string, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined
  if (typeof v !== 'string' || (required && v.trim() === ''))
    throw invalidInput(field, 'must be a non-empty string', v)
  return v
}

/**
 * RFC 5545 VCALENDAR with one VEVENT, for attaching to invitation e-mails (iTIP METHOD REQUEST or
 * CANCEL). Lines end in CRLF and are folded at 75 octets.
 */
export function buildIcs(input: IcsEventInput): string {
  const uid = assertText(input.uid, 'uid', true)!
  if (/[\r\n]/.test(uid)) throw invalidInput('uid', 'must be a single line', uid)
  if (!Number.isInteger(input.sequence) || input.sequence < 0) {
    throw invalidInput('sequence', 'must be a non-negative integer', input.sequence)
  }
  if (input.method !== 'REQUEST' && input.method !== 'CANCEL') {
    throw invalidInput('method', "must be 'REQUEST' or 'CANCEL'", input.method)
  }
  const summary = assertText(input.summary, 'summary', true)!
  const description = assertText(input.description, 'description', false)
  const location = assertText(input.location, 'location', false)
  const url = assertText(input.url, 'url', false)
  const stamp = parseInstant(input.dtstamp, 'dtstamp')

  const when: string[] = []
  const w = input.when
  if (w?.type === 'meeting') {
    const s = parseInstant(w.start, 'when.start')
    const e = parseInstant(w.end, 'when.end')
    if (e <= s) throw invalidInput('when.end', 'must be after when.start', w.end)
    when.push(`DTSTART:${utcStamp(s)}`, `DTEND:${utcStamp(e)}`)
  } else if (w?.type === 'allDay') {
    if (!isIsoDate(w.start)) throw invalidInput('when.start', 'must be a date YYYY-MM-DD', w.start)
    if (!isIsoDate(w.end)) throw invalidInput('when.end', 'must be a date YYYY-MM-DD', w.end)
    if (w.end < w.start) throw invalidInput('when.end', 'is before when.start', w.end)
    // DTEND of an all-day event is exclusive: a visit through 2026-06-26 ends on 20260627.
    when.push(
      `DTSTART;VALUE=DATE:${w.start.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${addDays(w.end, 1).replace(/-/g, '')}`,
    )
  } else {
    throw invalidInput(
      'when.type',
      "must be 'meeting' or 'allDay'",
      (w as { type?: unknown } | undefined)?.type,
    )
  }

  const attendees = input.attendees ?? []
  if (!Array.isArray(attendees)) throw invalidInput('attendees', 'must be an array', attendees)
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${PRODID}`,
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcStamp(stamp)}`,
    ...when,
    `SUMMARY:${escapeText(summary)}`,
    ...(description !== undefined ? [`DESCRIPTION:${escapeText(description)}`] : []),
    ...(location !== undefined ? [`LOCATION:${escapeText(location)}`] : []),
    ...(url !== undefined ? [`URL:${url.replace(/[\r\n]/g, '')}`] : []),
    person('ORGANIZER', input.organizer, 'organizer'),
    ...attendees.map((a, i) => {
      const rsvp = input.method === 'REQUEST' && a.rsvp !== false
      const extra = [
        `ROLE=${a.role ?? 'REQ-PARTICIPANT'}`,
        'PARTSTAT=NEEDS-ACTION',
        `RSVP=${rsvp ? 'TRUE' : 'FALSE'}`,
      ]
      return person('ATTENDEE', a, `attendees[${i}]`, extra)
    }),
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return `${lines.map(foldLine).join('\r\n')}\r\n`
}
