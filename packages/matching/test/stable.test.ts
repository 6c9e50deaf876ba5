import fc from 'fast-check'
import t from 'tap'
import { compareCodePoints } from '../src/ids.js'
import type { Instance } from '../src/instance.js'
import { stable } from '../src/stable.js'
import {
  allStableMatchings,
  blockingPairs,
  mutualPairs,
  refPrefs,
  residualCaps,
  tinyInstance,
  withoutLocked,
} from './helpers.js'

const RUNS = { numRuns: 300 }

function countBy(pairs: [string, string][], i: 0 | 1): Map<string, number> {
  const m = new Map<string, number>()
  for (const p of pairs) m.set(p[i], (m.get(p[i]) ?? 0) + 1)
  return m
}

t.test('stable matching is pairwise stable, within capacity, mutual only', async (t) => {
  fc.assert(
    fc.property(
      tinyInstance({ prefs: true, lockExclude: true }),
      fc.constantFrom('A' as const, 'B' as const),
      (inst, proposer) => {
        const res = stable(inst, { proposer })
        const free = withoutLocked(inst, res.pairs)
        const mutual = new Set(mutualPairs(inst).map(([a, b]) => `${a}|${b}`))
        for (const [a, b] of free) if (!mutual.has(`${a}|${b}`)) return false
        const caps = residualCaps(inst)
        for (const [a, n] of countBy(free, 0)) if (n > caps.A.get(a)!) return false
        for (const [b, n] of countBy(free, 1)) if (n > caps.B.get(b)!) return false
        const keys = new Set(res.pairs.map(([a, b]) => `${a}|${b}`))
        if (keys.size !== res.pairs.length) return false
        for (const [a, b] of inst.locked ?? []) if (!keys.has(`${a}|${b}`)) return false
        for (const [a, b] of inst.excluded ?? []) if (keys.has(`${a}|${b}`)) return false
        return blockingPairs(inst, free).length === 0
      },
    ),
    RUNS,
  )
  t.pass('property held')
})

t.test('stable is optimal for the proposing side among all stable matchings', async (t) => {
  fc.assert(
    fc.property(
      tinyInstance({ maxA: 3, maxB: 3, prefs: true, lockExclude: true }),
      fc.constantFrom('A' as const, 'B' as const),
      (inst, proposer) => {
        if (mutualPairs(inst).length > 10) return true
        const res = withoutLocked(inst, stable(inst, { proposer }).pairs)
        const prefs = refPrefs(inst)[proposer]
        const idx = proposer === 'A' ? 0 : 1
        const ranks = (m: [string, string][], p: string) =>
          m
            .filter((x) => x[idx] === p)
            .map((x) => prefs.get(p)!.indexOf(x[1 - idx]!))
            .sort((x, y) => x - y)
        for (const other of allStableMatchings(inst)) {
          for (const p of prefs.keys()) {
            const mine = ranks(res, p)
            const theirs = ranks(other, p)
            // Rural-hospitals: same number of partners in every stable matching; responsive dominance:
            if (mine.length !== theirs.length) return false
            for (let k = 0; k < mine.length; k++) if (mine[k]! > theirs[k]!) return false
          }
        }
        return true
      },
    ),
    RUNS,
  )
  t.pass('property held')
})

t.test('stable without prefs ranks by weight desc then id in code-point order', async (t) => {
  // '\u{1F600}' (astral) sorts after '\uFFFF' by code point, but before it by UTF-16 units.
  const astral = 'b\u{1F600}'
  const bmp = 'b\uFFFF'
  t.ok(compareCodePoints(bmp, astral) < 0)
  const inst: Instance = {
    A: [{ id: 'a1', capacity: 1 }],
    B: [{ id: astral }, { id: bmp }],
    edges: [
      { a: 'a1', b: astral, weight: 5 },
      { a: 'a1', b: bmp, weight: 5 },
    ],
  }
  t.same(stable(inst).pairs, [['a1', bmp]])
  inst.edges[0]!.weight = 6
  t.same(stable(inst).pairs, [['a1', astral]])
})

t.test('proposer side matters on the classic 2x2 instance', async (t) => {
  const inst: Instance = {
    A: [
      { id: 'a1', prefs: ['b1', 'b2'] },
      { id: 'a2', prefs: ['b2', 'b1'] },
    ],
    B: [
      { id: 'b1', prefs: ['a2', 'a1'] },
      { id: 'b2', prefs: ['a1', 'a2'] },
    ],
    edges: [],
  }
  t.same(stable(inst, { proposer: 'A' }).pairs, [
    ['a1', 'b1'],
    ['a2', 'b2'],
  ])
  t.same(stable(inst, { proposer: 'B' }).pairs, [
    ['a1', 'b2'],
    ['a2', 'b1'],
  ])
  t.equal(stable(inst).totalWeight, 0, 'pairs without edges add no weight')
})

t.test('a pair is used only when both sides list each other', async (t) => {
  const inst: Instance = {
    A: [{ id: 'a1', prefs: ['b1'] }],
    B: [{ id: 'b1', prefs: [] }],
    edges: [{ a: 'a1', b: 'b1', weight: 3 }],
  }
  t.same(stable(inst).pairs, [])
})

t.test('many-to-many capacities with a known answer', async (t) => {
  const inst: Instance = {
    A: [
      { id: 'a1', capacity: 2 },
      { id: 'a2', capacity: 1 },
    ],
    B: [
      { id: 'b1', capacity: 1 },
      { id: 'b2', capacity: 2 },
    ],
    edges: [
      { a: 'a1', b: 'b1', weight: 0.1 },
      { a: 'a1', b: 'b2', weight: 0.2 },
      { a: 'a2', b: 'b1', weight: 0.7 },
      { a: 'a2', b: 'b2', weight: 0.05 },
    ],
  }
  const res = stable(inst)
  t.same(res.pairs, [
    ['a1', 'b2'],
    ['a2', 'b1'],
  ])
  t.equal(res.totalWeight, 0.9)
})
