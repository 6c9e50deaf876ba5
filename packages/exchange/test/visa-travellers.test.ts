import t from 'tap'
import { Compile } from 'typebox/compile'
import { MAX_TRAVELLERS, travellerProblems, type VisaTraveller, VisaTravellers } from '../src/index.js'

const ok: VisaTraveller = {
  familyName: 'Müller',
  givenName: 'Anna',
  dateOfBirth: '2010-05-03',
  passportNumber: 'C01X00T47',
}
const check = Compile(VisaTravellers)
const paths = (value: unknown) => [...new Set([...check.Errors(value)].map((e) => e.instancePath))]

t.test('a well-formed list passes; Chinese names and optional fields are fine', async (t) => {
  t.ok(check.Check([ok, { ...ok, familyName: '张', givenName: '伟', passportNumber: 'EA1234567', sex: 'M' }]))
  t.same(travellerProblems([ok], '2027-01-01'), [])
})

t.test('lengths, formats and the passport pattern are refused by field', async (t) => {
  t.notOk(check.Check([]), 'at least one traveller')
  t.notOk(check.Check(Array.from({ length: MAX_TRAVELLERS + 1 }, () => ok)), `at most ${MAX_TRAVELLERS}`)
  t.ok(check.Check(Array.from({ length: MAX_TRAVELLERS }, () => ok)))
  t.same(paths([{ ...ok, familyName: '' }]), ['/0/familyName'])
  t.same(paths([{ ...ok, givenName: 'x'.repeat(61) }]), ['/0/givenName'])
  t.same(paths([{ ...ok, familyName: 'Tab\there' }]), ['/0/familyName'])
  t.same(paths([{ ...ok, dateOfBirth: '03.05.2010' }]), ['/0/dateOfBirth'])
  for (const bad of ['c01x00t47', 'C01 X00T47', 'AB12', 'A'.repeat(13), 'C01-X00T4'])
    t.same(paths([{ ...ok, passportNumber: bad }]), ['/0/passportNumber'], bad)
  t.notOk(check.Check([{ ...ok, sex: 'female' }]))
  t.notOk(check.Check([{ ...ok, address: 'no extra fields' }]), 'nothing else is taken')
})

t.test('messages name the rule, never the value', async (t) => {
  const secret = 'c0secret1'
  for (const e of check.Errors([{ ...ok, passportNumber: secret }])) t.notMatch(e.message, secret)
})

t.test('birth dates must exist and lie in the past; a passport number only once', async (t) => {
  t.same(
    travellerProblems(
      [
        { ...ok, dateOfBirth: '2010-02-30' },
        { ...ok, dateOfBirth: '2027-01-01', passportNumber: 'C11111111' },
        { ...ok, passportNumber: 'C11111111' },
      ],
      '2027-01-01',
    ),
    [
      { field: 'travellers.0.dateOfBirth', message: 'must be a calendar date' },
      { field: 'travellers.1.dateOfBirth', message: 'must lie in the past' },
      { field: 'travellers.2.passportNumber', message: 'appears twice in the list' },
    ],
  )
})
