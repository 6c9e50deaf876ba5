import type { IsoDate } from '../date.js'
import { addDays, fromDayNumber, isIsoDate, toDayNumber } from '../date.js'
import { SchedulingError } from '../errors.js'
import { isValidTimeZone, localDate, localToInstant } from '../tz.js'
import type { CalendarEntry, EntryKind } from './model.js'
import { guessName } from './names.js'

/** A DTSTART/DTEND value: an all-day date, an absolute instant, or a floating local time. */
export type IcsTime =
  | { type: 'date'; date: IsoDate }
  | { type: 'instant'; instant: string }
  | { type: 'floating'; date: IsoDate; minuteOfDay: number }

export interface IcsEvent {
  uid?: string
  summary?: string
  description?: string
  location?: string
  status?: string
  sequence?: number
  start: IcsTime
  /** Exclusive end as written (or derived from DURATION); absent when the event gave neither. */
  end?: IcsTime
  /** Line where BEGIN:VEVENT stands. */
  line: number
}

export interface IcsCalendar {
  method?: string
  prodId?: string
  events: IcsEvent[]
}

export interface ContentLine {
  name: string
  params: Record<string, string>
  value: string
  line: number
}

function fail(message: string, line: number): SchedulingError {
  return new SchedulingError('SCHED_PARSE_ICS', message, { line })
}

/** RFC 5545 §3.1: a CRLF followed by one space or tab is a fold and is removed. */
export function unfoldLines(text: string): { line: number; text: string }[] {
  const physical = text.split(/\r?\n/)
  const out: { line: number; text: string }[] = []
  physical.forEach((raw, i) => {
    const first = raw.charCodeAt(0)
    const last = out[out.length - 1]
    if ((first === 0x20 || first === 0x09) && last) last.text += raw.slice(1)
    else out.push({ line: i + 1, text: raw })
  })
  return out.filter((l) => l.text !== '')
}

export function parseContentLine(text: string, line: number): ContentLine {
  let i = 0
  while (i < text.length && text[i] !== ';' && text[i] !== ':') i++
  const name = text.slice(0, i).toUpperCase()
  if (name === '' || !/^[A-Z0-9-]+$/.test(name))
    throw fail(`invalid property name in "${text.slice(0, 40)}"`, line)
  const params: Record<string, string> = {}
  while (text[i] === ';') {
    i++
    const eq = text.indexOf('=', i)
    if (eq < 0) throw fail(`parameter without "=" in ${name}`, line)
    const pname = text.slice(i, eq).toUpperCase()
    i = eq + 1
    let pvalue = ''
    // Parameter values may be quoted and then contain ';' ':' ',' (RFC 5545 §3.1).
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1)
      if (close < 0) throw fail(`unterminated quoted parameter ${pname}`, line)
      pvalue = text.slice(i + 1, close)
      i = close + 1
    } else {
      const start = i
      while (i < text.length && text[i] !== ';' && text[i] !== ':') i++
      pvalue = text.slice(start, i)
    }
    params[pname] = pvalue
  }
  if (text[i] !== ':') throw fail(`missing ":" after ${name}`, line)
  return { name, params, value: text.slice(i + 1), line }
}

/** Undoes TEXT escaping: \\n and \\N are newlines, \\, \\; \\\\ are literals. */
export function unescapeText(value: string): string {
  let out = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i]
    if (c === '\\' && i + 1 < value.length) {
      const n = value[++i]
      out += n === 'n' || n === 'N' ? '\n' : n
    } else {
      out += c
    }
  }
  return out
}

const DATE_RE = /^(\d{4})(\d{2})(\d{2})$/
const DATETIME_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/

function parseTime(cl: ContentLine): IcsTime {
  const v = cl.value.trim()
  const d = DATE_RE.exec(v)
  if (d) {
    const date = `${d[1]}-${d[2]}-${d[3]}`
    if (!isIsoDate(date)) throw fail(`${cl.name} has an invalid date "${v}"`, cl.line)
    return { type: 'date', date }
  }
  if (cl.params['VALUE']?.toUpperCase() === 'DATE')
    throw fail(`${cl.name};VALUE=DATE needs YYYYMMDD, got "${v}"`, cl.line)
  const m = DATETIME_RE.exec(v)
  if (!m) throw fail(`${cl.name} is neither a DATE nor a DATE-TIME: "${v}"`, cl.line)
  const date = `${m[1]}-${m[2]}-${m[3]}`
  const h = Number(m[4])
  const min = Number(m[5])
  const s = Number(m[6])
  if (!isIsoDate(date) || h > 23 || min > 59 || s > 60)
    throw fail(`${cl.name} has an invalid date-time "${v}"`, cl.line)
  const minuteOfDay = h * 60 + min
  if (m[7] === 'Z') {
    const ms = toDayNumber(date) * 86_400_000 + minuteOfDay * 60_000 + s * 1000
    return { type: 'instant', instant: new Date(ms).toISOString() }
  }
  const tzid = cl.params['TZID']
  if (tzid !== undefined) {
    // Custom VTIMEZONE ids (e.g. "W. Europe Standard Time") are not resolved: only IANA names.
    if (!isValidTimeZone(tzid)) throw fail(`${cl.name} TZID "${tzid}" is not an IANA time zone`, cl.line)
    const ms = localToInstant(date, minuteOfDay, tzid, 'later')! + s * 1000
    return { type: 'instant', instant: new Date(ms).toISOString() }
  }
  return { type: 'floating', date, minuteOfDay }
}

const DURATION_RE = /^([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/

function addDuration(start: IcsTime, cl: ContentLine): IcsTime {
  const m = DURATION_RE.exec(cl.value.trim())
  if (!m || m[1] === '-' || cl.value.trim() === 'P' || cl.value.trim().endsWith('T')) {
    throw fail(`DURATION "${cl.value}" is not a positive RFC 5545 duration`, cl.line)
  }
  const days = Number(m[2] ?? 0) * 7 + Number(m[3] ?? 0)
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0)
  if (start.type === 'date') {
    if (seconds !== 0) throw fail('DURATION of an all-day event must be whole days', cl.line)
    return { type: 'date', date: addDays(start.date, days) }
  }
  if (start.type === 'instant') {
    const ms = Date.parse(start.instant) + days * 86_400_000 + seconds * 1000
    return { type: 'instant', instant: new Date(ms).toISOString() }
  }
  const total = start.minuteOfDay + days * 1440 + Math.floor(seconds / 60)
  const dayNo = toDayNumber(start.date) + Math.floor(total / 1440)
  return { type: 'floating', date: fromDayNumber(dayNo), minuteOfDay: total % 1440 }
}

/**
 * A deliberately small ICS reader: VCALENDAR/VEVENT structure, line unfolding, DTSTART/DTEND (DATE,
 * UTC, TZID with IANA names, floating), DURATION, SUMMARY, DESCRIPTION, LOCATION, UID, SEQUENCE,
 * STATUS, METHOD. RRULE is not expanded; such events are returned as their first occurrence only.
 */
export function parseIcs(text: string): IcsCalendar {
  const lines = unfoldLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  const first = lines[0]
  if (first?.text.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw fail('expected BEGIN:VCALENDAR', first?.line ?? 1)
  }
  const cal: IcsCalendar = { events: [] }
  const stack: { name: string; line: number }[] = []
  let event: { line: number; props: ContentLine[] } | undefined
  let closed = false

  for (const l of lines) {
    if (closed) throw fail('content after END:VCALENDAR', l.line)
    const cl = parseContentLine(l.text, l.line)
    if (cl.name === 'BEGIN') {
      const comp = cl.value.trim().toUpperCase()
      if (stack.length === 0 && comp !== 'VCALENDAR') throw fail('expected BEGIN:VCALENDAR', l.line)
      stack.push({ name: comp, line: l.line })
      if (comp === 'VEVENT') {
        if (stack.length !== 2) throw fail('VEVENT must sit directly inside VCALENDAR', l.line)
        event = { line: l.line, props: [] }
      }
      continue
    }
    if (cl.name === 'END') {
      const comp = cl.value.trim().toUpperCase()
      const top = stack.pop()
      if (!top || top.name !== comp) {
        throw fail(`END:${comp} does not match BEGIN:${top?.name ?? '(none)'}`, l.line)
      }
      if (comp === 'VEVENT' && event) {
        cal.events.push(buildEvent(event.props, event.line))
        event = undefined
      }
      if (stack.length === 0) closed = true
      continue
    }
    const top = stack[stack.length - 1]
    if (top?.name === 'VEVENT' && event) event.props.push(cl)
    else if (top?.name === 'VCALENDAR' && stack.length === 1) {
      if (cl.name === 'METHOD') cal.method = cl.value.trim()
      if (cl.name === 'PRODID') cal.prodId = cl.value
    }
  }
  const open = stack[stack.length - 1]
  if (open) throw fail(`BEGIN:${open.name} is never closed`, open.line)
  return cal
}

function buildEvent(props: ContentLine[], line: number): IcsEvent {
  const one = (name: string): ContentLine | undefined => {
    const found = props.filter((p) => p.name === name)
    if (found.length > 1) throw fail(`${name} appears more than once in VEVENT`, found[1]!.line)
    return found[0]
  }
  const dtstart = one('DTSTART')
  if (!dtstart) throw fail('VEVENT without DTSTART', line)
  const start = parseTime(dtstart)
  const ev: IcsEvent = { start, line }
  const dtend = one('DTEND')
  const duration = one('DURATION')
  if (dtend && duration) throw fail('VEVENT has both DTEND and DURATION', duration.line)
  if (dtend) {
    const end = parseTime(dtend)
    if (end.type !== start.type)
      throw fail('DTEND and DTSTART must both be dates or both date-times', dtend.line)
    if (compareTimes(end, start) < 0) throw fail('DTEND is before DTSTART', dtend.line)
    ev.end = end
  } else if (duration) {
    ev.end = addDuration(start, duration)
  }
  const uid = one('UID')
  if (uid) ev.uid = uid.value
  const summary = one('SUMMARY')
  if (summary) ev.summary = unescapeText(summary.value)
  const description = one('DESCRIPTION')
  if (description) ev.description = unescapeText(description.value)
  const location = one('LOCATION')
  if (location) ev.location = unescapeText(location.value)
  const status = one('STATUS')
  if (status) ev.status = status.value.trim().toUpperCase()
  const sequence = one('SEQUENCE')
  if (sequence) {
    if (!/^\d+$/.test(sequence.value.trim()))
      throw fail('SEQUENCE must be a non-negative integer', sequence.line)
    ev.sequence = Number(sequence.value.trim())
  }
  return ev
}

function timeKey(t: IcsTime): string {
  if (t.type === 'date') return t.date
  if (t.type === 'instant') return t.instant
  return `${t.date}T${String(t.minuteOfDay).padStart(4, '0')}`
}

function compareTimes(a: IcsTime, b: IcsTime): number {
  const ka = timeKey(a)
  const kb = timeKey(b)
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

export interface IcsToEntriesOptions {
  kind: EntryKind
  /** Zone used to turn timed events into the local dates they touch (default UTC). */
  timeZone?: string
  /** Language for SUMMARY text without Han script (default 'de'). */
  nameLang?: 'de' | 'en'
}

/** Civil-date entries covering each event: all-day DTEND is exclusive, so 20260214–20260216 is two days. */
export function icsEventsToEntries(
  events: readonly IcsEvent[],
  options: IcsToEntriesOptions,
): CalendarEntry[] {
  const tz = options.timeZone ?? 'UTC'
  const dateOf = (t: IcsTime, isEnd: boolean): IsoDate => {
    if (t.type === 'date') return isEnd ? addDays(t.date, -1) : t.date
    if (t.type === 'floating') {
      return isEnd && t.minuteOfDay === 0 ? addDays(t.date, -1) : t.date
    }
    // An end instant is exclusive: a meeting ending at local midnight does not touch the next day.
    return localDate(Date.parse(t.instant) - (isEnd ? 1 : 0), tz)
  }
  return events.map((ev) => {
    const start = dateOf(ev.start, false)
    let end = ev.end ? dateOf(ev.end, true) : start
    if (end < start) end = start
    const name = ev.summary ? guessName(ev.summary, options.nameLang ?? 'de') : {}
    return { start, end, kind: options.kind, name, source: `ics:${ev.uid ?? `line ${ev.line}`}` }
  })
}
