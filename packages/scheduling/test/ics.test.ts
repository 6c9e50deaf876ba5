import t from 'tap'
import { parseIcs } from '../src/calendar/parse-ics.js'
import type { IcsEventInput } from '../src/ics.js'
import { buildIcs, escapeText, foldLine } from '../src/ics.js'

const octets = (s: string) => new TextEncoder().encode(s).length

const meeting: IcsEventInput = {
  uid: 'meeting-42@dj-exchange',
  sequence: 0,
  method: 'REQUEST',
  when: { type: 'meeting', start: '2026-03-30T09:00:00+02:00', end: '2026-03-30T10:00:00+02:00' },
  summary: 'Planung; Austausch, Düren–金华',
  description: 'Tagesordnung:\n1. Termine\n2. Gastfamilien\\Unterkunft',
  location: 'Video call',
  organizer: { email: 'officer@kreis-dueren.example', name: 'Austausch-Büro, Kreis Düren' },
  attendees: [
    { email: 'teacher@gym-dueren.example', name: 'Frau Schmitz' },
    { email: 'li@jinhua-school.example', name: '李老师', rsvp: false },
  ],
  dtstamp: '2026-03-01T12:00:00Z',
}

t.test('meeting invitation: RFC 5545 structure', async (t) => {
  const ics = buildIcs(meeting)
  t.ok(ics.endsWith('\r\n'))
  t.notOk(/[^\r]\n/.test(ics), 'every line ends in CRLF')
  const lines = ics.split('\r\n')
  t.equal(lines[0], 'BEGIN:VCALENDAR')
  t.ok(lines.includes('METHOD:REQUEST'))
  t.ok(lines.includes('UID:meeting-42@dj-exchange'))
  t.ok(lines.includes('SEQUENCE:0'))
  t.ok(lines.includes('DTSTAMP:20260301T120000Z'))
  t.ok(lines.includes('DTSTART:20260330T070000Z'), 'UTC')
  t.ok(lines.includes('DTEND:20260330T080000Z'))
  t.ok(lines.includes('SUMMARY:Planung\\; Austausch\\, Düren–金华'))
  t.ok(lines.includes('STATUS:CONFIRMED'))
  const unfolded = ics.replace(/\r\n /g, '')
  t.match(unfolded, 'ORGANIZER;CN="Austausch-Büro, Kreis Düren":mailto:officer@kreis-dueren.example')
  t.match(
    unfolded,
    'ATTENDEE;CN="李老师";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:li@jinhua-school.example',
  )
  t.match(unfolded, 'DESCRIPTION:Tagesordnung:\\n1. Termine\\n2. Gastfamilien\\\\Unterkunft')
  for (const l of lines) t.ok(octets(l) <= 75, `≤ 75 octets: ${l.slice(0, 30)}`)
})

t.test('round trip through the ICS reader', async (t) => {
  const parsed = parseIcs(buildIcs(meeting))
  t.equal(parsed.method, 'REQUEST')
  const ev = parsed.events[0]!
  t.equal(ev.uid, meeting.uid)
  t.equal(ev.sequence, 0)
  t.equal(ev.summary, meeting.summary)
  t.equal(ev.description, meeting.description)
  t.equal(ev.location, 'Video call')
  t.strictSame(ev.start, { type: 'instant', instant: '2026-03-30T07:00:00.000Z' })
  t.strictSame(ev.end, { type: 'instant', instant: '2026-03-30T08:00:00.000Z' })

  const visit = buildIcs({
    ...meeting,
    uid: 'visit-7@dj-exchange',
    sequence: 2,
    method: 'CANCEL',
    when: { type: 'allDay', start: '2026-06-22', end: '2026-07-01' },
    summary: '金华第一中学访问迪伦',
  })
  const v = parseIcs(visit)
  t.equal(v.method, 'CANCEL')
  t.equal(v.events[0]!.status, 'CANCELLED')
  t.equal(v.events[0]!.sequence, 2)
  t.strictSame(v.events[0]!.start, { type: 'date', date: '2026-06-22' })
  t.strictSame(v.events[0]!.end, { type: 'date', date: '2026-07-02' }, 'DTEND exclusive')
  t.match(visit, 'DTSTART;VALUE=DATE:20260622\r\n')
  t.match(visit, 'DTEND;VALUE=DATE:20260702\r\n')
})

t.test('folding long Chinese lines at 75 octets without splitting characters', async (t) => {
  const summary =
    '德国迪伦县与中国金华市学校交流项目：二零二六年春季访问团行程安排、住宿家庭分配以及接送机时间确认'
  const ics = buildIcs({ ...meeting, summary, description: summary.repeat(3) })
  const lines = ics.split('\r\n')
  const summaryLines: string[] = []
  let i = lines.findIndex((l) => l.startsWith('SUMMARY:'))
  summaryLines.push(lines[i]!)
  while (lines[++i]?.startsWith(' ')) summaryLines.push(lines[i]!)
  t.ok(summaryLines.length >= 3, 'long line was folded')
  for (const l of summaryLines) {
    t.ok(octets(l) <= 75, `${octets(l)} octets`)
    t.notOk(l.includes('\uFFFD'), 'no broken character')
  }
  t.ok(octets(summaryLines[0]!) > 72, 'folds use the available width (3-byte chars)')
  t.equal(parseIcs(ics).events[0]!.summary, summary, 'unfolds back to the original')
  t.equal(parseIcs(ics).events[0]!.description, summary.repeat(3))

  const emoji = foldLine(`X:${'😀'.repeat(40)}`)
  for (const l of emoji.split('\r\n')) t.ok(octets(l) <= 75 && !l.includes('\uFFFD'))
  t.equal(foldLine('SHORT:x'), 'SHORT:x')
  t.equal(foldLine('A'.repeat(75)), 'A'.repeat(75), 'exactly 75 octets: no fold')
  t.equal(foldLine('A'.repeat(76)), `${'A'.repeat(75)}\r\n A`)
})

t.test('escaping and bad input', async (t) => {
  t.equal(escapeText('a,b;c\\d\r\ne\nf'), 'a\\,b\\;c\\\\d\\ne\\nf')
  t.throws(() => buildIcs({ ...meeting, uid: '' }), { code: 'SCHED_INVALID_INPUT', field: 'uid' })
  t.throws(() => buildIcs({ ...meeting, sequence: -1 }), { code: 'SCHED_INVALID_INPUT', field: 'sequence' })
  t.throws(() => buildIcs({ ...meeting, method: 'PUBLISH' as never }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'method',
  })
  t.throws(() => buildIcs({ ...meeting, organizer: { email: 'nobody' } }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'organizer.email',
  })
  t.throws(() => buildIcs({ ...meeting, attendees: [{ email: 'x@y.example' }, { email: 'a b@c.de' }] }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'attendees[1].email',
  })
  t.throws(
    () =>
      buildIcs({
        ...meeting,
        when: { type: 'meeting', start: '2026-03-30T10:00:00Z', end: '2026-03-30T09:00:00Z' },
      }),
    { code: 'SCHED_INVALID_INPUT', field: 'when.end' },
  )
  t.throws(() => buildIcs({ ...meeting, when: { type: 'allDay', start: '2026-06-31', end: '2026-07-01' } }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'when.start',
  })
  t.throws(() => buildIcs({ ...meeting, dtstamp: 'yesterday' }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'dtstamp',
  })
})
