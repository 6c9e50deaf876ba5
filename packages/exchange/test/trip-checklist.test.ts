import t from 'tap'
import {
  checklistProgress,
  deriveChecklist,
  draftTripPlan,
  LEAD_DAYS,
  nextCustomKey,
  planChecklistReminders,
  type TripPlanFields,
} from '../src/index.js'

const toDuren = (): TripPlanFields =>
  draftTripPlan({
    startDate: '2027-05-10',
    endDate: '2027-05-16',
    direction: 'jinhua_to_duren',
    groupSize: 12,
  })
const toJinhua = (): TripPlanFields =>
  draftTripPlan({
    startDate: '2027-05-10',
    endDate: '2027-05-16',
    direction: 'duren_to_jinhua',
    groupSize: 12,
  })
const today = '2027-01-04'
const none = { today, fundingDeadlines: [] }
const keys = (items: { key: string; dueDate: string | null }[]) => items.map((i) => [i.key, i.dueDate])

t.test('a Chinese group going to Germany: Schengen C visa six weeks ahead, insurance with it', async (t) => {
  const items = deriveChecklist(toDuren(), none)
  t.same(keys(items), [
    ['parental_consent', '2027-03-22'],
    ['insurance', '2027-03-29'],
    ['visa_schengen', '2027-03-29'],
    ['report', '2027-05-30'],
  ])
  const visa = items.find((i) => i.key === 'visa_schengen')!
  t.equal(visa.earliest, '2026-11-08', 'at most six months before (Visa Code Art. 9)')
  t.ok(LEAD_DAYS.visaSchengen >= LEAD_DAYS.visaSchengenLatest, 'never later than 15 days')
  t.ok(items.every((i) => !i.done && !i.overdue))
})

t.test('a German group going to China: F visa a month ahead, not earlier than three', async (t) => {
  const items = deriveChecklist(toJinhua(), none)
  t.same(keys(items), [
    ['parental_consent', '2027-04-03'],
    ['visa_f', '2027-04-10'],
    ['insurance', '2027-04-26'],
    ['report', '2027-05-30'],
  ])
  t.equal(items.find((i) => i.key === 'visa_f')!.earliest, '2027-02-09')
})

t.test('no parental consent item when only adults travel', async (t) => {
  const p = toJinhua()
  p.group.bands = [
    { band: 'trainees', count: 6 },
    { band: '18-26', count: 4 },
    { band: '12-14', count: 0 },
  ]
  t.notOk(deriveChecklist(p, none).some((i) => i.key === 'parental_consent'))
})

t.test('funding deadlines become items with the programme’s name', async (t) => {
  const items = deriveChecklist(toDuren(), {
    today,
    fundingDeadlines: [{ slug: 'kjp-china', name: 'KJP Sonderprogramm China', date: '2027-02-15' }],
  })
  t.same(items[0], {
    key: 'funding:kjp-china',
    label: 'KJP Sonderprogramm China',
    dueDate: '2027-02-15',
    earliest: null,
    done: false,
    overdue: false,
  })
})

t.test('re-derivation keeps ticks by key and moves due dates with the plan', async (t) => {
  const first = deriveChecklist(toDuren(), none)
  const previous = first.map((i) => ({ ...i, done: i.key === 'visa_schengen' }))
  const moved = toDuren()
  moved.travel = { outbound: '2027-05-09', return: '2027-05-17' }
  const again = deriveChecklist(moved, { ...none, previous })
  t.same(
    again.filter((i) => i.done).map((i) => [i.key, i.dueDate]),
    [['visa_schengen', '2027-03-28']],
  )
  t.equal(again.find((i) => i.key === 'report')!.dueDate, '2027-05-31')
})

t.test('late items stay and are flagged; custom items stay; a deadline no longer due goes', async (t) => {
  const previous = [
    { key: 'custom:1', label: 'Gastgeschenke kaufen', dueDate: '2027-04-01', done: false },
    { key: 'funding:pasch', label: 'PASCH', dueDate: '2026-12-15', done: false },
    { key: 'funding:weltweit', label: 'AusbildungWeltweit', dueDate: '2027-03-01', done: false },
  ]
  const items = deriveChecklist(toDuren(), { today: '2027-04-02', fundingDeadlines: [], previous })
  const byKey = new Map(items.map((i) => [i.key, i]))
  t.ok(byKey.get('funding:pasch')?.overdue, 'a passed deadline stays, overdue')
  t.ok(byKey.get('custom:1')?.overdue)
  t.ok(byKey.get('funding:weltweit')?.overdue)
  t.ok(byKey.get('visa_schengen')?.overdue, 'derived items are late too')
  const early = deriveChecklist(toDuren(), { today, fundingDeadlines: [], previous })
  t.notOk(
    early.some((i) => i.key === 'funding:weltweit'),
    'a deadline not yet passed that no longer fits goes',
  )
  t.ok(early.some((i) => i.key === 'custom:1'))
  t.same(checklistProgress(items), { done: 0, total: 7, overdue: 6 }, 'all but the report are late')
})

t.test('progress counts done, total and overdue; custom keys number on', async (t) => {
  const items = deriveChecklist(toDuren(), none).map((i, n) => ({ ...i, done: n < 2 }))
  t.same(checklistProgress(items), { done: 2, total: 4, overdue: 0 })
  t.equal(nextCustomKey(items), 'custom:1')
  t.equal(nextCustomKey([...items, { key: 'custom:1' }, { key: 'custom:7' }]), 'custom:8')
})

t.test('at most two reminders per open item: 14 and 3 days before, none once late or done', async (t) => {
  const items = [
    { key: 'visa_schengen', dueDate: '2027-03-29', done: false },
    { key: 'insurance', dueDate: '2027-03-29', done: true },
    { key: 'custom:1', dueDate: null, done: false },
    { key: 'report', dueDate: '2027-01-02', done: false },
    { key: 'parental_consent', dueDate: '2027-01-10', done: false },
    // The report reminds on its own once the visit ended: no checklist reminder on top.
    { key: 'report', dueDate: '2027-06-30', done: false },
  ]
  t.same(planChecklistReminders(items, today), [
    {
      key: 'visa_schengen',
      step: 1,
      dueDate: '2027-03-29',
      on: '2027-03-15',
      fireAt: '2027-03-15T07:00:00.000Z',
    },
    {
      key: 'visa_schengen',
      step: 2,
      dueDate: '2027-03-29',
      on: '2027-03-26',
      fireAt: '2027-03-26T07:00:00.000Z',
    },
    {
      key: 'parental_consent',
      step: 2,
      dueDate: '2027-01-10',
      on: '2027-01-07',
      fireAt: '2027-01-07T07:00:00.000Z',
    },
  ])
  for (const r of [planChecklistReminders(items, '2027-03-01'), planChecklistReminders(items, '2027-03-30')])
    t.ok(r.length <= 2)
  t.same(planChecklistReminders(items, '2027-03-30'), [], 'everything late: none')
})
