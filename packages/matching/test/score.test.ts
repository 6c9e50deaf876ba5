import fc from 'fast-check'
import t from 'tap'
import { PairSet } from '../src/compatibility.js'
import { CRITERIA, DEFAULT_WEIGHTS, scorePair } from '../src/score.js'
import { arbInterest } from './arbitraries.js'
import { interest } from './helpers.js'

const d = (over = {}) => interest({ id: 'd1', side: 'duren', ...over })
const j = (over = {}) => interest({ id: 'j1', side: 'jinhua', ...over })

t.test('score is in [0,1] and the explanation sums to it', async (t) => {
  fc.assert(
    fc.property(arbInterest('duren', 'd'), arbInterest('jinhua', 'j'), (a, b) => {
      const s = scorePair(a, b)
      const sum = s.explanation.reduce((acc, e) => acc + e.contribution, 0)
      const wsum = s.explanation.reduce((acc, e) => acc + e.weight, 0)
      return (
        s.score >= 0 &&
        s.score <= 1 + 1e-12 &&
        Math.abs(sum - s.score) < 1e-12 &&
        Math.abs(wsum - 1) < 1e-12 &&
        s.explanation.every(
          (e) => e.raw >= 0 && e.raw <= 1 && Math.abs(e.raw * e.weight - e.contribution) < 1e-15,
        )
      )
    }),
    { numRuns: 500 },
  )
  t.pass('property held')
})

t.test('explanation lists every criterion with default weights', async (t) => {
  const s = scorePair(d(), j())
  t.same(
    s.explanation.map((e) => e.criterion),
    CRITERIA,
  )
  const total = Object.values(DEFAULT_WEIGHTS).reduce((a, b) => a + b, 0)
  t.equal(s.explanation.find((e) => e.criterion === 'topics')!.weight, DEFAULT_WEIGHTS.topics / total)
  t.ok(s.constraints.feasible)
})

t.test('criteria react to the features they describe', async (t) => {
  const raw = (a = d(), b = j(), prev?: PairSet) =>
    Object.fromEntries(
      scorePair(a, b, prev ? { previousPartners: prev } : {}).explanation.map((e) => [e.criterion, e.raw]),
    )
  t.equal(raw().topics, 1)
  t.equal(raw(d({ topics: ['culture', 'sport'] }), j({ topics: ['culture', 'science'] })).topics, 1 / 3)
  t.equal(raw().kind, 1, 'gymnasium ~ senior_high')
  t.equal(raw(d({ subtype: 'berufskolleg' }), j({ subtype: 'vocational_college' })).kind, 1)
  t.equal(raw(d({ subtype: 'grundschule' }), j({ subtype: 'primary' })).kind, 1)
  t.equal(raw(d({ subtype: 'grundschule' }), j({ subtype: 'senior_high' })).kind, 0.5, 'both schools')
  t.equal(
    raw(d({ institutionKind: 'club', subtype: 'sport' }), j({ institutionKind: 'club', subtype: 'sport' }))
      .kind,
    1,
  )
  t.equal(
    raw(d({ institutionKind: 'club', subtype: 'music' }), j({ institutionKind: 'club', subtype: 'sport' }))
      .kind,
    0.4,
  )
  t.equal(raw().language, 0.5, 'best shared level is en intermediate')
  t.equal(raw(d({ languages: [{ lang: 'zh', level: 'fluent' }] })).language, 0.75)
  t.equal(raw().continuation, 0)
  t.equal(raw(d(), j(), new PairSet([['inst-d1', 'inst-j1']])).continuation, 1)
  t.equal(raw().format, 1, 'reciprocal pupil exchange')
  t.equal(
    raw(d({ formats: ['pupil_exchange_hosting'], direction: 'host' }), j({ formats: ['group_visit'] }))
      .format,
    0.7,
  )
  t.equal(raw().age, 1)
  t.equal(raw(d({ ageMin: 12, ageMax: 15 }), j({ ageMin: 14, ageMax: 17 })).age, 2 / 6)
  t.equal(raw().window, 1)
  t.equal(raw().size, 1)
})

t.test('weights from configuration change the result', async (t) => {
  const a = d({ topics: ['sport'] })
  const near = j({ id: 'j1', topics: ['sport'], languages: [{ lang: 'en', level: 'basic' }] })
  const fluent = j({ id: 'j2', topics: ['economy'], languages: [{ lang: 'de', level: 'fluent' }] })
  const topicHeavy = { topics: 10, language: 1 }
  const langHeavy = { topics: 1, language: 10 }
  t.ok(
    scorePair(a, near, { weights: topicHeavy }).score > scorePair(a, fluent, { weights: topicHeavy }).score,
  )
  t.ok(scorePair(a, near, { weights: langHeavy }).score < scorePair(a, fluent, { weights: langHeavy }).score)
  const only = scorePair(a, near, {
    weights: { topics: 1, format: 0, age: 0, language: 0, window: 0, size: 0, kind: 0, continuation: 0 },
  })
  t.equal(only.score, 1, 'topic-only weights give the topic Jaccard')
  t.throws(() => scorePair(a, near, { weights: { topics: -1 } }), { code: 'MATCH_INVALID_WEIGHTS' })
  t.throws(
    () =>
      scorePair(a, near, {
        weights: { topics: 0, format: 0, age: 0, language: 0, window: 0, size: 0, kind: 0, continuation: 0 },
      }),
    { code: 'MATCH_INVALID_WEIGHTS' },
  )
})

t.test('infeasible pairs still get a score but report the failed constraint', async (t) => {
  const s = scorePair(d({ ageMin: 6, ageMax: 9 }), j())
  t.notOk(s.constraints.feasible)
  t.same(s.constraints.failed, ['age'])
})
