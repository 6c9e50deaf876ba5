import { CRITERIA, type Criterion } from '@dj/vocabulary'
import {
  bestOverlapDays,
  bothVirtual,
  checkPrepared,
  type Feasibility,
  type PairSet,
} from './compatibility.js'
import { MatchError } from './errors.js'
import { bestRowFit, HOSTED_ROWS, VIRTUAL_FIT } from './formats.js'
import type { MatchInterest } from './interest.js'
import { type PreparedInterest, prepareInterest } from './prepared.js'

// Spelled once in @dj/vocabulary: the API contract and the web explain scores by the same names.
export { CRITERIA, type Criterion }

export type ScoringWeights = Record<Criterion, number>

/** Relative importance; normalised to sum 1 before use, so only ratios matter. */
export const DEFAULT_WEIGHTS: Readonly<ScoringWeights> = Object.freeze({
  topics: 0.25,
  format: 0.15,
  age: 0.1,
  language: 0.15,
  window: 0.1,
  size: 0.05,
  kind: 0.1,
  continuation: 0.1,
})

export interface ExplanationItem {
  criterion: Criterion
  /** Criterion value in [0, 1]. */
  raw: number
  /** Normalised weight (all weights sum to 1). */
  weight: number
  /** raw * weight; contributions sum to the score. */
  contribution: number
}

export interface ScoredPair {
  score: number
  explanation: ExplanationItem[]
  constraints: Feasibility
}

/** Normalised weights in CRITERIA order; rejects negative, non-finite or all-zero weights. */
export function normaliseWeights(weights: Partial<ScoringWeights> = {}): Float64Array {
  const merged = { ...DEFAULT_WEIGHTS, ...weights }
  const out = new Float64Array(CRITERIA.length)
  let sum = 0
  CRITERIA.forEach((c, i) => {
    const w = merged[c]
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new MatchError('MATCH_INVALID_WEIGHTS', `weight ${c} must be a finite number >= 0`, c)
    }
    out[i] = w
    sum += w
  })
  if (sum <= 0) throw new MatchError('MATCH_INVALID_WEIGHTS', 'at least one weight must be > 0')
  for (let i = 0; i < out.length; i++) out[i]! /= sum
  return out
}

const LEVEL_VALUE = [0, 0.25, 0.5, 0.75, 1]

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555)
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333)
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24
}

/** Best format fit for every possible row mask, precomputed once. */
const ROW_FIT = Float64Array.from({ length: 1 << HOSTED_ROWS.length }, (_, mask) => bestRowFit(mask))

function kindAffinity(a: PreparedInterest, b: PreparedInterest): number {
  const ka = a.src.institutionKind
  const kb = b.src.institutionKind
  if (ka === 'club' && kb === 'club')
    return a.src.subtype !== null && a.src.subtype === b.src.subtype ? 1 : 0.4
  if ((a.kindClass & b.kindClass) !== 0) return 1
  return ka === kb ? 0.5 : 0
}

/**
 * Writes each criterion's raw value (0..1) into `out` in CRITERIA order. Shared by the hot path and by
 * explanations so both always agree. `continued` says whether the institutions were partners before.
 */
export function rawCriteria(
  a: PreparedInterest,
  b: PreparedInterest,
  continued: boolean,
  out: Float64Array,
): void {
  const union = popcount(a.topicMask | b.topicMask)
  out[0] = union === 0 ? 0 : popcount(a.topicMask & b.topicMask) / union

  let fit = ROW_FIT[(a.hostMask & b.visitMask) | (b.hostMask & a.visitMask)]!
  if (bothVirtual(a, b) && VIRTUAL_FIT > fit) fit = VIRTUAL_FIT
  out[1] = fit

  const x = a
  const y = b
  const ageInter = Math.min(x.ageMax, y.ageMax) - Math.max(x.ageMin, y.ageMin) + 1
  const ageUnion = Math.max(x.ageMax, y.ageMax) - Math.min(x.ageMin, y.ageMin) + 1
  out[2] = ageInter <= 0 ? 0 : ageInter / ageUnion

  let best = 0
  for (let i = 0; i < a.langLevel.length; i++) {
    const l = Math.min(a.langLevel[i]!, b.langLevel[i]!)
    if (l > best) best = l
  }
  out[3] = LEVEL_VALUE[best]!

  const overlap = bestOverlapDays(a, b)
  const wanted = Math.max(1, Math.min(x.durationMaxDays, y.durationMaxDays))
  // A virtual pair does not need a shared window, so a missing one is neutral rather than bad.
  out[4] = overlap > 0 ? Math.min(1, overlap / wanted) : bothVirtual(a, b) ? 0.5 : 0

  const ma = (x.groupMin + x.groupMax) / 2
  const mb = (y.groupMin + y.groupMax) / 2
  out[5] = ma <= 0 || mb <= 0 ? (ma === mb ? 1 : 0) : Math.min(ma, mb) / Math.max(ma, mb)

  out[6] = kindAffinity(a, b)
  out[7] = continued ? 1 : 0
}

/** Weighted sum of raw criteria; the order of additions matches explain() exactly. */
export function weightedScore(raw: Float64Array, weights: Float64Array): number {
  let s = 0
  for (let i = 0; i < raw.length; i++) s += raw[i]! * weights[i]!
  return s
}

export function explain(raw: Float64Array, weights: Float64Array): ExplanationItem[] {
  return CRITERIA.map((criterion, i) => ({
    criterion,
    raw: raw[i]!,
    weight: weights[i]!,
    contribution: raw[i]! * weights[i]!,
  }))
}

export interface ScoreOptions {
  weights?: Partial<ScoringWeights>
  /** Earlier partnerships as (duren institution id, jinhua institution id). */
  previousPartners?: PairSet
  excluded?: PairSet
}

/** Scores a (duren) with b (jinhua): score in [0,1], per-criterion explanation and hard-constraint outcomes. */
export function scorePair(a: MatchInterest, b: MatchInterest, options: ScoreOptions = {}): ScoredPair {
  const pa = prepareInterest(a)
  const pb = prepareInterest(b)
  return scorePrepared(pa, pb, normaliseWeights(options.weights), options.previousPartners, options.excluded)
}

export function scorePrepared(
  pa: PreparedInterest,
  pb: PreparedInterest,
  weights: Float64Array,
  previousPartners?: PairSet,
  excluded?: PairSet,
): ScoredPair {
  const raw = new Float64Array(CRITERIA.length)
  const continued = previousPartners?.has(pa.src.institutionId, pb.src.institutionId) ?? false
  rawCriteria(pa, pb, continued, raw)
  return {
    score: weightedScore(raw, weights),
    explanation: explain(raw, weights),
    constraints: checkPrepared(pa, pb, excluded),
  }
}
