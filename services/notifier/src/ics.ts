import type { EventTime } from '@dj/queue'

export interface IcsEvent {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH'
  uid: string
  sequence: number
  title: string
  time: EventTime
  organizerEmail?: string
  attendeeEmail?: string
  url?: string
  /** DTSTAMP; pass the event's time of change so a re-sent copy is byte-identical. */
  stamp: Date
}

const CRLF = '\r\n'

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n')
}

function utc(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
}

function date(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '')
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 sequence. */
function fold(line: string): string {
  const out: string[] = []
  let current = ''
  let bytes = 0
  for (const ch of line) {
    const size = Buffer.byteLength(ch)
    if (bytes + size > (out.length === 0 ? 75 : 74)) {
      out.push(current)
      current = ''
      bytes = 0
    }
    current += ch
    bytes += size
  }
  out.push(current)
  return out.join(`${CRLF} `)
}

function nextDay(iso: string): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** A one-event iCalendar object; times in UTC, all-day visits as DATE values (end exclusive). */
export function buildIcs(e: IcsEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dueren-Jinhua Exchange//Notifier//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${e.uid}`,
    `SEQUENCE:${e.sequence}`,
    `DTSTAMP:${utc(e.stamp)}`,
  ]
  if (e.time.allDay) {
    lines.push(`DTSTART;VALUE=DATE:${date(e.time.start)}`, `DTEND;VALUE=DATE:${date(nextDay(e.time.end))}`)
  } else {
    lines.push(`DTSTART:${utc(new Date(e.time.start))}`, `DTEND:${utc(new Date(e.time.end))}`)
  }
  lines.push(`SUMMARY:${escapeText(e.title)}`)
  if (e.url) lines.push(`URL:${e.url}`)
  if (e.organizerEmail) lines.push(`ORGANIZER:mailto:${e.organizerEmail}`)
  if (e.attendeeEmail) lines.push(`ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:${e.attendeeEmail}`)
  lines.push(`STATUS:${e.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`, 'END:VEVENT', 'END:VCALENDAR')
  return lines.map(fold).join(CRLF) + CRLF
}
