import t from 'tap'
import { Value } from 'typebox/value'
import {
  agreementAims,
  aimText,
  prefillReport,
  REPORT_BANDS,
  ReportFields,
  ReportStory,
  reportBandOf,
  reportGaps,
} from '../src/index.js'

const purpose = {
  formats: ['pupil_exchange'],
  aims: {
    de: 'Sprachkenntnisse vertiefen\nGemeinsames Projekt zu Wasserstoff',
    zh: '加深语言知识\n氢能联合项目',
  },
}
const groups = {
  duren: { bands: [{ kind: 'pupils', ageMin: 14, ageMax: 16, count: 12 }], accompanyingAdults: 2 },
  jinhua: { bands: [{ kind: 'pupils', ageMin: 15, ageMax: 17, count: 10 }], accompanyingAdults: 3 },
}
const agreement = { purpose, groups } as never

t.test('the aims of the agreement: one per line, the same key in every language', async (t) => {
  const aims = agreementAims(agreement)
  t.same(
    aims.map((a) => a.key),
    ['aim-1', 'aim-2'],
  )
  t.equal(aimText(aims[1]!, 'zh'), '氢能联合项目')
  t.equal(aimText(aims[1]!, 'en'), 'Gemeinsames Projekt zu Wasserstoff', 'falls back to German')
  t.same(agreementAims(null), [{ key: 'aim-1', text: {} }], 'no agreement: the purpose as one aim')
  t.same(
    agreementAims({ purpose: { formats: [], aims: { de: '- eins; - zwei' } } } as never).map(
      (a) => a.text.de,
    ),
    ['eins', 'zwei'],
    'list marks and semicolons',
  )
})

t.test('age ranges fall into the trip plan’s bands', async (t) => {
  t.equal(reportBandOf('pupils', 9), '8-11')
  t.equal(reportBandOf('pupils', 14), '12-14')
  t.equal(reportBandOf('pupils', 15), '15-17')
  t.equal(reportBandOf('pupils', 19), '18-26')
  t.equal(reportBandOf('trainees', 16), 'trainees')
  t.same(REPORT_BANDS, ['8-11', '12-14', '15-17', '18-26', 'trainees'])
})

const visit = { startDate: '2027-05-10', endDate: '2027-05-14' }

t.test('prefilled: the days, the travelling group from the trip plan, an outcome per aim', async (t) => {
  const tripPlan = {
    group: {
      bands: [
        { band: '15-17', count: 9 },
        { band: '12-14', count: 2 },
      ],
      adults: 2,
    },
  }
  const f = prefillReport({ visit, side: 'jinhua', travelled: true, agreement, tripPlan })
  t.equal(f.days, 5)
  t.same(f.participants, { bands: { '15-17': 9, '12-14': 2 }, accompanyingAdults: 2 })
  t.same(f.outcomes, [{ aim: 'aim-1' }, { aim: 'aim-2' }])
  t.ok(Value.Check(ReportFields, f), 'a valid draft')
  const gaps = reportGaps(f, ['aim-1', 'aim-2']).map((g) => g.path)
  t.same(gaps, ['activities.chosen', 'outcomes.aim-1', 'outcomes.aim-2', 'rating', 'wouldRepeat', 'improve'])
})

t.test('the host is prefilled from its side of the agreement; nothing known: only the days', async (t) => {
  const host = prefillReport({ visit, side: 'duren', travelled: false, agreement, tripPlan: null })
  t.same(host.participants, { bands: { '12-14': 12 }, accompanyingAdults: 2 })
  const bare = prefillReport({ visit, side: 'duren', travelled: true, agreement: null, tripPlan: null })
  t.same(bare.participants, { bands: {} })
  t.equal(bare.days, 5)
  t.same(
    reportGaps(bare, ['aim-1'])
      .slice(0, 2)
      .map((g) => g.problem),
    ['no_participants', 'required'],
  )
})

t.test('a complete report has no gaps; an aim the agreement does not have is refused', async (t) => {
  const f = {
    ...prefillReport({ visit, side: 'duren', travelled: false, agreement, tripPlan: null }),
    activities: { chosen: ['lessons', 'culture'] as const },
    outcomes: [
      { aim: 'aim-1', rating: 'achieved' as const },
      { aim: 'aim-2', rating: 'partly' as const, comment: 'Zeit war knapp' },
    ],
    rating: 4,
    wouldRepeat: 'yes' as const,
    improve: 'Mehr Zeit für das Projekt',
  }
  t.ok(Value.Check(ReportFields, f))
  t.same(reportGaps(f as never, ['aim-1', 'aim-2']), [])
  t.same(reportGaps(f as never, ['aim-1']), [{ path: 'outcomes.aim-2', problem: 'unknown_aim' }])
})

t.test(
  'the schema refuses names where counts go, ratings outside 1–5, a story without consent',
  async (t) => {
    const base = { participants: { bands: {} }, activities: { chosen: [] }, outcomes: [] }
    t.ok(Value.Check(ReportFields, base))
    t.notOk(Value.Check(ReportFields, { ...base, participants: { bands: { '8-11': 'Anna, Ben' } } }))
    t.notOk(Value.Check(ReportFields, { ...base, participants: { bands: {}, pupils: ['Anna'] } }))
    t.notOk(Value.Check(ReportFields, { ...base, rating: 6 }))
    t.notOk(Value.Check(ReportFields, { ...base, activities: { chosen: ['skydiving'] } }))
    const story = { title: 'Eine Woche in Jinhua', text: 'Wir haben …', language: 'de', consent: true }
    t.ok(Value.Check(ReportStory, story))
    t.notOk(Value.Check(ReportStory, { ...story, consent: false }))
    const { consent: _c, ...noConsent } = story
    t.notOk(Value.Check(ReportStory, noConsent))
  },
)
