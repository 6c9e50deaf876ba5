import fc from 'fast-check'
import t from 'tap'
import type { Instance } from '../src/instance.js'
import { welfare } from '../src/welfare.js'

/**
 * Optimality certificate for instances too big to enumerate: a b-matching has maximum weight iff the
 * residual graph of the corresponding min-cost circulation has no negative cycle. Nodes s, A, B, t;
 * arcs s->a (capA), a->b (1, cost -w, w > 0), b->t (capB), t->s (free, cost 0). Checked with
 * Bellman-Ford, independently of the algorithm under test.
 */
function hasNegativeCycle(inst: Instance, pairs: [string, string][]): boolean {
  const ia = new Map(inst.A.map((a, i) => [a.id, 1 + i]))
  const ib = new Map(inst.B.map((b, j) => [b.id, 1 + inst.A.length + j]))
  const s = 0
  const tt = 1 + inst.A.length + inst.B.length
  const chosen = new Set(pairs.map(([a, b]) => `${a}|${b}`))
  const arcs: [number, number, number][] = []
  const usedA = new Map<string, number>()
  const usedB = new Map<string, number>()
  for (const [a, b] of pairs) {
    usedA.set(a, (usedA.get(a) ?? 0) + 1)
    usedB.set(b, (usedB.get(b) ?? 0) + 1)
  }
  for (const a of inst.A) {
    const used = usedA.get(a.id) ?? 0
    if (used < (a.capacity ?? 1)) arcs.push([s, ia.get(a.id)!, 0])
    if (used > 0) arcs.push([ia.get(a.id)!, s, 0])
  }
  for (const b of inst.B) {
    const used = usedB.get(b.id) ?? 0
    if (used < (b.capacity ?? 1)) arcs.push([ib.get(b.id)!, tt, 0])
    if (used > 0) arcs.push([tt, ib.get(b.id)!, 0])
  }
  for (const e of inst.edges) {
    if (e.weight <= 0) continue
    if (chosen.has(`${e.a}|${e.b}`)) arcs.push([ib.get(e.b)!, ia.get(e.a)!, e.weight])
    else arcs.push([ia.get(e.a)!, ib.get(e.b)!, -e.weight])
  }
  arcs.push([tt, s, 0])
  arcs.push([s, tt, 0]) // flow value may go down as well as up
  const n = tt + 1
  const dist = new Array<number>(n).fill(0)
  for (let round = 0; round < n; round++) {
    let changed = false
    for (const [u, v, c] of arcs) {
      if (dist[u]! + c < dist[v]! - 1e-9) {
        dist[v] = dist[u]! + c
        changed = true
      }
    }
    if (!changed) return false
  }
  return true
}

const medium = fc
  .record({
    nA: fc.integer({ min: 5, max: 15 }),
    nB: fc.integer({ min: 5, max: 15 }),
    seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 50, maxLength: 50 }),
  })
  .map(({ nA, nB, seed }): Instance => {
    let k = 0
    const next = (m: number) => (seed[k++ % seed.length]! + k * 7919) % m
    const A = Array.from({ length: nA }, (_, i) => ({ id: `a${i}`, capacity: 1 + next(3) }))
    const B = Array.from({ length: nB }, (_, j) => ({ id: `b${j}`, capacity: 1 + next(3) }))
    const edges: Instance['edges'] = []
    for (const a of A)
      for (const b of B) if (next(3) === 0) edges.push({ a: a.id, b: b.id, weight: (next(1000) - 100) / 10 })
    return { A, B, edges }
  })

t.test('welfare on medium instances carries a no-negative-cycle optimality certificate', async (t) => {
  fc.assert(
    fc.property(medium, (inst) => !hasNegativeCycle(inst, welfare(inst).pairs)),
    { numRuns: 200 },
  )
  t.pass('property held')
})

t.test('the certificate check itself detects a suboptimal matching', async (t) => {
  const inst: Instance = {
    A: [{ id: 'a1' }, { id: 'a2' }],
    B: [{ id: 'b1' }, { id: 'b2' }],
    edges: [
      { a: 'a1', b: 'b1', weight: 5 },
      { a: 'a1', b: 'b2', weight: 4 },
      { a: 'a2', b: 'b1', weight: 4 },
    ],
  }
  t.ok(hasNegativeCycle(inst, [['a1', 'b1']]), 'a1-b2 + a2-b1 = 8 beats 5')
  t.notOk(hasNegativeCycle(inst, welfare(inst).pairs))
  t.same(welfare(inst).totalWeight, 8)
})
