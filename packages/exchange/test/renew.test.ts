import type { AgreementFields } from '@dj/agreement'
import t from 'tap'
import {
  nextYear,
  type RenewFacts,
  renewAgreementFields,
  renewal,
  renewTripPlanFields,
} from '../src/index.js'

t.test('a date a year later; 29 February becomes 28 February', async (t) => {
  t.equal(nextYear('2027-05-10'), '2028-05-10')
  t.equal(nextYear('2027-12-31'), '2028-12-31')
  t.equal(nextYear('2028-02-29'), '2029-02-28', 'no 29 February next year')
  t.equal(nextYear('2028-02-28'), '2029-02-28')
  t.equal(nextYear('2027-02-28'), '2028-02-28', 'into a leap year the 28th stays the 28th')
  t.equal(nextYear('2099-03-01'), '2100-03-01')
  t.throws(() => nextYear('10.05.2027'), RangeError)
})

const fields = {
  parties: { duren: { name: { de: 'Gymnasium' } }, jinhua: { name: { zh: '中学' } } },
  purpose: { formats: ['pupil_exchange'], aims: { de: 'Umwelt' } },
  topics: ['environment'],
  period: { start: '2028-02-20', end: '2028-02-29' },
  groups: { duren: { bands: [], accompanyingAdults: 2 }, jinhua: { bands: [], accompanyingAdults: 1 } },
  hosting: { hosts: ['duren'], accommodation: 'host_families', costs: [] },
  languages: ['de', 'zh'],
  dataProtection: 'no_pupil_data.v1',
  term: { validUntil: '2029-02-28', noticeDays: 90 },
} as unknown as AgreementFields

t.test('the agreement: period and term a year later, everything else as it was', async (t) => {
  const before = structuredClone(fields)
  const next = renewAgreementFields(fields)
  t.same(next.period, { start: '2029-02-20', end: '2029-02-28' })
  t.same(next.term, { validUntil: '2030-02-28', noticeDays: 90 })
  t.same({ ...next, period: fields.period, term: fields.term }, fields, 'the rest copied')
  t.same(fields, before, 'the signed edition is not touched')
  const open = renewAgreementFields({ ...fields, period: { start: null, end: null } })
  t.same(open.period, { start: null, end: null }, 'open dates stay open')
})

t.test('the trip plan: travel and programme days a year later, leaders to be entered anew', async (t) => {
  const plan = {
    direction: 'jinhua_to_duren',
    travel: { outbound: '2027-05-10', return: '2027-05-14' },
    arrival: 'LH 721, FRA, 07:05',
    group: { bands: [{ band: '12-14', count: 12 }], accompanyingAdults: 2 },
    leaders: [{ name: 'Wang Fang', role: 'teacher', consent: true, consentAt: '2027-03-01T09:00:00Z' }],
    programme: [
      { date: '2027-05-11', items: [{ title: 'Dom' }] },
      { date: '2027-05-12', items: [] },
    ],
  }
  const next = renewTripPlanFields(plan)
  t.same(next.travel, { outbound: '2028-05-10', return: '2028-05-14' })
  t.same(
    next.programme.map((d) => d.date),
    ['2028-05-11', '2028-05-12'],
  )
  t.same(next.programme[0]!.items, [{ title: 'Dom' }], 'the items stay as a starting point')
  t.same(next.leaders, [], 'consent was for this year’s trip')
  t.same(next.group, plan.group)
  t.equal(next.arrival, plan.arrival)
  t.equal(plan.travel.outbound, '2027-05-10', 'the original is not touched')
  t.same(renewTripPlanFields({}), {}, 'a plan without dates')
})

t.test('when the next one may be planned', async (t) => {
  const done: RenewFacts = {
    agreement: {
      edition: 1,
      status: 'countersigned',
      completedAt: '2027-03-01T10:00:00Z',
      draftedOn: '2027-06-01',
    },
    visit: { endDate: '2027-05-14', status: 'scheduled' },
    today: '2027-05-15',
  }
  t.same(renewal(done), { ok: true, edition: 2 })
  t.same(
    renewal({ ...done, agreement: { ...done.agreement!, status: 'signed_by_institutions' } }),
    { ok: true, edition: 2 },
    'complete without countersignature when its configuration asks for none',
  )
  t.same(renewal({ ...done, agreement: null }), { ok: false, reason: 'no_agreement' })
  const open = { completedAt: null, draftedOn: '2027-01-10' }
  t.same(renewal({ ...done, agreement: { edition: 1, status: 'ready_for_signature', ...open } }), {
    ok: false,
    reason: 'agreement_incomplete',
  })
  t.same(renewal({ ...done, agreement: { edition: 2, status: 'draft', ...open } }), {
    ok: false,
    reason: 'draft_exists',
  })
  t.same(renewal({ ...done, visit: null }), { ok: false, reason: 'no_visit' })
  t.same(renewal({ ...done, visit: { endDate: '2027-05-14', status: 'cancelled' } }), {
    ok: false,
    reason: 'no_visit',
  })
  t.same(renewal({ ...done, today: '2027-05-14' }), { ok: false, reason: 'visit_not_ended' }, 'its last day')
  t.same(
    renewal({ ...done, agreement: { ...done.agreement!, edition: 1, draftedOn: '2027-06-01' } }),
    { ok: true, edition: 2 },
    'the first agreement may be entered after its visit',
  )
  const renewed = { ...done.agreement!, edition: 3 }
  t.same(renewal({ ...done, agreement: { ...renewed, draftedOn: '2027-01-10' } }), { ok: true, edition: 4 })
  t.same(
    renewal({ ...done, agreement: { ...renewed, draftedOn: '2027-06-01' } }),
    { ok: false, reason: 'no_visit' },
    'a renewed edition waits for its own visit, not last year’s',
  )
})
