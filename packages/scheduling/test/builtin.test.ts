import t from 'tap'
import { readBuiltinSources } from '../scripts/gen-builtin.js'
import { loadBuiltinCalendars } from '../src/calendar/builtin.js'
import { buildBuiltinCalendars } from '../src/calendar/builtin-build.js'
import { coverageGaps, entriesOn } from '../src/calendar/model.js'

t.test('generated builtin-data.ts equals a fresh parse of data/', async (t) => {
  const fresh = buildBuiltinCalendars(readBuiltinSources())
  t.strictSame(loadBuiltinCalendars(), fresh, 'run `pnpm --filter @dj/scheduling gen:builtin` if this fails')
})

t.test('shipped calendars hold the known dates', async (t) => {
  const cal = loadBuiltinCalendars()
  const summer = entriesOn(cal.deNwSchool, '2026-07-20')
  t.equal(summer.length, 1)
  t.strictSame(
    [summer[0]!.start, summer[0]!.end, summer[0]!.name.de],
    ['2026-07-20', '2026-09-01', 'Sommerferien'],
  )
  t.equal(entriesOn(cal.deNwSchool, '2026-09-02').length, 0, 'term starts 2 Sep 2026')

  t.strictSame(
    entriesOn(cal.deNwPublic, '2026-06-04').map((e) => e.name.de),
    ['Fronleichnam'],
    'Corpus Christi is a holiday in NRW',
  )
  t.equal(
    cal.deNwPublic.entries.filter((e) => e.start.startsWith('2026')).length,
    11,
    'NRW has 11 public holidays',
  )

  t.strictSame(
    entriesOn(cal.cnPublic, '2026-02-14').map((e) => e.kind),
    ['makeup_workday'],
  )
  t.strictSame(
    entriesOn(cal.cnPublic, '2026-02-16').map((e) => [e.kind, e.start, e.end]),
    [['public_holiday', '2026-02-15', '2026-02-23']],
  )
  t.strictSame(
    entriesOn(cal.cnPublic, '2026-02-28').map((e) => e.kind),
    ['makeup_workday'],
  )
  t.match(cal.deNwSchool.attribution, /OpenHolidays.*ODbL/)
  t.match(cal.cnPublic.attribution, /holiday-cn.*MIT/)

  const a = loadBuiltinCalendars()
  a.cnPublic.entries.length = 0
  t.ok(loadBuiltinCalendars().cnPublic.entries.length > 0, 'callers get copies')
})

t.test('coverage gaps', async (t) => {
  const cal = loadBuiltinCalendars()
  t.strictSame(cal.cnPublic.coverage, [{ start: '2025-01-01', end: '2026-12-31' }])
  t.strictSame(coverageGaps(cal.cnPublic, { start: '2026-11-01', end: '2027-03-31' }), [
    { start: '2027-01-01', end: '2027-03-31' },
  ])
  t.strictSame(coverageGaps(cal.cnPublic, { start: '2026-01-01', end: '2026-12-31' }), [])
  t.strictSame(coverageGaps(cal.cnPublic, { start: '2024-12-01', end: '2025-01-05' }), [
    { start: '2024-12-01', end: '2024-12-31' },
  ])
  t.strictSame(cal.deNwPublic.coverage, [{ start: '2024-01-01', end: '2030-12-31' }])
  t.strictSame(cal.deNwSchool.coverage, [{ start: '2024-03-25', end: '2030-08-06' }])
  t.strictSame(coverageGaps(cal.deNwSchool, { start: '2030-08-01', end: '2030-12-31' }), [
    { start: '2030-08-07', end: '2030-12-31' },
  ])
})
