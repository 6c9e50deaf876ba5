import fc from 'fast-check'
import t from 'tap'
import type { Instance } from '../src/instance.js'
import { stable } from '../src/stable.js'
import { welfare } from '../src/welfare.js'
import { bruteWelfare, residualCaps, tinyInstance, withoutLocked } from './helpers.js'

t.test(
  'welfare equals the brute-force optimum and respects capacities, locked and excluded pairs',
  async (t) => {
    fc.assert(
      fc.property(tinyInstance({ maxA: 4, maxB: 3, lockExclude: true }), (inst) => {
        const res = welfare(inst)
        if (Math.abs(res.totalWeight - bruteWelfare(inst)) > 1e-6) return false
        const keys = new Set(res.pairs.map(([a, b]) => `${a}|${b}`))
        if (keys.size !== res.pairs.length) return false
        for (const [a, b] of inst.locked ?? []) if (!keys.has(`${a}|${b}`)) return false
        for (const [a, b] of inst.excluded ?? []) if (keys.has(`${a}|${b}`)) return false
        const weights = new Map(inst.edges.map((e) => [`${e.a}|${e.b}`, e.weight]))
        const caps = residualCaps(inst)
        const used = new Map<string, number>()
        for (const [a, b] of withoutLocked(inst, res.pairs)) {
          const w = weights.get(`${a}|${b}`)
          if (w === undefined || w <= 0) return false
          used.set(`A${a}`, (used.get(`A${a}`) ?? 0) + 1)
          used.set(`B${b}`, (used.get(`B${b}`) ?? 0) + 1)
        }
        for (const [k, n] of used) {
          const cap = k[0] === 'A' ? caps.A.get(k.slice(1))! : caps.B.get(k.slice(1))!
          if (n > cap) return false
        }
        return true
      }),
      { numRuns: 300 },
    )
    t.pass('property held')
  },
)

t.test('welfare total is never below the stable total', async (t) => {
  fc.assert(
    fc.property(
      tinyInstance({ maxA: 5, maxB: 5, prefs: true, lockExclude: true }),
      fc.constantFrom('A' as const, 'B' as const),
      (inst, proposer) => {
        return welfare(inst).totalWeight >= stable(inst, { proposer }).totalWeight - 1e-9
      },
    ),
    { numRuns: 300 },
  )
  t.pass('property held')
})

t.test('welfare maximises weight, not cardinality', async (t) => {
  const inst: Instance = {
    A: [{ id: 'a1' }, { id: 'a2' }],
    B: [{ id: 'b1' }, { id: 'b2' }],
    edges: [
      { a: 'a1', b: 'b1', weight: 10 },
      { a: 'a1', b: 'b2', weight: 4 },
      { a: 'a2', b: 'b1', weight: 4 },
      { a: 'a2', b: 'b2', weight: -1 },
    ],
  }
  const res = welfare(inst)
  t.same(res.pairs, [['a1', 'b1']])
  t.equal(res.totalWeight, 10)
})

t.test('float totals are rounded sensibly', async (t) => {
  const inst: Instance = {
    A: [{ id: 'a1', capacity: 2 }],
    B: [{ id: 'b1' }, { id: 'b2' }],
    edges: [
      { a: 'a1', b: 'b1', weight: 0.1 },
      { a: 'a1', b: 'b2', weight: 0.2 },
    ],
  }
  t.equal(welfare(inst).totalWeight, 0.3)
})

t.test('welfare never exceeds the per-agent best-edges upper bound', async (t) => {
  fc.assert(
    fc.property(tinyInstance({ maxA: 8, maxB: 8 }), (inst) => {
      const res = welfare(inst)
      let bound = 0
      for (const a of inst.A) {
        const ws = inst.edges
          .filter((e) => e.a === a.id && e.weight > 0)
          .map((e) => e.weight)
          .sort((x, y) => y - x)
        bound += ws.slice(0, a.capacity ?? 1).reduce((s, w) => s + w, 0)
      }
      return res.totalWeight <= bound + 1e-9
    }),
    { numRuns: 100 },
  )
  t.pass('property held')
})
