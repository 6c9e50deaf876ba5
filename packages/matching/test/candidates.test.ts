import fc from 'fast-check'
import t from 'tap'
import { bruteForceCandidates, generateCandidates } from '../src/candidates.js'
import { PairSet } from '../src/compatibility.js'
import { prepareInterest } from '../src/prepared.js'
import { arbPopulation } from './arbitraries.js'

const pairsOf = (c: { a: Int32Array; b: Int32Array; length: number }) =>
  Array.from({ length: c.length }, (_, k) => `${c.a[k]}:${c.b[k]}`)

t.test('indexed candidate generation returns exactly the brute-force feasible pairs', async (t) => {
  let feasibleSeen = 0
  fc.assert(
    fc.property(
      arbPopulation(25, 25),
      fc.array(fc.tuple(fc.nat(30), fc.nat(30), fc.boolean()), { maxLength: 6 }),
      ({ A, B }, ex) => {
        // Exclusions by interest id and by institution id.
        const excluded = new PairSet(
          ex.map(([i, j, byInst]) =>
            byInst ? [`duren-inst-${i % 4}`, `jinhua-inst-${j % 4}`] : [`d${i}`, `j${j}`],
          ),
        )
        const PA = A.map(prepareInterest)
        const PB = B.map(prepareInterest)
        const fast = pairsOf(generateCandidates(PA, PB, { excluded }))
        const slow = pairsOf(bruteForceCandidates(PA, PB, { excluded }))
        feasibleSeen += slow.length
        t.same(fast, slow) // same order too: sorted by a, then b
        return fast.join() === slow.join()
      },
    ),
    { numRuns: 200 },
  )
  t.ok(feasibleSeen > 100, `generator produces feasible pairs (${feasibleSeen})`)
})
