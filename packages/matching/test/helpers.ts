import fc from 'fast-check'
import { compareCodePoints } from '../src/ids.js'
import type { Agent, Instance } from '../src/instance.js'
import type { MatchInterest } from '../src/interest.js'

/** Tiny bipartite instances, small enough to enumerate every matching. */
export const tinyInstance = (
  opts: { maxA?: number; maxB?: number; prefs?: boolean; lockExclude?: boolean } = {},
) =>
  fc
    .record({
      nA: fc.integer({ min: 1, max: opts.maxA ?? 4 }),
      nB: fc.integer({ min: 1, max: opts.maxB ?? 4 }),
      seed: fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 64, maxLength: 64 }),
    })
    .map(({ nA, nB, seed }) => {
      let s = 0
      const next = (n: number) => seed[s++ % seed.length]! % n
      const A: Agent[] = Array.from({ length: nA }, (_, i) => ({ id: `a${i}`, capacity: next(3) }))
      const B: Agent[] = Array.from({ length: nB }, (_, j) => ({ id: `b${j}`, capacity: next(3) }))
      const edges: Instance['edges'] = []
      for (const a of A)
        for (const b of B) if (next(4) > 0) edges.push({ a: a.id, b: b.id, weight: next(12) - 2 })
      if (opts.prefs) {
        for (const [side, other] of [
          [A, B],
          [B, A],
        ] as const) {
          for (const ag of side) {
            if (next(2) === 0) continue
            const pool = other.map((o) => o.id).filter(() => next(3) > 0)
            for (let k = pool.length - 1; k > 0; k--) {
              const r = next(k + 1)
              ;[pool[k], pool[r]] = [pool[r]!, pool[k]!]
            }
            ag.prefs = pool
          }
        }
      }
      const inst: Instance = { A, B, edges }
      if (opts.lockExclude) {
        const locked: [string, string][] = []
        const excluded: [string, string][] = []
        const usedA = new Map<string, number>()
        const usedB = new Map<string, number>()
        for (const a of A) {
          for (const b of B) {
            const roll = next(10)
            const ua = usedA.get(a.id) ?? 0
            const ub = usedB.get(b.id) ?? 0
            if (roll === 0 && ua < (a.capacity ?? 1) && ub < (b.capacity ?? 1)) {
              locked.push([a.id, b.id])
              usedA.set(a.id, ua + 1)
              usedB.set(b.id, ub + 1)
            } else if (roll === 1) excluded.push([a.id, b.id])
          }
        }
        inst.locked = locked
        inst.excluded = excluded
      }
      return inst
    })

const key = (a: string, b: string) => `${a}|${b}`

/** Reference preference lists, written independently of src/prefs.ts. */
export function refPrefs(inst: Instance): { A: Map<string, string[]>; B: Map<string, string[]> } {
  const dropped = new Set([...(inst.locked ?? []), ...(inst.excluded ?? [])].map(([a, b]) => key(a, b)))
  const build = (agents: Agent[], side: 'A' | 'B') => {
    const out = new Map<string, string[]>()
    for (const ag of agents) {
      let list: string[]
      if (ag.prefs) list = [...ag.prefs]
      else {
        const mine = inst.edges
          .filter((e) => (side === 'A' ? e.a : e.b) === ag.id)
          .map((e) => ({ id: side === 'A' ? e.b : e.a, w: e.weight }))
        mine.sort((x, y) => y.w - x.w || compareCodePoints(x.id, y.id))
        list = mine.map((x) => x.id)
      }
      out.set(
        ag.id,
        list.filter((o) => !dropped.has(side === 'A' ? key(ag.id, o) : key(o, ag.id))),
      )
    }
    return out
  }
  return { A: build(inst.A, 'A'), B: build(inst.B, 'B') }
}

/** Capacities after locked pairs. */
export function residualCaps(inst: Instance): { A: Map<string, number>; B: Map<string, number> } {
  const A = new Map(inst.A.map((a) => [a.id, a.capacity ?? 1]))
  const B = new Map(inst.B.map((b) => [b.id, b.capacity ?? 1]))
  for (const [a, b] of inst.locked ?? []) {
    A.set(a, A.get(a)! - 1)
    B.set(b, B.get(b)! - 1)
  }
  return { A, B }
}

export function mutualPairs(inst: Instance): [string, string][] {
  const p = refPrefs(inst)
  const out: [string, string][] = []
  for (const [a, list] of p.A) for (const b of list) if (p.B.get(b)!.includes(a)) out.push([a, b])
  return out
}

function respectsCaps(pairs: [string, string][], caps: ReturnType<typeof residualCaps>): boolean {
  const ua = new Map<string, number>()
  const ub = new Map<string, number>()
  for (const [a, b] of pairs) {
    ua.set(a, (ua.get(a) ?? 0) + 1)
    ub.set(b, (ub.get(b) ?? 0) + 1)
    if (ua.get(a)! > caps.A.get(a)! || ub.get(b)! > caps.B.get(b)!) return false
  }
  return true
}

export function* subsets<T>(xs: T[]): Generator<T[]> {
  for (let mask = 0; mask < 1 << xs.length; mask++) yield xs.filter((_, i) => mask & (1 << i))
}

/** Pairs (among mutually acceptable, non-locked ones) that block `matching` (without locked pairs). */
export function blockingPairs(inst: Instance, matching: [string, string][]): [string, string][] {
  const p = refPrefs(inst)
  const caps = residualCaps(inst)
  const inM = new Set(matching.map(([a, b]) => key(a, b)))
  const partnersA = (a: string) => matching.filter((m) => m[0] === a).map((m) => m[1])
  const partnersB = (b: string) => matching.filter((m) => m[1] === b).map((m) => m[0])
  const wants = (list: string[], partners: string[], cap: number, x: string) => {
    if (partners.length < cap) return true
    const worst = Math.max(...partners.map((q) => list.indexOf(q)))
    return list.indexOf(x) < worst
  }
  return mutualPairs(inst).filter(
    ([a, b]) =>
      !inM.has(key(a, b)) &&
      wants(p.A.get(a)!, partnersA(a), caps.A.get(a)!, b) &&
      wants(p.B.get(b)!, partnersB(b), caps.B.get(b)!, a),
  )
}

/** Every pairwise-stable matching (locked pairs excluded), by enumeration. */
export function allStableMatchings(inst: Instance): [string, string][][] {
  const caps = residualCaps(inst)
  const out: [string, string][][] = []
  for (const m of subsets(mutualPairs(inst))) {
    if (respectsCaps(m, caps) && blockingPairs(inst, m).length === 0) out.push(m)
  }
  return out
}

/** Maximum total weight over capacity-respecting sets of positive edges, plus locked pairs' weights. */
export function bruteWelfare(inst: Instance): number {
  const dropped = new Set([...(inst.locked ?? []), ...(inst.excluded ?? [])].map(([a, b]) => key(a, b)))
  const usable = inst.edges.filter((e) => e.weight > 0 && !dropped.has(key(e.a, e.b)))
  const caps = residualCaps(inst)
  let best = 0
  for (const s of subsets(usable)) {
    if (
      !respectsCaps(
        s.map((e) => [e.a, e.b]),
        caps,
      )
    )
      continue
    const total = s.reduce((acc, e) => acc + e.weight, 0)
    if (total > best) best = total
  }
  return best + lockedWeight(inst)
}

export function lockedWeight(inst: Instance): number {
  const w = new Map(inst.edges.map((e) => [key(e.a, e.b), e.weight]))
  return (inst.locked ?? []).reduce((acc, [a, b]) => acc + (w.get(key(a, b)) ?? 0), 0)
}

export function withoutLocked(inst: Instance, pairs: [string, string][]): [string, string][] {
  const locked = new Set((inst.locked ?? []).map(([a, b]) => key(a, b)))
  return pairs.filter(([a, b]) => !locked.has(key(a, b)))
}

/** A plausible interest; tests override what they exercise. */
export function interest(over: Partial<MatchInterest> & Pick<MatchInterest, 'id' | 'side'>): MatchInterest {
  return {
    institutionId: `inst-${over.id}`,
    institutionKind: 'school',
    subtype: over.side === 'duren' ? 'gymnasium' : 'senior_high',
    formats: ['pupil_exchange_hosting'],
    topics: ['culture', 'science'],
    tags: [],
    ageMin: 14,
    ageMax: 17,
    groupMin: 10,
    groupMax: 20,
    languages: [
      { lang: over.side === 'duren' ? 'de' : 'zh', level: 'native' },
      { lang: 'en', level: 'intermediate' },
    ],
    windows: [{ start: '2027-04-01', end: '2027-05-31' }],
    durationMinDays: 7,
    durationMaxDays: 14,
    direction: 'both',
    hostingCapacity: 25,
    capacity: 1,
    ...over,
  }
}
