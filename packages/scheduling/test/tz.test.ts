import t from 'tap'
import { formatIsoWithOffset, localDate, localToInstant, offsetMinutes, parseInstant } from '../src/tz.js'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

t.test('09:00 Berlin on both sides of the spring change (2026-03-29)', async (t) => {
  t.equal(
    iso(localToInstant('2026-03-27', 540, 'Europe/Berlin')),
    '2026-03-27T08:00:00.000Z',
    'Fri: CET +01:00',
  )
  t.equal(iso(localToInstant('2026-03-28', 540, 'Europe/Berlin')), '2026-03-28T08:00:00.000Z', 'Sat: CET')
  t.equal(
    iso(localToInstant('2026-03-29', 540, 'Europe/Berlin')),
    '2026-03-29T07:00:00.000Z',
    'Sun: CEST +02:00',
  )
  t.equal(iso(localToInstant('2026-03-30', 540, 'Europe/Berlin')), '2026-03-30T07:00:00.000Z', 'Mon: CEST')
  t.equal(localToInstant('2026-03-29', 150, 'Europe/Berlin', 'reject'), null, '02:30 does not exist')
  t.equal(
    iso(localToInstant('2026-03-29', 150, 'Europe/Berlin', 'later')),
    '2026-03-29T01:30:00.000Z',
    'pushed to 03:30',
  )
  t.equal(
    iso(localToInstant('2026-03-29', 180, 'Europe/Berlin', 'reject')),
    '2026-03-29T01:00:00.000Z',
    '03:00 exists',
  )
})

t.test('09:00 Berlin on both sides of the autumn change (2026-10-25)', async (t) => {
  t.equal(iso(localToInstant('2026-10-24', 540, 'Europe/Berlin')), '2026-10-24T07:00:00.000Z', 'Sat: CEST')
  t.equal(iso(localToInstant('2026-10-25', 540, 'Europe/Berlin')), '2026-10-25T08:00:00.000Z', 'Sun: CET')
  t.equal(
    iso(localToInstant('2026-10-25', 150, 'Europe/Berlin')),
    '2026-10-25T00:30:00.000Z',
    '02:30 twice: earlier',
  )
  t.equal(offsetMinutes(Date.parse('2026-10-25T00:59:59Z'), 'Europe/Berlin'), 120)
  t.equal(offsetMinutes(Date.parse('2026-10-25T01:00:00Z'), 'Europe/Berlin'), 60)
})

t.test('Shanghai has no DST', async (t) => {
  for (const d of [
    '2026-01-15T00:00:00Z',
    '2026-03-29T01:30:00Z',
    '2026-07-01T12:00:00Z',
    '2026-10-25T01:00:00Z',
  ]) {
    t.equal(offsetMinutes(Date.parse(d), 'Asia/Shanghai'), 480, d)
  }
  t.equal(iso(localToInstant('2026-02-14', 540, 'Asia/Shanghai')), '2026-02-14T01:00:00.000Z')
  t.equal(localDate(Date.parse('2026-02-13T16:00:00Z'), 'Asia/Shanghai'), '2026-02-14')
  t.equal(
    formatIsoWithOffset(Date.parse('2026-03-29T07:00:00Z'), 'Europe/Berlin'),
    '2026-03-29T09:00:00+02:00',
  )
})

t.test('an instant without an offset is refused', async (t) => {
  t.throws(
    () => parseInstant('2026-03-25T08:00:00', 'startsAt'),
    { code: 'SCHED_INVALID_INPUT', field: 'startsAt' },
    'no offset, no guess',
  )
})

t.test("gap policy 'boundary' returns the transition instant", async (t) => {
  t.equal(iso(localToInstant('2026-03-29', 150, 'Europe/Berlin', 'boundary')), '2026-03-29T01:00:00.000Z')
  t.equal(iso(localToInstant('2026-03-29', 120, 'Europe/Berlin', 'boundary')), '2026-03-29T01:00:00.000Z')
  t.equal(iso(localToInstant('2026-03-29', 540, 'Europe/Berlin', 'boundary')), '2026-03-29T07:00:00.000Z')
  // Lord Howe Island moves by 30 minutes (02:00 → 02:30 on 2026-10-04).
  t.equal(
    iso(localToInstant('2026-10-04', 135, 'Australia/Lord_Howe', 'boundary')),
    '2026-10-03T15:30:00.000Z',
  )
})
