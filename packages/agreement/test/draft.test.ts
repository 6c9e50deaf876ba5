import t from 'tap'
import { Value } from 'typebox/value'
import { AgreementFields, DATA_PROTECTION_CLAUSE, draftAgreement, readiness } from '../src/index.js'
import { completeFields, PARTNERSHIP } from './fixtures.js'

t.test('a draft from the partnership: what both sides share, the period they both offered', async (t) => {
  const f = draftAgreement(PARTNERSHIP)
  t.ok(Value.Check(AgreementFields, f), 'the draft matches the schema')
  t.same(f.purpose.formats, ['pupil_exchange_hosting'], 'the format both sides offered')
  t.same(f.topics, ['culture', 'energy_hydrogen'], 'the topics both sides named')
  t.same(f.period, { start: '2027-03-10', end: '2027-03-20' }, 'the overlap of the first windows')
  t.same(f.languages, ['en'], 'the language both speak')
  t.same(f.hosting.hosts, ['duren', 'jinhua'])
  t.equal(f.hosting.accommodation, 'host_families')
  t.same(f.groups.duren, {
    bands: [{ kind: 'pupils', ageMin: 14, ageMax: 16, count: 18 }],
    accompanyingAdults: 2,
  })
  t.same(f.groups.jinhua.bands, [{ kind: 'pupils', ageMin: 15, ageMax: 17, count: 12 }])
  t.same(f.parties.jinhua.contacts, [
    { name: '王芳', role: 'coordinator', adult: true, email: 'wang@school.example' },
  ])
  t.equal(f.dataProtection, DATA_PROTECTION_CLAUSE)
  t.same(f.term, { validUntil: '2028-03-20', noticeDays: 90 })
})

t.test(
  'no common words: all of them, for the coordinators to strike; no overlap: the earliest window',
  async (t) => {
    const f = draftAgreement({
      ...PARTNERSHIP,
      duren: { ...PARTNERSHIP.duren, kind: 'vocational' },
      interests: {
        duren: {
          ...PARTNERSHIP.interests.duren!,
          topics: ['sport'],
          windows: [{ start: '2027-06-01', end: '2027-06-10' }],
          direction: 'visit',
        },
        jinhua: {
          ...PARTNERSHIP.interests.jinhua!,
          topics: ['science'],
          windows: [{ start: '2027-05-01', end: '2027-05-05' }],
          direction: 'host',
        },
      },
    })
    t.same(f.topics, ['sport', 'science'])
    t.same(f.period, { start: '2027-05-01', end: '2027-05-05' })
    t.same(f.hosting.hosts, ['jinhua'], 'Düren visits, Jinhua hosts')
    t.equal(f.groups.duren.bands[0]?.kind, 'trainees', 'a vocational school sends trainees')
    t.equal(f.hosting.accommodation, 'host_families')
  },
)

t.test('a virtual exchange: no hosts, no accommodation, no costs', async (t) => {
  const virtual = { ...PARTNERSHIP.interests.duren!, direction: 'virtual' as const, hostFamilies: 0 }
  const f = draftAgreement({
    ...PARTNERSHIP,
    interests: { duren: virtual, jinhua: { ...virtual, windows: [] } },
  })
  t.same(f.hosting, { hosts: [], accommodation: 'none', costs: [] })
})

t.test('readiness: both scripts, people, dates in order, a term', async (t) => {
  t.same(readiness(completeFields()), [])
  const draft = draftAgreement({ ...PARTNERSHIP, interests: {} })
  t.same(
    readiness(draft),
    [
      { path: 'parties.duren.name.zh', problem: 'required' },
      { path: 'parties.jinhua.name.de', problem: 'required' },
      { path: 'purpose.formats', problem: 'required' },
      { path: 'topics', problem: 'required' },
      { path: 'languages', problem: 'required' },
      { path: 'period.start', problem: 'required' },
      { path: 'period.end', problem: 'required' },
      { path: 'groups', problem: 'required' },
      { path: 'term.validUntil', problem: 'required' },
    ].filter((g) => g.path !== 'parties.duren.name.zh'),
    'Düren gave its Chinese name in its profile',
  )
  const f = completeFields()
  f.period = { start: '2027-04-01', end: '2027-03-01' }
  f.groups.jinhua.bands[0]!.ageMin = 18
  f.hosting.costs.push({ item: 'travel', payer: 'shared' })
  f.parties.duren.responsible = []
  t.same(readiness(f), [
    { path: 'parties.duren.responsible', problem: 'required' },
    { path: 'groups.jinhua.bands.0.ageMax', problem: 'order' },
    { path: 'period.end', problem: 'order' },
    { path: 'hosting.costs', problem: 'duplicate' },
  ])
})
