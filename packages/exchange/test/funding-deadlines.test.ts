import t from 'tap'
import {
  deadlineConcerns,
  deadlineReminders,
  draftTripPlan,
  FUNDING_SEED,
  fundingDeadlinesFor,
  nextDeadlines,
  upcomingDeadlines,
} from '../src/index.js'
import { programme } from './funding-fixtures.js'

t.test('KJP: 15 October of the year before the trip', async (t) => {
  t.same(
    nextDeadlines(programme('kjp-sonderprogramm-china'), '2027-05-03').map((d) => d.date),
    ['2026-10-15'],
  )
})

t.test('PASCH: preparatory visits 31 October and the exchange 15 December, of the year before', async (t) => {
  t.same(
    nextDeadlines(programme('pasch-schulpartnerschaften'), '2027-03-01').map((d) => d.date),
    ['2026-10-31', '2026-12-15'],
  )
})

t.test('yearly rounds without a year: the last one before the trip', async (t) => {
  const aww = programme('ausbildungweltweit')
  t.same(
    nextDeadlines(aww, '2027-05-03').map((d) => d.date),
    ['2026-10-07', '2027-03-25'],
  )
  t.same(
    nextDeadlines(aww, '2027-03-25').map((d) => d.date),
    ['2026-03-25', '2026-10-07'],
    'a deadline on the travel day is too late',
  )
  t.same(nextDeadlines(programme('bildungsnetzwerk-china'), '2027-05-03'), [])
})

t.test('a day the month lacks is its last day', async (t) => {
  const p = { ...programme('kjp-sonderprogramm-china') }
  p.deadlines = [{ label: p.name, month: 2, day: 30, yearOffset: -1 }]
  t.same(
    nextDeadlines(p, '2029-01-10').map((d) => d.date),
    ['2028-02-29'],
  )
})

t.test('fundingDeadlinesFor: only programmes the plan fits, only deadlines still ahead', async (t) => {
  const plan = draftTripPlan({
    startDate: '2027-05-03',
    endDate: '2027-05-12',
    direction: 'duren_to_jinhua',
    groupSize: 12,
  })
  plan.group.adults = 2
  const club = {
    formats: ['club_encounter' as const],
    institutions: [
      { side: 'duren' as const, kind: 'club' as const },
      { side: 'jinhua' as const, kind: 'club' as const },
    ],
  }
  t.same(fundingDeadlinesFor(plan, FUNDING_SEED, '2026-12-04', club), [])
  t.same(fundingDeadlinesFor(plan, FUNDING_SEED, '2026-10-01', club), [
    {
      slug: 'kjp-sonderprogramm-china',
      name: 'KJP Sonderprogramm China',
      names: programme('kjp-sonderprogramm-china').name,
      label: programme('kjp-sonderprogramm-china').deadlines[0]?.label,
      date: '2026-10-15',
    },
  ])
  const school = {
    formats: ['pupil_exchange_hosting' as const],
    institutions: [{ side: 'duren' as const, kind: 'school' as const }],
  }
  t.same(
    fundingDeadlinesFor(plan, FUNDING_SEED, '2026-11-01', school).map((d) => [d.slug, d.date]),
    [['pasch-schulpartnerschaften', '2026-12-15']],
  )
})

t.test('upcoming deadlines and their reminders, 28 and 7 days before, none in the past', async (t) => {
  const pasch = programme('pasch-schulpartnerschaften')
  t.same(
    upcomingDeadlines(pasch, '2026-11-01').map((d) => d.date),
    ['2026-12-15', '2027-10-31'],
  )
  t.same(deadlineReminders(pasch, '2026-11-20'), [
    { deadline: '2026-12-15', daysBefore: 7, sendOn: '2026-12-08' },
    { deadline: '2027-10-31', daysBefore: 28, sendOn: '2027-10-03' },
    { deadline: '2027-10-31', daysBefore: 7, sendOn: '2027-10-24' },
  ])
  t.same(deadlineReminders(programme('bildungsnetzwerk-china'), '2026-11-20'), [])
})

t.test('a deadline concerns a fitting trip whose application it is', async (t) => {
  const kjp = programme('kjp-sonderprogramm-china')
  const plan = draftTripPlan({
    startDate: '2027-05-03',
    endDate: '2027-05-12',
    direction: 'duren_to_jinhua',
    groupSize: 12,
  })
  const club = {
    formats: ['club_encounter' as const],
    institutions: [{ side: 'duren' as const, kind: 'club' as const }],
  }
  t.ok(deadlineConcerns(kjp, '2026-10-15', plan, club))
  t.notOk(deadlineConcerns(kjp, '2027-10-15', plan, club), 'next year’s deadline is for next year’s trips')
  t.notOk(
    deadlineConcerns(kjp, '2026-10-15', plan, { ...club, formats: ['virtual_exchange'] }),
    'not fitting',
  )
})
