import { scanCandidates } from './candidates.js'
import { type Feasibility, PairSet } from './compatibility.js'
import { invalidInput } from './errors.js'
import { type CompiledInstance, compileArrays } from './instance.js'
import type { MatchInterest, Side } from './interest.js'
import { type PreparedInterest, prepareInterest } from './prepared.js'
import { collectPairs, exactSum, type PairArrays, roundWeight } from './result.js'
import {
  CRITERIA,
  type ExplanationItem,
  normaliseWeights,
  rawCriteria,
  type ScoringWeights,
  scorePrepared,
  weightedScore,
} from './score.js'
import { stableCompiled } from './stable.js'
import { welfareCompiled } from './welfare.js'

export type Policy = 'stable' | 'welfare'

export interface RunOptions {
  policy: Policy
  /** Proposing side for stable; default 'duren'. */
  proposer?: Side
  weights?: Partial<ScoringWeights>
  /** (duren, jinhua) pairs of interest ids or institution ids that must never be proposed. */
  excluded?: Iterable<readonly [string, string]>
  /** (duren, jinhua) institution ids that were partners before; scored by the continuation criterion. */
  previousPartners?: Iterable<readonly [string, string]>
  /** (duren, jinhua) interest ids that stay matched and consume capacity. */
  locked?: Iterable<readonly [string, string]>
  /** Feasible pairs scoring below this are not offered to the policy (default 0: all feasible pairs). */
  minScore?: number
  /**
   * Keep only each duren interest's best N feasible partners (by score, ties by input order). Bounds
   * memory and time on large populations; stable is then stable w.r.t. these truncated lists.
   * Default: unlimited.
   */
  maxCandidatesPerAgent?: number
}

export interface Proposal {
  aId: string
  bId: string
  score: number
  explanation: ExplanationItem[]
  constraints: Feasibility
  locked: boolean
}

export interface MatchRun {
  policy: Policy
  /** Side that proposed in deferred acceptance; null for welfare. */
  proposer: Side | null
  /** Sorted by duren interest id, then jinhua interest id (code-point order). */
  proposals: Proposal[]
  summary: { pairs: number; totalScore: number; meanScore: number }
  stats: { duren: number; jinhua: number; candidatePairs: number; edges: number }
}

type Common = Omit<RunOptions, 'policy' | 'proposer'>

/** Everything both policies share: prepared interests, candidates, scored edges, the compiled instance. */
export interface PreparedRun {
  A: PreparedInterest[]
  B: PreparedInterest[]
  ci: CompiledInstance
  weights: Float64Array
  previous: PairSet
  candidatePairs: number
}

export function prepareRun(interests: readonly MatchInterest[], options: Common = {}): PreparedRun {
  const A: PreparedInterest[] = []
  const B: PreparedInterest[] = []
  const seen = new Set<string>()
  for (const x of interests) {
    if (seen.has(x.id)) throw invalidInput('interests', `duplicate interest id ${x.id}`)
    seen.add(x.id)
    ;(x.side === 'duren' ? A : B).push(prepareInterest(x))
  }
  const weights = normaliseWeights(options.weights)
  const excluded = new PairSet(options.excluded ?? [])
  const previous = new PairSet(options.previousPartners ?? [])

  const nInstB = new Map<string, number>()
  for (const b of B) if (!nInstB.has(b.src.institutionId)) nInstB.set(b.src.institutionId, nInstB.size)
  const instA = new Map<string, number>()
  for (const a of A) if (!instA.has(a.src.institutionId)) instA.set(a.src.institutionId, instA.size)
  const prevKeys = new Set<number>()
  for (const [x, y] of previous) {
    const ia = instA.get(x)
    const ib = nInstB.get(y)
    if (ia !== undefined && ib !== undefined) prevKeys.add(ia * nInstB.size + ib)
  }
  const instOfA = Int32Array.from(A, (a) => instA.get(a.src.institutionId)!)
  const instOfB = Int32Array.from(B, (b) => nInstB.get(b.src.institutionId)!)

  const minScore = options.minScore ?? 0
  const maxPer = options.maxCandidatesPerAgent ?? Number.POSITIVE_INFINITY
  const edges = new EdgeBuffer()
  const raw = new Float64Array(CRITERIA.length)
  const rowScore = new Float64Array(B.length)
  // Bounded min-heap of row positions for top-K: worst kept candidate on top (lowest score, then the
  // later position), so each further candidate costs one comparison unless it gets in.
  const heap = new Int32Array(Number.isFinite(maxPer) ? Math.min(maxPer, B.length) : 0)
  const worse = (x: number, y: number) =>
    rowScore[x]! < rowScore[y]! || (rowScore[x] === rowScore[y] && x > y)
  let candidatePairs = 0
  scanCandidates(A, B, { excluded }, (i, row, n) => {
    candidatePairs += n
    let kept = 0
    for (let k = 0; k < n; k++) {
      const j = row[k]!
      const continued = prevKeys.size > 0 && prevKeys.has(instOfA[i]! * nInstB.size + instOfB[j]!)
      rawCriteria(A[i]!, B[j]!, continued, raw)
      const s = weightedScore(raw, weights)
      if (s < minScore) continue
      row[kept] = j
      rowScore[kept] = s
      kept++
    }
    if (kept <= maxPer) {
      for (let k = 0; k < kept; k++) edges.push(i, row[k]!, rowScore[k]!)
      return
    }
    let size = 0
    for (let k = 0; k < kept; k++) {
      if (size < maxPer) {
        let c = size++
        while (c > 0) {
          const parent = (c - 1) >> 1
          if (!worse(k, heap[parent]!)) break
          heap[c] = heap[parent]!
          c = parent
        }
        heap[c] = k
      } else if (worse(heap[0]!, k)) {
        let c = 0
        for (;;) {
          const l = 2 * c + 1
          if (l >= size) break
          const m = l + 1 < size && worse(heap[l + 1]!, heap[l]!) ? l + 1 : l
          if (!worse(heap[m]!, k)) break
          heap[c] = heap[m]!
          c = m
        }
        heap[c] = k
      }
    }
    for (let h = 0; h < size; h++) edges.push(i, row[heap[h]!]!, rowScore[heap[h]!]!)
  })

  const idxA = new Map(A.map((a, i) => [a.src.id, i]))
  const idxB = new Map(B.map((b, j) => [b.src.id, j]))
  const locked: [number, number][] = []
  for (const [x, y] of options.locked ?? []) {
    const i = idxA.get(x)
    const j = idxB.get(y)
    if (i === undefined || j === undefined) throw invalidInput('locked', `unknown interest pair ${x} / ${y}`)
    if (excluded.has(x, y) || excluded.has(A[i]!.src.institutionId, B[j]!.src.institutionId)) {
      throw invalidInput('locked', `pair ${x} / ${y} is both locked and excluded`)
    }
    locked.push([i, j])
  }
  const ci = compileArrays({
    idsA: A.map((a) => a.src.id),
    idsB: B.map((b) => b.src.id),
    capA: A.map((a) => a.src.capacity),
    capB: B.map((b) => b.src.capacity),
    m: edges.length,
    ea: edges.a,
    eb: edges.b,
    w: edges.w,
    locked,
  })
  return { A, B, ci, weights, previous, candidatePairs }
}

class EdgeBuffer {
  a = new Int32Array(1024)
  b = new Int32Array(1024)
  w = new Float64Array(1024)
  length = 0
  push(a: number, b: number, w: number): void {
    if (this.length === this.a.length) {
      const grow = <T extends Int32Array | Float64Array>(x: T, make: (n: number) => T): T => {
        const y = make(x.length * 2)
        y.set(x)
        return y
      }
      this.a = grow(this.a, (n) => new Int32Array(n))
      this.b = grow(this.b, (n) => new Int32Array(n))
      this.w = grow(this.w, (n) => new Float64Array(n))
    }
    this.a[this.length] = a
    this.b[this.length] = b
    this.w[this.length] = w
    this.length++
  }
}

export function finishRun(run: PreparedRun, policy: Policy, proposer: Side = 'duren'): MatchRun {
  const chosen: PairArrays =
    policy === 'stable' ? stableCompiled(run.ci, proposer === 'duren' ? 'A' : 'B') : welfareCompiled(run.ci)
  const proposals = collectPairs(run.ci, chosen).map((p): Proposal => {
    const scored = scorePrepared(run.A[p.a]!, run.B[p.b]!, run.weights, run.previous)
    return {
      aId: run.A[p.a]!.src.id,
      bId: run.B[p.b]!.src.id,
      score: scored.score,
      explanation: scored.explanation,
      constraints: scored.constraints,
      locked: p.locked,
    }
  })
  const total = exactSum(proposals.map((p) => p.score))
  return {
    policy,
    proposer: policy === 'stable' ? proposer : null,
    proposals,
    summary: {
      pairs: proposals.length,
      totalScore: roundWeight(total),
      meanScore: proposals.length === 0 ? 0 : roundWeight(total / proposals.length),
    },
    stats: {
      duren: run.A.length,
      jinhua: run.B.length,
      candidatePairs: run.candidatePairs,
      edges: run.ci.edgeB.length,
    },
  }
}

/** interests -> candidates -> scored edges -> policy -> proposals with explanations and a summary. */
export function runMatching(interests: readonly MatchInterest[], options: RunOptions): MatchRun {
  return finishRun(prepareRun(interests, options), options.policy, options.proposer)
}

/** Both policies on the same candidates, for showing the stability/welfare trade-off. */
export function runBothPolicies(
  interests: readonly MatchInterest[],
  options: Common & { proposer?: Side } = {},
): { stable: MatchRun; welfare: MatchRun } {
  const run = prepareRun(interests, options)
  return { stable: finishRun(run, 'stable', options.proposer), welfare: finishRun(run, 'welfare') }
}
