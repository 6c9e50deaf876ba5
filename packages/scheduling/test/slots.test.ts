import t from 'tap'
import { weekdayHours } from '../src/availability.js'
import { loadBuiltinCalendars } from '../src/calendar/builtin.js'
import type { Participant, SlotRequest } from '../src/slots.js'
import { findMeetingSlots } from '../src/slots.js'

const cal = loadBuiltinCalendars()
const duren: Participant = {
  id: 'duren',
  timeZone: 'Europe/Berlin',
  workingHours: weekdayHours('08:00', '16:00'),
  calendars: [cal.deNwPublic],
}
const jinhua: Participant = {
  id: 'jinhua',
  timeZone: 'Asia/Shanghai',
  workingHours: weekdayHours('08:00', '16:00'),
  calendars: [cal.cnPublic],
}

t.test('09:00 Berlin maps to the right UTC instant on both sides of the DST changes', async (t) => {
  // Someone available 09:00–10:00 every day: the only 60-minute slot per day starts at 09:00 local.
  const nine: Participant = {
    id: 'berlin',
    timeZone: 'Europe/Berlin',
    workingHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '09:00', end: '10:00' }]]),
    ),
    reachableHours: { start: '09:00', end: '10:00' },
  }
  const spring = findMeetingSlots({
    participants: [nine],
    slotMinutes: 60,
    granularityMinutes: 15,
    range: { start: '2026-03-28', end: '2026-03-30', timeZone: 'Europe/Berlin' },
    count: 10,
    prefer: 'earliest',
  })
  t.strictSame(
    spring.slots.map((s) => [s.start, s.participants[0]!.localStart, s.participants[0]!.utcOffset]),
    [
      ['2026-03-28T08:00:00.000Z', '2026-03-28T09:00', '+01:00'],
      ['2026-03-29T07:00:00.000Z', '2026-03-29T09:00', '+02:00'],
      ['2026-03-30T07:00:00.000Z', '2026-03-30T09:00', '+02:00'],
    ],
  )
  const autumn = findMeetingSlots({
    participants: [nine],
    slotMinutes: 60,
    granularityMinutes: 15,
    range: { start: '2026-10-24', end: '2026-10-26', timeZone: 'Europe/Berlin' },
    count: 10,
    prefer: 'earliest',
  })
  t.strictSame(
    autumn.slots.map((s) => [s.start, s.participants[0]!.localStart, s.participants[0]!.utcOffset]),
    [
      ['2026-10-24T07:00:00.000Z', '2026-10-24T09:00', '+02:00'],
      ['2026-10-25T08:00:00.000Z', '2026-10-25T09:00', '+01:00'],
      ['2026-10-26T08:00:00.000Z', '2026-10-26T09:00', '+01:00'],
    ],
  )
})

t.test('no slot is produced in the non-existent hour 02:00–03:00 of 2026-03-29', async (t) => {
  const nightOwl: Participant = {
    id: 'owl',
    timeZone: 'Europe/Berlin',
    workingHours: { sun: [{ start: '01:00', end: '04:00' }] },
    reachableHours: { start: '01:00', end: '04:00' },
  }
  const res = findMeetingSlots({
    participants: [nightOwl],
    slotMinutes: 30,
    granularityMinutes: 15,
    range: { start: '2026-03-29', end: '2026-03-29', timeZone: 'Europe/Berlin' },
    count: 100,
    prefer: 'earliest',
  })
  const starts = res.slots.map((s) => s.participants[0]!.localStart.slice(11))
  // 01:00–02:00 and 03:00–04:00 exist (two real hours): 01:00 .. 01:30 and 03:00 .. 03:30, 01:45 straddles the gap.
  t.strictSame(starts, ['01:00', '01:15', '01:30', '01:45', '03:00', '03:15', '03:30'])
  t.notOk(
    starts.some((s) => s.startsWith('02:')),
    'no local start in the skipped hour',
  )
  const straddle = res.slots.find((s) => s.participants[0]!.localStart.endsWith('01:45'))!
  t.equal(straddle.participants[0]!.localEnd, '2026-03-29T03:15', '30 real minutes across the jump')
  for (const s of res.slots) t.equal(Date.parse(s.end) - Date.parse(s.start), 30 * 60_000)
})

t.test('Spring Festival 2026: make-up Saturdays are worked, the holiday is not', async (t) => {
  const res = findMeetingSlots({
    participants: [jinhua],
    slotMinutes: 60,
    granularityMinutes: 60,
    range: { start: '2026-02-13', end: '2026-03-01', timeZone: 'Asia/Shanghai' },
    count: 1000,
    prefer: 'earliest',
  })
  const insideDays = new Set(
    res.slots.filter((s) => s.allInsideWorkingHours).map((s) => s.participants[0]!.localStart.slice(0, 10)),
  )
  const anyDays = new Set(res.slots.map((s) => s.participants[0]!.localStart.slice(0, 10)))
  t.ok(insideDays.has('2026-02-14'), 'Sat 14 Feb is a working day')
  t.ok(insideDays.has('2026-02-28'), 'Sat 28 Feb is a working day')
  t.ok(insideDays.has('2026-02-13') && insideDays.has('2026-02-24'), 'ordinary weekdays around the break')
  for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23']) {
    t.notOk(anyDays.has(d), `${d} is a day off: no slot at all`)
  }
  t.notOk(
    insideDays.has('2026-02-07') || insideDays.has('2026-03-01'),
    'an ordinary Sunday is not a working day',
  )
  const sat = res.slots.find((s) => s.participants[0]!.localStart === '2026-02-14T09:00')!
  t.equal(sat.participants[0]!.makeupWorkday, true)
  t.equal(sat.participants[0]!.insideWorkingHours, true)

  const both = findMeetingSlots({
    participants: [duren, jinhua],
    slotMinutes: 30,
    range: { start: '2026-02-09', end: '2026-03-06', timeZone: 'Europe/Berlin' },
    count: 100,
  })
  const bothDays = new Set(both.slots.filter((s) => s.allInsideWorkingHours).map((s) => s.start.slice(0, 10)))
  t.notOk(bothDays.has('2026-02-16'), 'no joint slot on 16 Feb (Spring Festival)')
  t.ok(bothDays.has('2026-02-13') && bothDays.has('2026-02-24'))
  for (const s of both.slots.filter((x) => x.allInsideWorkingHours)) {
    t.equal(s.participants[0]!.localStart.slice(11, 13), '08', 'winter overlap: 08:xx Berlin = 15:xx Jinhua')
  }
  t.strictSame(both.coverageGaps, [])
})

t.test('ranking: inside working hours first, then fewer minutes outside', async (t) => {
  const res = findMeetingSlots({
    participants: [duren, jinhua],
    slotMinutes: 60,
    granularityMinutes: 30,
    range: { start: '2026-04-13', end: '2026-04-17', timeZone: 'Europe/Berlin' },
    count: 30,
  })
  // Summer time: Berlin is UTC+2, Jinhua UTC+8, so 08:00–10:00 Berlin = 14:00–16:00 Jinhua.
  // The three inside slots of a day are equally far from both cores (sum 360 min): earliest wins.
  const first = res.slots[0]!
  t.equal(first.allInsideWorkingHours, true)
  t.equal(first.coreDistanceMinutes, 360)
  t.equal(first.participants[0]!.localStart, '2026-04-13T08:00')
  t.equal(first.participants[1]!.localStart, '2026-04-13T14:00')
  const insideCount = res.slots.filter((s) => s.allInsideWorkingHours).length
  t.equal(insideCount, 15, 'three one-hour slots in the two-hour overlap on each of five days')
  t.ok(res.slots.slice(0, insideCount).every((s) => s.allInsideWorkingHours))
  t.ok(
    res.slots.slice(insideCount).every((s) => !s.allInsideWorkingHours && s.minutesOutsideWorkingHours > 0),
  )
  for (let i = 1; i < res.slots.length; i++) {
    t.ok(res.slots[i - 1]!.minutesOutsideWorkingHours <= res.slots[i]!.minutesOutsideWorkingHours)
  }
})

t.test("prefer 'convenient' picks the middle of the working day, 'earliest' the start", async (t) => {
  const req: SlotRequest = {
    participants: [duren],
    slotMinutes: 60,
    range: { start: '2026-04-13', end: '2026-04-14', timeZone: 'Europe/Berlin' },
    count: 3,
  }
  const convenient = findMeetingSlots(req).slots.map((s) => s.participants[0]!.localStart)
  t.strictSame(convenient, ['2026-04-13T11:30', '2026-04-14T11:30', '2026-04-13T11:00'])
  const earliest = findMeetingSlots({ ...req, prefer: 'earliest' }).slots.map(
    (s) => s.participants[0]!.localStart,
  )
  t.strictSame(earliest, ['2026-04-13T08:00', '2026-04-13T08:30', '2026-04-13T09:00'])
})

t.test('blocked dates and public holidays remove whole local days', async (t) => {
  const res = findMeetingSlots({
    participants: [
      { ...duren, blockedDates: ['2026-04-14', { start: '2026-04-16', end: '2026-04-16' }] },
      jinhua,
    ],
    slotMinutes: 30,
    range: { start: '2026-04-13', end: '2026-04-17', timeZone: 'Europe/Berlin' },
    count: 200,
  })
  const days = new Set(res.slots.map((s) => s.participants[0]!.localStart.slice(0, 10)))
  t.strictSame([...days].sort(), ['2026-04-13', '2026-04-15', '2026-04-17'])
  const easter = findMeetingSlots({
    participants: [duren, jinhua],
    slotMinutes: 30,
    range: { start: '2026-04-03', end: '2026-04-07', timeZone: 'Europe/Berlin' },
    count: 200,
  })
  const easterDays = new Set(easter.slots.map((s) => s.participants[0]!.localStart.slice(0, 10)))
  t.notOk(easterDays.has('2026-04-03'), 'Good Friday')
  t.notOk(easterDays.has('2026-04-06'), 'Easter Monday')
  t.notOk(easterDays.has('2026-04-04'), 'Qingming in China (Sat 4 Apr)')
  t.ok(easterDays.has('2026-04-07'))
})

t.test('coverage gap reported for 2027 in China', async (t) => {
  const res = findMeetingSlots({
    participants: [duren, jinhua],
    slotMinutes: 30,
    range: { start: '2026-12-28', end: '2027-01-08', timeZone: 'Europe/Berlin' },
  })
  t.strictSame(res.coverageGaps, [
    { participantId: 'jinhua', calendarId: 'cn-public', gaps: [{ start: '2027-01-01', end: '2027-01-09' }] },
  ])
})

t.test('bad input: coded errors naming the field', async (t) => {
  const base: SlotRequest = {
    participants: [duren, jinhua],
    slotMinutes: 60,
    range: { start: '2026-04-13T00:00:00Z', end: '2026-04-14T00:00:00Z' },
  }
  const cases: [string, SlotRequest][] = [
    ['participants[1].timeZone', { ...base, participants: [duren, { ...jinhua, timeZone: 'China/Jinhua' }] }],
    ['range.end', { ...base, range: { start: '2026-04-14T00:00:00Z', end: '2026-04-13T00:00:00Z' } }],
    ['slotMinutes', { ...base, range: { start: '2026-04-13T00:00:00Z', end: '2026-04-13T00:30:00Z' } }],
    ['slotMinutes', { ...base, slotMinutes: 0 }],
    ['granularityMinutes', { ...base, granularityMinutes: 7.5 }],
    ['count', { ...base, count: 0 }],
    ['range.start', { ...base, range: { start: 'tomorrow', end: '2026-04-14T00:00:00Z' } }],
    [
      'range.timeZone',
      { ...base, range: { start: '2026-04-13', end: '2026-04-14', timeZone: 'Mars/Olympus' } },
    ],
    ['participants', { ...base, participants: [] }],
    [
      'participants[0].workingHours.mon[0].end',
      { ...base, participants: [{ ...duren, workingHours: { mon: [{ start: '16:00', end: '08:00' }] } }] },
    ],
    [
      'participants[0].workingHours.monday',
      { ...base, participants: [{ ...duren, workingHours: { monday: [] } as never }] },
    ],
    [
      'participants[0].blockedDates[0]',
      { ...base, participants: [{ ...duren, blockedDates: ['2026-13-01'] }] },
    ],
    ['participants[1].id', { ...base, participants: [duren, { ...jinhua, id: 'duren' }] }],
  ]
  for (const [field, req] of cases) {
    t.throws(() => findMeetingSlots(req), { code: 'SCHED_INVALID_INPUT', field }, field)
  }
})

t.test('working hours that start inside the skipped hour start at the transition', async (t) => {
  const early: Participant = {
    id: 'early',
    timeZone: 'Europe/Berlin',
    workingHours: { sun: [{ start: '02:30', end: '05:00' }] },
    reachableHours: { start: '00:00', end: '24:00' },
  }
  const res = findMeetingSlots({
    participants: [early],
    slotMinutes: 30,
    granularityMinutes: 30,
    range: { start: '2026-03-29T00:00:00Z', end: '2026-03-29T04:00:00Z' },
    count: 20,
    prefer: 'earliest',
  })
  const inside = res.slots
    .filter((s) => s.allInsideWorkingHours)
    .map((s) => s.participants[0]!.localStart.slice(11))
  // 02:30 does not exist that night; at 03:00 CEST it is already past 02:30, so work has begun.
  t.strictSame(inside, ['03:00', '03:30', '04:00', '04:30'])
})
