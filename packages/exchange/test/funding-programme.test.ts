import t from 'tap'
import { FUNDING_SEED, programmeErrors } from '../src/index.js'
import { programme } from './funding-fixtures.js'

t.test('every seed programme passes its own schema, with a source and last checked 2026-12', async (t) => {
  t.equal(FUNDING_SEED.length, 4)
  for (const p of FUNDING_SEED) {
    t.same(programmeErrors(p), [], p.slug)
    t.match(p.sourceUrl, /^https:\/\//)
    t.equal(p.lastChecked, '2026-12')
  }
  t.same(
    FUNDING_SEED.map((p) => p.slug),
    [
      'kjp-sonderprogramm-china',
      'pasch-schulpartnerschaften',
      'ausbildungweltweit',
      'bildungsnetzwerk-china',
    ],
  )
})

t.test('the issue’s figures, exactly', async (t) => {
  const kjp = programme('kjp-sonderprogramm-china')
  t.same(kjp.eligibility.ages, { min: 8, max: 26 })
  t.same(kjp.eligibility.groupSize, { maxParticipants: 15, maxLeaders: 2 })
  t.same(kjp.eligibility.duration, { minDays: 5, maxDays: 30 })
  t.same(kjp.rates.perPersonPerDay, { amount: 24, where: 'germany' })
  t.same(kjp.rates.travelPerKm, { amount: 0.08, where: 'abroad' })
  t.same(kjp.rates.interpreterPerDay, { amount: 305, where: 'germany' })
  t.same(kjp.rates.visaPerPerson, { amount: 150, where: 'abroad' })
  t.same(kjp.rates.staffPerPersonPerDay, { amount: 40, where: 'germany' })
  t.equal(kjp.eligibility.staff?.maxParticipants, 10)
  t.match(kjp.deadlines[0], { month: 10, day: 15, yearOffset: -1 })
  t.match(kjp.notes, /1\.000 €/)

  const pasch = programme('pasch-schulpartnerschaften')
  t.same(
    pasch.deadlines.map((d) => [d.month, d.day]),
    [
      [12, 15],
      [10, 31],
    ],
  )
  t.equal(pasch.reportDueDays, 14)
  t.match(pasch.notes, /NICHT BESTÄTIGT/, 'China’s eligibility is flagged as unverified')

  const aww = programme('ausbildungweltweit')
  t.same(aww.eligibility.duration, { minDays: 21, maxDays: 90 })
  t.same(aww.eligibility.staff?.duration, { minDays: 2, maxDays: 14 })
  t.same(
    aww.deadlines.map((d) => d.month),
    [3, 10],
  )
  t.match(aww.notes, /Partnerbetrieb/)

  const bnc = programme('bildungsnetzwerk-china')
  t.equal(bnc.eligibility.activitiesInGermanyOnly, true)
  t.same(
    bnc.rates.lumpSums?.map((l) => l.max),
    [500, 5000, 25000],
  )
})

t.test('the schema refuses what a programme cannot be', async (t) => {
  const kjp = programme('kjp-sonderprogramm-china')
  t.match(programmeErrors({ ...kjp, slug: 'Not A Slug' }), [{ path: '/slug' }])
  t.match(programmeErrors({ ...kjp, sourceUrl: 'http://insecure.example' }), [{ path: '/sourceUrl' }])
  t.match(programmeErrors({ ...kjp, lastChecked: '2026-13' }), [{ path: '/lastChecked' }])
  t.ok(programmeErrors({ ...kjp, eligibility: { ...kjp.eligibility, formats: ['bungee'] } }).length > 0)
  t.ok(programmeErrors({ ...kjp, extra: 1 }).length > 0)
  t.same(programmeErrors({ ...kjp, lastChecked: '2026-12-04' }), [])
})
