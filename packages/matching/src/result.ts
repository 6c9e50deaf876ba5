import { rankIds } from './ids.js'
import type { CompiledInstance, MatchingResult } from './instance.js'

/** Chosen pairs as parallel index arrays (A index, B index). */
export interface PairArrays {
  pa: Int32Array
  pb: Int32Array
}

/**
 * Neumaier-compensated sum: with tens of thousands of weights plain `+=` drifts by several 1e-9,
 * which rounding to 1e-9 alone would not hide.
 */
export function exactSum(xs: Iterable<number>): number {
  let sum = 0
  let c = 0
  for (const x of xs) {
    const t = sum + x
    c += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum
    sum = t
  }
  return sum + c
}

/** Float sums of weights like 0.1 + 0.2 should print as 0.3, not 0.30000000000000004. */
export function roundWeight(x: number): number {
  const r = Math.round(x * 1e9) / 1e9
  return Object.is(r, -0) ? 0 : r
}

/** Weight of edge (a, b) or undefined when the pair has no edge; linear in a's degree. */
export function edgeWeight(ci: CompiledInstance, a: number, b: number): number | undefined {
  for (let p = ci.offA[a]!; p < ci.offA[a + 1]!; p++) if (ci.edgeB[p] === b) return ci.edgeW[p]!
  return undefined
}

export interface IndexedPair {
  a: number
  b: number
  /** Edge weight, or null when the pair has no edge (stable may pick such pairs from prefs). */
  weight: number | null
  locked: boolean
}

/** Adds locked pairs, looks up weights and sorts by A id then B id in code-point order. */
export function collectPairs(ci: CompiledInstance, chosen: PairArrays): IndexedPair[] {
  const pairs: IndexedPair[] = []
  for (let k = 0; k < ci.lockedA.length; k++) {
    pairs.push({ a: ci.lockedA[k]!, b: ci.lockedB[k]!, weight: ci.lockedW[k]!, locked: true })
  }
  for (let k = 0; k < chosen.pa.length; k++) {
    const a = chosen.pa[k]!
    const b = chosen.pb[k]!
    pairs.push({ a, b, weight: edgeWeight(ci, a, b) ?? null, locked: false })
  }
  const ra = rankIds(ci.idsA)
  const rb = rankIds(ci.idsB)
  pairs.sort((x, y) => ra[x.a]! - ra[y.a]! || rb[x.b]! - rb[y.b]!)
  return pairs
}

export function buildResult(ci: CompiledInstance, chosen: PairArrays): MatchingResult {
  const pairs = collectPairs(ci, chosen)
  const total = exactSum(pairs.map((p) => p.weight ?? 0))
  return {
    pairs: pairs.map((p) => [ci.idsA[p.a]!, ci.idsB[p.b]!] as [string, string]),
    totalWeight: roundWeight(total),
  }
}
