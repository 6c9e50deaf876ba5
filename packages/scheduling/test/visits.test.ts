import t from 'tap'
import { loadBuiltinCalendars } from '../src/calendar/builtin.js'
import type { Calendar } from '../src/calendar/model.js'
import { makeCalendar } from '../src/calendar/model.js'
import { parseImportCsv } from '../src/calendar/parse-import-csv.js'
import type { Institution, VisitRequest } from '../src/visits.js'
import { chinaTravelPeaks, findVisitWindows } from '../src/visits.js'

const cal = loadBuiltinCalendars()
const own = (id: string, csv: string): Calendar => makeCalendar(id, parseImportCsv(csv), [])

const durenSchool: Institution = {
  id: 'gym-dueren',
  side: 'de',
  kind: 'school',
  calendars: [cal.deNwPublic, cal.deNwSchool],
}
const jinhuaSchool: Institution = { id: 'jinhua-no1', side: 'cn', kind: 'school', calendars: [cal.cnPublic] }

t.test('NRW summer holidays 2026 block a visit to a Düren school', async (t) => {
  const res = findVisitWindows({
    host: durenSchool,
    travellers: { ...jinhuaSchool, travelPolicy: 'any' },
    days: 10,
    range: { start: '2026-07-06', end: '2026-09-20' },
    chinaCalendar: cal.cnPublic,
    count: 100,
  })
  const accepted = res.windows.map((w) => w.start)
  t.ok(accepted.includes('2026-07-10'), 'Fri 10 Jul – Sun 19 Jul ends before the holidays (Mon 20 Jul)')
  t.notOk(accepted.includes('2026-07-11'), 'ending Mon 20 Jul is rejected')
  t.ok(
    accepted.every((s) => s <= '2026-07-10' || s >= '2026-09-02'),
    'nothing accepted that has a weekday in 20 Jul – 1 Sep',
  )
  t.ok(accepted.includes('2026-09-02'), 'term restarts Wed 2 Sep')
  t.notOk(accepted.includes('2026-08-31'), 'Mon 31 Aug and Tue 1 Sep are still holidays')
  t.notOk(accepted.includes('2026-08-29'), 'a Saturday arrival would still cover Mon 31 Aug')
  t.ok(accepted.includes('2026-07-04') === false && accepted.includes('2026-07-06'), 'range start respected')
  const rejected = res.rejected.find((r) => r.start === '2026-07-20')!
  t.strictSame(rejected, {
    start: '2026-07-20',
    end: '2026-07-29',
    reasons: [
      {
        code: 'HOST_SCHOOL_HOLIDAY',
        severity: 'reject',
        date: '2026-07-20',
        endDate: '2026-07-24',
        name: { de: 'Sommerferien', en: 'Summer Holidays' },
      },
      {
        code: 'HOST_SCHOOL_HOLIDAY',
        severity: 'reject',
        date: '2026-07-27',
        endDate: '2026-07-29',
        name: { de: 'Sommerferien', en: 'Summer Holidays' },
      },
    ],
  })
})

t.test("an institution's own blackout rejects a window, with the reason", async (t) => {
  const club: Institution = {
    id: 'tt-club-dueren',
    side: 'de',
    kind: 'club',
    calendars: [own('tt-club-dueren-own', '2026-05-09;2026-05-10;blackout;Vereinsmeisterschaft')],
  }
  const res = findVisitWindows({
    host: club,
    travellers: { id: 'jinhua-tt', side: 'cn', kind: 'club', calendars: [cal.cnPublic] },
    days: 5,
    range: { start: '2026-05-04', end: '2026-05-17' },
    chinaCalendar: cal.cnPublic,
    count: 20,
  })
  const starts = res.windows.map((w) => w.start)
  t.strictSame(starts, ['2026-05-04', '2026-05-11', '2026-05-12', '2026-05-13'])
  const r = res.rejected.find((x) => x.start === '2026-05-06')!
  t.strictSame(r.reasons, [
    {
      code: 'HOST_BLACKOUT',
      severity: 'reject',
      date: '2026-05-09',
      endDate: '2026-05-10',
      name: { de: 'Vereinsmeisterschaft' },
    },
  ])
  t.strictSame(
    res.rejected.map((x) => x.start),
    ['2026-05-05', '2026-05-06', '2026-05-07', '2026-05-08', '2026-05-09', '2026-05-10'],
    'every 5-day window touching 9–10 May',
  )
  t.equal(res.windows[0]!.hostOpenDays, 5, 'Mon–Fri without closure')
})

t.test('travellers: exams and holidays_only policy', async (t) => {
  // A Jinhua school group travelling in its winter break (entered by the school: no public source has it).
  const winter = own(
    'jinhua-no1-own',
    ['2026-01-24;2026-03-01;school_holiday;寒假', '2026-01-19;2026-01-23;exam;期末考试'].join('\n'),
  )
  const travellers: Institution = {
    ...jinhuaSchool,
    calendars: [cal.cnPublic, winter],
    travelPolicy: 'holidays_only',
  }
  const res = findVisitWindows({
    host: durenSchool,
    travellers,
    days: 10,
    range: { start: '2026-01-15', end: '2026-03-15' },
    chinaCalendar: cal.cnPublic,
    count: 50,
  })
  const starts = res.windows.map((w) => w.start).sort()
  // Feasible: inside the break, both travel days outside the Spring Festival peak 12–26 Feb (±3 days).
  t.strictSame(starts, [
    '2026-01-24',
    '2026-01-25',
    '2026-01-26',
    '2026-01-27',
    '2026-01-28',
    '2026-01-29',
    '2026-01-30',
    '2026-01-31',
    '2026-02-01',
    '2026-02-02',
  ])
  t.equal(res.windows[0]!.start, '2026-01-26', 'ranked: most host school days, then earliest')
  t.equal(res.windows[0]!.hostOpenDays, 8)
  const examWindow = res.rejected.find((r) => r.start === '2026-01-20')!
  t.match(examWindow.reasons, [
    { code: 'TRAVELLER_EXAM', date: '2026-01-20', endDate: '2026-01-23', name: { zh: '期末考试' } },
  ])
  const springFestival = res.rejected.find((r) => r.start === '2026-02-10')!
  t.match(springFestival.reasons, [
    { code: 'TRAVEL_PEAK_SPRING_FESTIVAL', date: '2026-02-19', name: { zh: '春节' } },
  ])
  const termTime = res.rejected.find((r) => r.start === '2026-02-27')!
  t.match(termTime.reasons, [{ code: 'TRAVELLER_TERM_TIME', date: '2026-03-02', endDate: '2026-03-06' }])

  const term = findVisitWindows({
    host: durenSchool,
    travellers: { ...travellers, travelPolicy: 'term_only' },
    days: 5,
    range: { start: '2026-03-02', end: '2026-03-10' },
    chinaCalendar: cal.cnPublic,
  })
  t.equal(term.rejected.length, 0, 'term_only: March is term time in Jinhua')
  t.equal(term.windows.length, 5)
})

t.test('Golden Week: no arrival or departure in the travel peak', async (t) => {
  const req: VisitRequest = {
    host: { id: 'jinhua-club', side: 'cn', kind: 'club', calendars: [cal.cnPublic] },
    travellers: { id: 'dueren-club', side: 'de', kind: 'club', calendars: [cal.deNwPublic] },
    days: 5,
    range: { start: '2026-09-20', end: '2026-10-20' },
    chinaCalendar: cal.cnPublic,
    count: 100,
  }
  const res = findVisitWindows(req)
  const peak = res.peaks.find((p) => p.kind === 'golden_week' && p.holiday.start === '2026-10-01')!
  t.strictSame(peak.holiday, { start: '2026-10-01', end: '2026-10-07' })
  t.strictSame(peak.peak, { start: '2026-09-28', end: '2026-10-10' })
  for (const w of res.windows) {
    t.ok(w.start < '2026-09-28' || w.start > '2026-10-10', `start ${w.start} outside peak`)
    t.ok(w.end < '2026-09-28' || w.end > '2026-10-10', `end ${w.end} outside peak`)
  }
  const oct1 = res.rejected.find((r) => r.start === '2026-10-01')!
  t.strictSame(
    oct1.reasons.map((r) => [r.code, r.date]),
    [
      ['TRAVEL_PEAK_GOLDEN_WEEK', '2026-10-01'],
      ['TRAVEL_PEAK_GOLDEN_WEEK', '2026-10-05'],
    ],
  )
  t.ok(
    res.windows.some((w) => w.start === '2026-09-23'),
    'ends 27 Sep, before the peak',
  )
  t.notOk(
    res.windows.some((w) => w.start === '2026-09-24'),
    'would end 28 Sep, inside the margin',
  )

  const noMargin = findVisitWindows({ ...req, peakMarginDays: 0 })
  t.ok(
    noMargin.windows.some((w) => w.start === '2026-09-24'),
    'with margin 0 only the holiday itself counts',
  )

  const peaks2025 = chinaTravelPeaks(cal.cnPublic, 2).filter((p) => p.holiday.start.startsWith('2025'))
  t.strictSame(
    peaks2025.map((p) => [p.kind, p.holiday.start, p.holiday.end, p.peak.start, p.peak.end]),
    [
      ['spring_festival', '2025-01-28', '2025-02-04', '2025-01-26', '2025-02-06'],
      ['golden_week', '2025-10-01', '2025-10-08', '2025-09-29', '2025-10-10'],
    ],
    'the joint 国庆节、中秋节 block of 2025 counts as Golden Week',
  )
})

t.test('host school: public holiday is a conflict, exams too; weekdays rule optional', async (t) => {
  const res = findVisitWindows({
    host: durenSchool,
    travellers: { ...jinhuaSchool, travelPolicy: 'any' },
    days: 5,
    range: { start: '2026-05-11', end: '2026-05-22' },
    chinaCalendar: cal.cnPublic,
    count: 20,
  })
  const ascension = res.windows.find((w) => w.start === '2026-05-11')!
  t.strictSame(ascension.conflicts, [
    {
      code: 'HOST_PUBLIC_HOLIDAY',
      severity: 'conflict',
      date: '2026-05-14',
      name: { de: 'Christi Himmelfahrt', en: 'Ascension Day' },
    },
  ])
  t.equal(ascension.hostOpenDays, 4)
  t.equal(res.windows[0]!.conflicts.length, 0, 'conflict-free windows rank first')
  const strict = findVisitWindows({
    host: durenSchool,
    travellers: { ...jinhuaSchool, travelPolicy: 'any' },
    days: 5,
    range: { start: '2026-05-11', end: '2026-05-22' },
    chinaCalendar: cal.cnPublic,
    strictHostPublicHolidays: true,
    travelDays: 'weekdays',
  })
  t.ok(strict.rejected.some((r) => r.start === '2026-05-11' && r.reasons[0]!.code === 'HOST_PUBLIC_HOLIDAY'))
  t.ok(
    strict.rejected.some((r) => r.start === '2026-05-16' && r.reasons[0]!.code === 'TRAVEL_DAY_NOT_ALLOWED'),
  )
})

t.test('range beyond known China data: coverage gap for 2027', async (t) => {
  const res = findVisitWindows({
    host: durenSchool,
    travellers: { ...jinhuaSchool, travelPolicy: 'any' },
    days: 7,
    range: { start: '2026-12-01', end: '2027-02-28' },
    chinaCalendar: cal.cnPublic,
    count: 200,
  })
  t.strictSame(res.coverageGaps, [
    { role: 'travellers', calendarId: 'cn-public', gaps: [{ start: '2027-01-01', end: '2027-02-28' }] },
  ])
  t.notOk(
    res.peaks.some((p) => p.holiday.start.startsWith('2027')),
    'Spring Festival 2027 is not invented',
  )
  const feb = res.windows.find((w) => w.start === '2027-02-01')!
  t.match(feb.conflicts, [{ code: 'CALENDAR_DATA_MISSING', calendarId: 'cn-public', date: '2027-02-01' }])
  const dec = res.windows.find((w) => w.start === '2026-12-01')!
  t.strictSame(dec.conflicts, [], 'December 2026 is fully known')
  t.ok(
    res.windows.findIndex((w) => w.start === '2026-12-01') <
      res.windows.findIndex((w) => w.start === '2027-02-01'),
    'windows with unknown data rank lower',
  )
})

t.test('bad input: coded errors naming the field', async (t) => {
  const base: VisitRequest = {
    host: durenSchool,
    travellers: jinhuaSchool,
    days: 5,
    range: { start: '2026-05-01', end: '2026-05-31' },
    chinaCalendar: cal.cnPublic,
  }
  const cases: [string, VisitRequest][] = [
    ['days', { ...base, days: 0 }],
    ['days', { ...base, days: 40 }],
    ['range.end', { ...base, range: { start: '2026-05-31', end: '2026-05-01' } }],
    ['range.start', { ...base, range: { start: '31.05.2026', end: '2026-06-01' } }],
    ['travellers.side', { ...base, travellers: { ...jinhuaSchool, side: 'de' } }],
    [
      'travellers.travelPolicy',
      { ...base, travellers: { ...jinhuaSchool, travelPolicy: 'always' as never } },
    ],
    ['host.kind', { ...base, host: { ...durenSchool, kind: 'university' as never } }],
    ['peakMarginDays', { ...base, peakMarginDays: -1 }],
    ['chinaCalendar[0]', { ...base, chinaCalendar: {} as never }],
  ]
  for (const [field, req] of cases)
    t.throws(() => findVisitWindows(req), { code: 'SCHED_INVALID_INPUT', field }, field)
})
