import t from 'tap'
import { diffFields } from '../src/index.js'
import { clone, completeFields } from './fixtures.js'

t.test('leaf by leaf, sorted by path; lists of words whole; lists of people by index', async (t) => {
  const before = completeFields()
  const after = clone(before)
  after.topics = ['culture']
  after.parties.duren.responsible[1] = { name: 'Anna Becker-Schulz', role: 'coordinator', adult: true }
  after.parties.jinhua.contacts.push({ name: '赵磊', role: 'teacher', adult: true })
  after.purpose.aims.en = 'A joint hydrogen project.'
  after.groups.duren.accompanyingAdults = 3
  t.same(diffFields(before, after), [
    { path: 'groups.duren.accompanyingAdults', before: 2, after: 3 },
    { path: 'parties.duren.responsible.1.name', before: 'Anna Becker', after: 'Anna Becker-Schulz' },
    {
      path: 'parties.jinhua.contacts.1',
      before: undefined,
      after: { name: '赵磊', role: 'teacher', adult: true },
    },
    { path: 'purpose.aims.en', before: undefined, after: 'A joint hydrogen project.' },
    { path: 'topics', before: ['culture', 'energy_hydrogen'], after: ['culture'] },
  ])
  t.same(diffFields(before, clone(before)), [], 'equal fields: no change')
})

t.test('a removed person and a date cleared', async (t) => {
  const before = completeFields()
  const after = clone(before)
  after.parties.jinhua.responsible.pop()
  after.period.start = null
  t.same(diffFields(before, after), [
    {
      path: 'parties.jinhua.responsible.1',
      before: { name: '王芳', role: 'coordinator', adult: true },
      after: undefined,
    },
    { path: 'period.start', before: '2027-03-10', after: null },
  ])
})
