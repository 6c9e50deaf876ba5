import t from 'tap'
import {
  adoptDraftForVisit,
  draftTripPlan,
  participantCount,
  type TripPlanFields,
  validateTripPlan,
} from '../src/index.js'

/** A plan as a form might send it: anything may be wrong. */
type Loose = {
  group: { bands: { count: number }[]; adults: number; pupils?: unknown }
  leaders: Record<string, unknown>[]
}

const visit = { startDate: '2027-05-10', endDate: '2027-05-16' }
const plan = (): TripPlanFields => ({
  ...draftTripPlan({ ...visit, direction: 'jinhua_to_duren', groupSize: 12 }),
  leaders: [{ name: 'Wang Li', role: 'teacher', consent: true, consentAt: '2027-01-05T08:00:00.000Z' }],
  programme: [{ date: '2027-05-11', items: [{ time: '09:00', title: 'Welcome', place: 'Aula' }] }],
})

t.test('the draft from the visit: its dates, direction and group size, no person named', async (t) => {
  const d = draftTripPlan({ ...visit, direction: 'duren_to_jinhua', groupSize: 15 })
  t.same(d.travel, { outbound: '2027-05-10', return: '2027-05-16' })
  t.equal(d.direction, 'duren_to_jinhua')
  t.equal(participantCount(d), 15)
  t.same(d.leaders, [])
  t.ok(validateTripPlan(d, visit).ok)
  t.same(draftTripPlan({ ...visit, direction: 'duren_to_jinhua', groupSize: 0 }).group.bands, [])
})

t.test('a complete plan is valid', async (t) => {
  t.same(validateTripPlan(plan(), visit), { ok: true, fields: plan() })
})

t.test('every failing field is named at once', async (t) => {
  const p = plan()
  p.travel = { outbound: '2027-05-17', return: '2027-05-09' }
  p.programme.push({ date: '2027-05-11', items: [] })
  p.group.bands.push({ band: '12-14', count: 2 })
  const r = validateTripPlan(p, visit)
  t.notOk(r.ok)
  if (r.ok) return
  t.same(
    r.errors.map((e) => [e.path, e.code]),
    [
      ['travel.return', 'return_before_outbound'],
      ['travel.outbound', 'outbound_outside_visit'],
      ['travel.return', 'return_outside_visit'],
      ['programme.0.date', 'programme_outside_travel'],
      ['programme.1.date', 'programme_outside_travel'],
      ['programme.1.date', 'programme_day_twice'],
      ['group.bands.1.band', 'band_twice'],
    ],
  )
})

t.test('travel may start up to a week before and end up to a week after the visit', async (t) => {
  const p = plan()
  p.travel = { outbound: '2027-05-03', return: '2027-05-23' }
  t.ok(validateTripPlan(p, visit).ok)
  p.travel = { outbound: '2027-05-02', return: '2027-05-24' }
  const r = validateTripPlan(p, visit)
  t.same(r.ok ? [] : r.errors.map((e) => e.code), ['outbound_outside_visit', 'return_outside_visit'])
  t.ok(validateTripPlan(p, null).ok, 'a draft without a visit (renewed) checks only the order')
})

t.test('counts are never negative; a leader is named only with consent', async (t) => {
  const p = structuredClone(plan()) as Loose
  p.group.bands[0]!.count = -1
  p.group.adults = -2
  p.leaders[0]!.consent = false
  p.leaders.push({ name: 'Zhao Min', role: 'teacher', consentAt: '2027-01-05T08:00:00.000Z' })
  const r = validateTripPlan(p, visit)
  t.notOk(r.ok)
  if (r.ok) return
  const paths = r.errors.map((e) => `${e.path}:${e.code}`)
  t.ok(paths.includes('leaders.0.consent:consent_required'))
  t.ok(paths.includes('leaders.1.consent:consent_required'))
  t.ok(paths.includes('group.bands.0.count:schema'))
  t.ok(paths.includes('group.adults:schema'))
  t.equal(paths.filter((x) => x.startsWith('leaders')).length, 2, 'one message per leader, not the literal')
})

t.test('a pupil cannot be named: the schema has no place for it', async (t) => {
  const p = plan() as Loose
  p.group.pupils = [{ name: 'Max Muster' }]
  const r = validateTripPlan(p, visit)
  t.notOk(r.ok)
  if (r.ok) return
  t.same(
    r.errors.map((e) => e.path),
    ['group.pupils'],
  )
})

t.test('next year’s draft taken over by the booked visit: its dates, the programme re-dated', async (t) => {
  const draft = {
    ...draftTripPlan({
      startDate: '2028-05-10',
      endDate: '2028-05-14',
      direction: 'jinhua_to_duren',
      groupSize: 10,
    }),
    purpose: 'Umweltprojekt',
    programme: [
      { date: '2028-05-10', items: [{ title: 'Empfang' }] },
      { date: '2028-05-12', items: [{ title: 'Rathaus' }] },
      { date: '2028-05-14', items: [{ title: 'Abschied' }] },
    ],
  }
  const visit = draftTripPlan({
    startDate: '2028-06-07',
    endDate: '2028-06-10',
    direction: 'duren_to_jinhua',
    groupSize: 0,
  })
  const adopted = adoptDraftForVisit(draft, visit)
  t.same(adopted.travel, { outbound: '2028-06-07', return: '2028-06-10' })
  t.equal(adopted.direction, 'duren_to_jinhua', 'the visit decides who travels')
  t.same(
    adopted.programme.map((d) => [d.date, d.items[0]!.title]),
    [
      ['2028-06-07', 'Empfang'],
      ['2028-06-09', 'Rathaus'],
    ],
    'same order from the new first day; the day the shorter visit lacks is left out',
  )
  t.equal(adopted.purpose, 'Umweltprojekt')
  t.same(adopted.group, draft.group, 'the group as the coordinators counted it')
})
