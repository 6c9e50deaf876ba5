import fc from 'fast-check'
import t from 'tap'
import { prepareRun, runBothPolicies, runMatching } from '../src/run.js'
import { arbPopulation } from './arbitraries.js'
import { interest } from './helpers.js'

t.test('runMatching goes from interests to explained proposals', async (t) => {
  const interests = [
    interest({ id: 'd1', side: 'duren', capacity: 2 }),
    interest({ id: 'd2', side: 'duren', topics: ['sport'] }),
    interest({ id: 'j1', side: 'jinhua' }),
    interest({ id: 'j2', side: 'jinhua', topics: ['sport'] }),
    interest({ id: 'j3', side: 'jinhua', ageMin: 6, ageMax: 9 }),
  ]
  const res = runMatching(interests, { policy: 'stable' })
  t.equal(res.policy, 'stable')
  t.equal(res.proposer, 'duren')
  t.same(
    res.proposals.map((p) => [p.aId, p.bId]),
    [
      ['d1', 'j1'],
      ['d2', 'j2'],
    ],
  )
  for (const p of res.proposals) {
    t.ok(p.constraints.feasible)
    t.equal(
      p.explanation.reduce((s, e) => s + e.contribution, 0),
      p.score,
    )
  }
  t.equal(res.summary.pairs, 2)
  t.equal(res.stats.candidatePairs, 4, 'j3 is too young for everyone')
  t.ok(Math.abs(res.summary.meanScore - res.summary.totalScore / 2) < 1e-9)
  const w = runMatching(interests, { policy: 'welfare' })
  t.equal(w.proposer, null)
  t.ok(w.summary.totalScore >= res.summary.totalScore - 1e-9)
})

t.test('locked, excluded and previous partners', async (t) => {
  const interests = [
    interest({ id: 'd1', side: 'duren' }),
    interest({ id: 'j1', side: 'jinhua' }),
    interest({ id: 'j2', side: 'jinhua', topics: ['sport'] }),
  ]
  t.same(
    runMatching(interests, { policy: 'welfare', locked: [['d1', 'j2']] }).proposals.map((p) => [
      p.bId,
      p.locked,
    ]),
    [['j2', true]],
  )
  t.same(
    runMatching(interests, { policy: 'stable', excluded: [['inst-d1', 'inst-j1']] }).proposals.map(
      (p) => p.bId,
    ),
    ['j2'],
  )
  const cont = runMatching(interests, {
    policy: 'stable',
    previousPartners: [['inst-d1', 'inst-j2']],
    weights: { continuation: 5 },
  })
  t.same(
    cont.proposals.map((p) => p.bId),
    ['j2'],
    'continuation weight overrides topic fit',
  )
  t.throws(() => runMatching(interests, { policy: 'stable', locked: [['d1', 'nope']] }), {
    code: 'MATCH_INVALID_INPUT',
  })
  t.throws(
    () => runMatching(interests, { policy: 'stable', locked: [['d1', 'j1']], excluded: [['d1', 'j1']] }),
    { code: 'MATCH_INVALID_INPUT' },
  )
})

t.test('both policies on random populations: feasible, within capacity, welfare >= stable', async (t) => {
  fc.assert(
    fc.property(
      arbPopulation(12, 12),
      fc.constantFrom('duren' as const, 'jinhua' as const),
      ({ A, B }, proposer) => {
        const both = runBothPolicies([...A, ...B], { proposer })
        const cap = new Map([...A, ...B].map((x) => [x.id, x.capacity]))
        for (const run of [both.stable, both.welfare]) {
          const used = new Map<string, number>()
          for (const p of run.proposals) {
            if (!p.constraints.feasible) return false
            for (const id of [p.aId, p.bId]) used.set(id, (used.get(id) ?? 0) + 1)
          }
          for (const [id, n] of used) if (n > cap.get(id)!) return false
        }
        return (
          both.welfare.summary.totalScore >= both.stable.summary.totalScore - 1e-9 &&
          both.stable.proposer === proposer
        )
      },
    ),
    { numRuns: 200 },
  )
  t.pass('property held')
})

t.test('maxCandidatesPerAgent keeps the best partners of each duren interest', async (t) => {
  const interests = [
    interest({ id: 'd1', side: 'duren', capacity: 3, topics: ['sport'] }),
    interest({ id: 'j1', side: 'jinhua', topics: ['economy'] }),
    interest({ id: 'j2', side: 'jinhua', topics: ['sport'] }),
    interest({ id: 'j3', side: 'jinhua', topics: ['sport', 'culture'] }),
  ]
  const all = runMatching(interests, { policy: 'welfare' })
  t.equal(all.proposals.length, 3)
  const top1 = runMatching(interests, { policy: 'welfare', maxCandidatesPerAgent: 1 })
  t.same(
    top1.proposals.map((p) => p.bId),
    ['j2'],
  )
  t.equal(top1.stats.candidatePairs, 3, 'feasible pairs are still counted')
  t.equal(top1.stats.edges, 1)
})

t.test('top-K pruning keeps exactly the K best edges per duren interest (ties: input order)', async (t) => {
  fc.assert(
    fc.property(arbPopulation(10, 14), fc.integer({ min: 1, max: 4 }), ({ A, B }, k) => {
      const full = prepareRun([...A, ...B]).ci
      const pruned = prepareRun([...A, ...B], { maxCandidatesPerAgent: k }).ci
      const edgesOf = (ci: typeof full, a: number) => {
        const out: [number, number][] = []
        for (let p = ci.offA[a]!; p < ci.offA[a + 1]!; p++) out.push([ci.edgeB[p]!, ci.edgeW[p]!])
        return out
      }
      for (let a = 0; a < full.nA; a++) {
        const want = edgesOf(full, a)
          .sort((x, y) => y[1] - x[1] || x[0] - y[0])
          .slice(0, k)
          .map((e) => e[0])
          .sort((x, y) => x - y)
        const got = edgesOf(pruned, a)
          .map((e) => e[0])
          .sort((x, y) => x - y)
        if (want.join() !== got.join()) return false
      }
      return true
    }),
    { numRuns: 200 },
  )
  t.pass('property held')
})
