import t from 'tap'
import { emptyForm } from '../src/components/forms.js'
import {
  applyFieldErrors,
  applyRowAction,
  fieldsOf,
  type TripFields,
  valuesOf,
} from '../src/features/trip/form-model.js'

// The trip plan's edit form as data (issue 13): stored fields to form values and back, rows added
// and removed by buttons without script, and the API's field errors put back on the right row.

const plan: TripFields = {
  direction: 'jinhua_to_duren',
  travel: { outbound: '2028-05-10', return: '2028-05-16' },
  arrival: { carrier: 'LH 731', place: 'FRA' },
  departure: {},
  group: {
    bands: [
      { band: '12-14', count: 10 },
      { band: '15-17', count: 4 },
    ],
    adults: 2,
  },
  leaders: [{ name: 'Wang Li', role: 'Lehrerin', consent: true, consentAt: '2027-01-05T08:00:00.000Z' }],
  accommodation: { hostFamilies: 7, hotel: { name: 'Hotel Düren', nights: 2 } },
  programme: [
    { date: '2028-05-10', items: [{ time: '10:00', title: 'Empfang', place: 'Aula' }] },
    { date: '2028-05-11', items: [{ title: 'Wasserstoff-Labor' }, { title: 'Stadtrallye' }] },
  ],
  purpose: 'Umweltprojekt',
}
const NOW = new Date('2027-02-01T10:00:00.000Z')

t.test('stored fields survive the round trip through the form', async (t) => {
  const state = emptyForm(valuesOf(plan, 3))
  t.equal(state.values['version'], '3')
  t.equal(state.values['group.8-11'], '0', 'every band has its field')
  const { fields } = fieldsOf(plan, state, NOW)
  t.same(fields, plan)
  t.same(state.errors, {})
})

t.test('rows are added and removed without saving; later rows move up', async (t) => {
  const values = valuesOf(plan, 1)
  const day = applyRowAction(values, 'addDay')!
  t.equal(day['programme.2.date'], '2028-05-12', 'a new day follows the last one')
  const item = applyRowAction(values, 'addItem.1')!
  t.equal(item['programme.1.items.2.title'], '')
  const leader = applyRowAction(values, 'addLeader')!
  t.equal(leader['leaders.1.name'], '')
  const removed = applyRowAction(values, 'removeDay.0')!
  t.equal(removed['programme.0.date'], '2028-05-11')
  t.equal(removed['programme.0.items.1.title'], 'Stadtrallye')
  t.notOk('programme.1.date' in removed)
  const noItem = applyRowAction(values, 'removeItem.1.0')!
  t.equal(noItem['programme.1.items.0.title'], 'Stadtrallye')
  t.equal(applyRowAction(values, 'save'), null)
  t.equal(applyRowAction(values, 'removeDay.x'), null)
})

t.test('empty rows are dropped; a new leader’s consent is dated now; numbers are checked', async (t) => {
  const values = applyRowAction(applyRowAction(valuesOf(plan, 1), 'addLeader')!, 'addDay')!
  values['leaders.1.name'] = 'Zhao Min'
  values['leaders.1.consent'] = 'yes'
  values['group.adults'] = 'zwei'
  const state = emptyForm(values)
  const { fields, paths } = fieldsOf(plan, state, NOW)
  t.same(fields.leaders[1], { name: 'Zhao Min', role: '', consent: true, consentAt: NOW.toISOString() })
  t.equal(fields.programme.length, 3, 'the new day has a date')
  t.same(fields.programme[2]!.items, [], 'its empty item is dropped')
  t.same(state.errors, { 'group.adults': 'err.number' })
  t.equal(paths.get('group.bands.1.count'), 'group.15-17', 'bands map back to their fields')
})

t.test('the API’s field errors land on the row the reader sees', async (t) => {
  const values = valuesOf(plan, 1)
  values['leaders.0.name'] = ''
  values['leaders.0.role'] = ''
  values['leaders.1.name'] = 'Zhao Min'
  values['leaders.1.role'] = 'Trainer'
  const state = emptyForm(values)
  const { paths } = fieldsOf(plan, state, NOW)
  applyFieldErrors(
    state,
    [
      { field: 'leaders.0.consent', message: 'consent_required: a leader is named only with their consent' },
      {
        field: 'travel.return',
        message: 'return_before_outbound: the return is before the outbound journey',
      },
      { field: 'somewhere', message: 'schema: odd' },
    ],
    paths,
  )
  t.same(state.errors, {
    'leaders.1.consent': 'trip.err.consent',
    'travel.return': 'trip.err.returnBeforeOutbound',
  })
  t.equal(state.formError, 'err.invalid')
})
