import t from 'tap'
import { planReminders } from '../src/reminders.js'

t.test('reminders 7d, 24h, 1h before, deterministic ids', async (t) => {
  const req = {
    eventId: 'meeting-42',
    sequence: 3,
    startsAt: '2026-04-01T07:00:00Z',
    now: '2026-03-01T00:00:00Z',
  }
  const plan = planReminders(req)
  t.strictSame(
    plan.map((r) => [r.id, r.fireAt]),
    [
      ['reminder:meeting-42:3:7d', '2026-03-25T07:00:00.000Z'],
      ['reminder:meeting-42:3:24h', '2026-03-31T07:00:00.000Z'],
      ['reminder:meeting-42:3:1h', '2026-04-01T06:00:00.000Z'],
    ],
    '7 days = 168 h even though Berlin changes to summer time on 29 Mar',
  )
  t.strictSame(planReminders(req), plan, 'same input, same plan')
  t.equal(plan[0]!.delayMs, Date.parse('2026-03-25T07:00:00Z') - Date.parse('2026-03-01T00:00:00Z'))
  t.equal(planReminders({ ...req, sequence: 4 })[0]!.id, 'reminder:meeting-42:4:7d', 'an update gets new ids')
})

t.test('past reminders are skipped', async (t) => {
  const base = { eventId: 'visit-7', sequence: 0, startsAt: '2026-04-01T07:00:00+02:00' }
  t.strictSame(
    planReminders({ ...base, now: '2026-03-28T12:00:00Z' }).map((r) => r.offset),
    ['24h', '1h'],
  )
  t.strictSame(
    planReminders({ ...base, now: '2026-04-01T03:30:00Z' }).map((r) => r.offset),
    ['1h'],
  )
  const due = planReminders({ ...base, now: '2026-04-01T04:00:00Z' })
  t.strictSame(
    due.map((r) => [r.offset, r.delayMs]),
    [['1h', 0]],
    'due exactly now: kept with delay 0',
  )
  t.strictSame(planReminders({ ...base, now: '2026-04-01T04:00:00.001Z' }), [])
  t.strictSame(planReminders({ ...base, now: '2026-05-01T00:00:00Z' }), [], 'event in the past')
  t.strictSame(
    planReminders({ ...base, now: '2026-03-01T00:00:00Z', offsets: ['1h'] }).map((r) => r.id),
    ['reminder:visit-7:0:1h'],
  )
})

t.test('bad input names the field', async (t) => {
  const base = { eventId: 'e', sequence: 0, startsAt: '2026-04-01T07:00:00Z', now: '2026-03-01T00:00:00Z' }
  t.throws(() => planReminders({ ...base, eventId: '' }), { code: 'SCHED_INVALID_INPUT', field: 'eventId' })
  t.throws(() => planReminders({ ...base, sequence: -1 }), { code: 'SCHED_INVALID_INPUT', field: 'sequence' })
  t.throws(() => planReminders({ ...base, startsAt: '2026-04-01 07:00' }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'startsAt',
  })
  t.throws(() => planReminders({ ...base, now: 'now' }), { code: 'SCHED_INVALID_INPUT', field: 'now' })
  t.throws(() => planReminders({ ...base, offsets: ['2d' as never] }), {
    code: 'SCHED_INVALID_INPUT',
    field: 'offsets[0]',
  })
})
