import t from 'tap'
import { parseHolidayCn } from '../src/calendar/parse-holiday-cn.js'
import { icsEventsToEntries, parseIcs } from '../src/calendar/parse-ics.js'
import { parseImportCsv } from '../src/calendar/parse-import-csv.js'
import { parseOpenHolidaysCsv } from '../src/calendar/parse-openholidays-csv.js'
import { SchedulingError } from '../src/errors.js'

function codeAndLine(fn: () => unknown): { code: string; line: number | undefined } {
  try {
    fn()
  } catch (e) {
    if (e instanceof SchedulingError) return { code: e.code, line: e.line }
    throw e
  }
  throw new Error('expected a SchedulingError')
}

t.test('OpenHolidays CSV', async (t) => {
  const school =
    'Id;Country;StartDate;EndDate;Type;RegionalScope;Name;Subdivisions\r\n' +
    'a1;DE;2026-03-30;2026-04-11;School;Regional;DE Osterferien,EN Easter Holidays;NW\r\n' +
    'a2;DE;2026-05-26;;School;Regional;DE Pfingstferien,EN Pentecost Holidays;NW\r\n'
  const entries = parseOpenHolidaysCsv(school)
  t.same(entries, [
    {
      start: '2026-03-30',
      end: '2026-04-11',
      kind: 'school_holiday',
      name: { de: 'Osterferien', en: 'Easter Holidays' },
      source: 'openholidays:a1',
    },
    {
      start: '2026-05-26',
      end: '2026-05-26',
      kind: 'school_holiday',
      name: { de: 'Pfingstferien', en: 'Pentecost Holidays' },
      source: 'openholidays:a2',
    },
  ])

  const pub =
    'Id;Country;StartDate;EndDate;Type;RegionalScope;Tags;Name;Subdivisions\n' +
    'p1;DE;2026-06-04;;Public;Regional;;DE Fronleichnam,EN Corpus Christi;BW,BY,NW\n' +
    'p2;DE;2026-10-31;;Public;Regional;;DE Reformationstag,EN Reformation Day;BB,SN\n' +
    'p3;DE;2026-10-03;;Public;National;;DE Tag der Deutschen Einheit,EN Day of German Unity;\n'
  const nw = parseOpenHolidaysCsv(pub, { subdivision: 'NW' })
  t.same(
    nw.map((e) => e.source),
    ['openholidays:p1', 'openholidays:p3'],
    'Tags column found by header; other Länder dropped',
  )
  t.equal(nw[1]!.kind, 'public_holiday')

  const header = 'Id;Country;StartDate;EndDate;Type;RegionalScope;Name;Subdivisions\n'
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv(`${header}x;DE;2026-02-30;;School;R;DE A;NW\n`)),
    {
      code: 'SCHED_PARSE_CSV',
      line: 2,
    },
  )
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv(`${header}\nx;DE;2026-03-02;2026-03-01;School;R;DE A;NW\n`)),
    {
      code: 'SCHED_PARSE_CSV',
      line: 3,
    },
  )
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv(`${header}x;DE;2026-03-02;;School;R;DE A\n`)).line,
    2,
    'short row',
  )
  t.same(codeAndLine(() => parseOpenHolidaysCsv(`${header}x;DE;2026-03-02;;Holiday;R;DE A;NW\n`)).line, 2)
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv(`${header}x;DE;2026-03-02;;School;R;Osterferien;NW\n`)).line,
    2,
  )
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv('Id;StartDate\n')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
  t.same(
    codeAndLine(() => parseOpenHolidaysCsv('')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
})

t.test('holiday-cn JSON', async (t) => {
  const json = JSON.stringify(
    {
      year: 2026,
      papers: ['https://www.gov.cn/x'],
      days: [
        { name: '春节', date: '2026-02-14', isOffDay: false },
        { name: '春节', date: '2026-02-15', isOffDay: true },
        { name: '春节', date: '2026-02-16', isOffDay: true },
        { name: '春节', date: '2026-02-28', isOffDay: false },
        { name: '国庆节、中秋节', date: '2026-10-01', isOffDay: true },
      ],
    },
    null,
    4,
  )
  const y = parseHolidayCn(json)
  t.equal(y.year, 2026)
  t.same(y.papers, ['https://www.gov.cn/x'])
  t.same(
    y.entries.map((e) => [e.start, e.end, e.kind]),
    [
      ['2026-02-14', '2026-02-14', 'makeup_workday'],
      ['2026-02-15', '2026-02-16', 'public_holiday'],
      ['2026-02-28', '2026-02-28', 'makeup_workday'],
      ['2026-10-01', '2026-10-01', 'public_holiday'],
    ],
  )
  t.same(y.entries[1]!.name, {
    zh: '春节',
    de: 'Frühlingsfest (Chinesisches Neujahr)',
    en: 'Spring Festival',
  })
  t.equal(y.entries[3]!.name.en, 'National Day, Mid-Autumn Festival')

  const bad = json.replace('"isOffDay": true', '"isOffDay": "yes"')
  const err = codeAndLine(() => parseHolidayCn(bad))
  t.equal(err.code, 'SCHED_PARSE_HOLIDAY_CN')
  t.equal(err.line, bad.split('\n').findIndex((l) => l.includes('2026-02-15')) + 1, 'line of the bad day')
  const broken = '{\n  "year": 2026,\n  "days": [\n    {,}\n  ]\n}'
  t.same(
    codeAndLine(() => parseHolidayCn(broken)),
    { code: 'SCHED_PARSE_HOLIDAY_CN', line: 4 },
  )
  t.equal(codeAndLine(() => parseHolidayCn('{"year":2026}')).code, 'SCHED_PARSE_HOLIDAY_CN')
})

t.test('ICS reader', async (t) => {
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    'UID:exam-1@school',
    'DTSTART;VALUE=DATE:20260601',
    'DTEND;VALUE=DATE:20260613',
    'SUMMARY:Abiturprüfungen\\, schriftlich\\; Teil',
    ' 1',
    'DESCRIPTION:Zeile 1\\nZeile 2',
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'DESCRIPTION:ignore me',
    'END:VALARM',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:meet-2',
    'DTSTART;TZID=Europe/Berlin:20260329T090000',
    'DURATION:PT1H',
    'SUMMARY:期中考试',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:meet-3',
    'DTSTART:20261025T080000Z',
    'DTEND:20261025T090000Z',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n')
  const cal = parseIcs(ics)
  t.equal(cal.method, 'PUBLISH')
  t.equal(cal.events.length, 3)
  const [a, b, c] = cal.events
  t.same(a!.start, { type: 'date', date: '2026-06-01' })
  t.same(a!.end, { type: 'date', date: '2026-06-13' })
  t.equal(a!.summary, 'Abiturprüfungen, schriftlich; Teil1', 'unfolded and unescaped')
  t.equal(a!.description, 'Zeile 1\nZeile 2', 'VALARM description not taken')
  t.same(b!.start, { type: 'instant', instant: '2026-03-29T07:00:00.000Z' }, 'TZID resolved with summer time')
  t.same(b!.end, { type: 'instant', instant: '2026-03-29T08:00:00.000Z' })
  t.same(c!.start, { type: 'instant', instant: '2026-10-25T08:00:00.000Z' })

  const entries = icsEventsToEntries(cal.events, { kind: 'exam', timeZone: 'Europe/Berlin' })
  t.same(
    entries.map((e) => [e.start, e.end, e.source]),
    [
      ['2026-06-01', '2026-06-12', 'ics:exam-1@school'],
      ['2026-03-29', '2026-03-29', 'ics:meet-2'],
      ['2026-10-25', '2026-10-25', 'ics:meet-3'],
    ],
    'all-day DTEND is exclusive',
  )
  t.same(entries[1]!.name, { zh: '期中考试' })

  t.same(
    codeAndLine(() => parseIcs('BEGIN:VEVENT\r\nEND:VEVENT')),
    { code: 'SCHED_PARSE_ICS', line: 1 },
  )
  t.same(
    codeAndLine(() =>
      parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026061\nEND:VEVENT\nEND:VCALENDAR'),
    ),
    { code: 'SCHED_PARSE_ICS', line: 3 },
  )
  t.same(
    codeAndLine(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR')),
    {
      code: 'SCHED_PARSE_ICS',
      line: 2,
    },
  )
  t.same(
    codeAndLine(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T000000Z\nEND:VCALENDAR')),
    {
      code: 'SCHED_PARSE_ICS',
      line: 4,
    },
  )
  t.same(
    codeAndLine(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260101T000000Z\nEND:VEVENT')),
    {
      code: 'SCHED_PARSE_ICS',
      line: 1,
    },
  )
  t.same(
    codeAndLine(() => parseIcs('BEGIN:VCALENDAR\nnonsense\nEND:VCALENDAR')),
    { code: 'SCHED_PARSE_ICS', line: 2 },
  )
  t.same(
    codeAndLine(() =>
      parseIcs(
        'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=Mars/Base:20260101T090000\nEND:VEVENT\nEND:VCALENDAR',
      ),
    ),
    { code: 'SCHED_PARSE_ICS', line: 3 },
  )
  t.same(
    codeAndLine(() =>
      parseIcs(
        'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260102T000000Z\nDTEND:20260101T000000Z\nEND:VEVENT\nEND:VCALENDAR',
      ),
    ),
    { code: 'SCHED_PARSE_ICS', line: 4 },
  )
})

t.test('officer import CSV start;end;kind;name', async (t) => {
  const text = [
    'start;end;kind;name',
    '# comment',
    '2026-06-01;2026-06-12;exam;Abiturprüfungen',
    '2026-09-14;;movable_day_off;DE Beweglicher Ferientag,EN Movable day off',
    '',
    '2026-07-01;2026-07-10;blackout;校庆; 活动',
  ].join('\n')
  const entries = parseImportCsv(text)
  t.same(entries, [
    {
      start: '2026-06-01',
      end: '2026-06-12',
      kind: 'exam',
      name: { de: 'Abiturprüfungen' },
      source: 'import:line 3',
    },
    {
      start: '2026-09-14',
      end: '2026-09-14',
      kind: 'movable_day_off',
      name: { de: 'Beweglicher Ferientag', en: 'Movable day off' },
      source: 'import:line 4',
    },
    {
      start: '2026-07-01',
      end: '2026-07-10',
      kind: 'blackout',
      name: { zh: '校庆; 活动' },
      source: 'import:line 6',
    },
  ])
  t.same(
    codeAndLine(() => parseImportCsv('2026-06-01;2026-06-12;holiday;x')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
  t.same(
    codeAndLine(() => parseImportCsv('\n2026-06-01;2026-05-12;exam;x')),
    { code: 'SCHED_PARSE_CSV', line: 2 },
  )
  t.same(
    codeAndLine(() => parseImportCsv('2026-06-01;exam;x')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
  t.same(
    codeAndLine(() => parseImportCsv('2026-6-1;;exam;x')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
  t.same(
    codeAndLine(() => parseImportCsv('2026-06-01;;exam;')),
    { code: 'SCHED_PARSE_CSV', line: 1 },
  )
})
