import t from 'tap'
import { draftTripPlan, fitInputOf, fundingFit } from '../src/index.js'
import { clubTrip, programme } from './funding-fixtures.js'

const kjp = programme('kjp-sonderprogramm-china')

t.test('a club youth trip to China fits the KJP programme', async (t) => {
  t.same(fundingFit(clubTrip, kjp), { fits: true, failed: [] })
})

t.test('every broken rule is listed with what was expected and what the plan has', async (t) => {
  const fit = fundingFit(
    {
      ...clubTrip,
      ages: { min: 7, max: 17 },
      participants: 16,
      leaders: 3,
      days: 31,
      formats: ['virtual_exchange'],
    },
    kjp,
  )
  t.equal(fit.fits, false)
  t.same(fit.failed, [
    { rule: 'format', expected: kjp.eligibility.formats, actual: ['virtual_exchange'] },
    { rule: 'ages', expected: { min: 8, max: 26 }, actual: { min: 7, max: 17 } },
    { rule: 'participants', expected: { max: 15 }, actual: 16 },
    { rule: 'leaders', expected: { max: 2 }, actual: 3 },
    { rule: 'duration', expected: { minDays: 5, maxDays: 30 }, actual: 31 },
  ])
})

t.test('the edges of a range are inside it', async (t) => {
  t.ok(
    fundingFit({ ...clubTrip, ages: { min: 8, max: 26 }, participants: 15, leaders: 2, days: 5 }, kjp).fits,
  )
  t.ok(fundingFit({ ...clubTrip, days: 30 }, kjp).fits)
  t.match(fundingFit({ ...clubTrip, days: 4 }, kjp).failed, [{ rule: 'duration', actual: 4 }])
})

t.test('a school is not an out-of-school youth organisation; PASCH wants the school', async (t) => {
  const schools = {
    ...clubTrip,
    formats: ['pupil_exchange_hosting' as const],
    institutions: [
      { side: 'duren' as const, kind: 'school' as const },
      { side: 'jinhua' as const, kind: 'school' as const },
    ],
  }
  t.same(fundingFit(schools, kjp).failed, [
    { rule: 'format', expected: kjp.eligibility.formats, actual: ['pupil_exchange_hosting'] },
    { rule: 'kind', expected: ['club', 'public'], actual: ['school'] },
  ])
  t.ok(fundingFit(schools, programme('pasch-schulpartnerschaften')).fits)
})

t.test(
  'the funded side: a programme for German applicants needs the partnership’s German institution',
  async (t) => {
    const onlyJinhua = { ...clubTrip, institutions: [{ side: 'jinhua' as const, kind: 'club' as const }] }
    t.match(fundingFit(onlyJinhua, kjp).failed, [{ rule: 'side', expected: ['duren'], actual: ['jinhua'] }])
  },
)

t.test(
  'Bildungsnetzwerk China pays for activities in Germany only: a trip to China fails that rule',
  async (t) => {
    const bnc = programme('bildungsnetzwerk-china')
    t.same(fundingFit(clubTrip, bnc).failed, [
      { rule: 'activities_in_germany_only', expected: 'jinhua_to_duren', actual: 'duren_to_jinhua' },
    ])
    t.ok(fundingFit({ ...clubTrip, direction: 'jinhua_to_duren' }, bnc).fits)
  },
)

t.test('AusbildungWeltweit: trainees 3 weeks to 3 months abroad, trainers 2 days to 2 weeks', async (t) => {
  const aww = programme('ausbildungweltweit')
  const trainees = {
    ...clubTrip,
    formats: ['vocational_placement' as const],
    institutions: [
      { side: 'duren' as const, kind: 'vocational' as const },
      { side: 'jinhua' as const, kind: 'vocational' as const },
    ],
    ages: null,
    days: 21,
  }
  t.ok(fundingFit(trainees, aww).fits)
  t.match(fundingFit({ ...trainees, days: 14 }, aww).failed, [{ rule: 'duration', actual: 14 }])
  t.match(fundingFit({ ...trainees, direction: 'jinhua_to_duren' }, aww).failed, [
    { rule: 'direction', expected: ['duren_to_jinhua'], actual: 'jinhua_to_duren' },
  ])
  const trainers = {
    ...trainees,
    formats: ['staff_exchange' as const],
    staff: true,
    participants: 3,
    leaders: 0,
    days: 10,
  }
  t.ok(fundingFit(trainers, aww).fits)
  t.match(fundingFit({ ...trainers, days: 15 }, aww).failed, [
    { rule: 'duration', expected: { maxDays: 14 } },
  ])
})

t.test('a staff exchange follows the staff rules: no age band, at most 10 people', async (t) => {
  const staff = {
    ...clubTrip,
    formats: ['staff_exchange' as const],
    staff: true,
    ages: null,
    participants: 10,
    leaders: 0,
  }
  t.ok(fundingFit(staff, kjp).fits)
  t.match(fundingFit({ ...staff, participants: 11 }, kjp).failed, [
    { rule: 'participants', expected: { max: 10 } },
  ])
})

t.test('what the plan does not say yet fails with actual null', async (t) => {
  t.match(fundingFit({ ...clubTrip, ages: null, days: null }, kjp).failed, [
    { rule: 'ages', actual: null },
    { rule: 'duration', actual: null },
  ])
})

t.test('fitInputOf reads a trip plan: bands to ages, inclusive days, adults as leaders', async (t) => {
  const plan = draftTripPlan({
    startDate: '2027-05-03',
    endDate: '2027-05-12',
    direction: 'duren_to_jinhua',
    groupSize: 0,
  })
  plan.group = {
    bands: [
      { band: '12-14', count: 6 },
      { band: '15-17', count: 6 },
      { band: '8-11', count: 0 },
    ],
    adults: 1,
  }
  plan.leaders = [
    { name: 'A. Leader', role: 'teacher', consent: true, consentAt: '2027-01-01T00:00:00Z' },
    { name: 'B. Leader', role: 'coach', consent: true, consentAt: '2027-01-01T00:00:00Z' },
  ]
  const input = fitInputOf(plan, { formats: clubTrip.formats, institutions: clubTrip.institutions })
  t.same(input, clubTrip)

  const staffPlan = { ...plan, group: { bands: [], adults: 4 }, leaders: [] }
  t.match(fitInputOf(staffPlan, { formats: [], institutions: [] }), {
    staff: true,
    participants: 4,
    leaders: 0,
    ages: null,
  })
})
