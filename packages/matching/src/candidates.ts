import { checkPrepared, feasiblePrepared, type PairSet } from './compatibility.js'
import { HOSTED_ROWS } from './formats.js'
import { LANGS } from './interest.js'
import type { PreparedInterest } from './prepared.js'

/** Feasible pairs as parallel index arrays into the A (duren) and B (jinhua) lists, sorted by a then b. */
export interface CandidateSet {
  a: Int32Array
  b: Int32Array
  length: number
}

export interface CandidateOptions {
  /** Pairs of interest ids or institution ids that must not be proposed. */
  excluded?: PairSet
}

const ROWS = HOSTED_ROWS.length
/** Role keys: 0..ROWS-1 host of row r, ROWS..2*ROWS-1 visitor of row r, 2*ROWS virtual. */
const VIRTUAL_ROLE = 2 * ROWS

class PairBuffer {
  a = new Int32Array(1024)
  b = new Int32Array(1024)
  length = 0
  push(a: number, b: number): void {
    if (this.length === this.a.length) {
      const na = new Int32Array(this.length * 2)
      na.set(this.a)
      this.a = na
      const nb = new Int32Array(this.length * 2)
      nb.set(this.b)
      this.b = nb
    }
    this.a[this.length] = a
    this.b[this.length] = b
    this.length++
  }
  done(): CandidateSet {
    return { a: this.a.subarray(0, this.length), b: this.b.subarray(0, this.length), length: this.length }
  }
}

/**
 * Resolves excluded pairs (by interest id or institution id) to integer keys a * nB + b once, so the hot
 * loop never builds strings.
 */
export function excludedKeys(
  A: PreparedInterest[],
  B: PreparedInterest[],
  excluded?: PairSet,
): Set<number> | null {
  if (!excluded || excluded.size === 0) return null
  const idA = groupBy(A, (x) => x.src.id)
  const idB = groupBy(B, (x) => x.src.id)
  const instA = groupBy(A, (x) => x.src.institutionId)
  const instB = groupBy(B, (x) => x.src.institutionId)
  const keys = new Set<number>()
  const nB = B.length
  for (const [x, y] of excluded) {
    for (const a of idA.get(x) ?? []) for (const b of idB.get(y) ?? []) keys.add(a * nB + b)
    for (const a of instA.get(x) ?? []) for (const b of instB.get(y) ?? []) keys.add(a * nB + b)
  }
  return keys
}

function groupBy(xs: PreparedInterest[], key: (x: PreparedInterest) => string): Map<string, number[]> {
  const m = new Map<string, number[]>()
  xs.forEach((x, i) => {
    const k = key(x)
    const list = m.get(k)
    if (list) list.push(i)
    else m.set(k, [i])
  })
  return m
}

interface Bucket {
  idx: Int32Array
  ageMin: Float64Array
}

/** Length in days of the time blocks hosted-role buckets are split into. */
const BLOCK_DAYS = 28

/** Blocks touched by any window of x (windows are inclusive day ranges). */
function blocksOf(x: PreparedInterest, out: number[]): number[] {
  out.length = 0
  const w = x.windows
  for (let k = 0; k < w.length; k += 2) {
    const last = Math.floor(w[k + 1]! / BLOCK_DAYS)
    for (let blk = Math.floor(w[k]! / BLOCK_DAYS); blk <= last; blk++) if (!out.includes(blk)) out.push(blk)
  }
  return out
}

/**
 * Buckets B by (role it can play, language) and, for hosted roles, by the 28-day time blocks its windows
 * touch; each bucket is sorted by ageMin. An A interest only visits buckets of roles complementary to
 * its own, languages it speaks and blocks its windows touch (virtual pairs need no window, so the virtual
 * role is not split by time), and within a bucket only the prefix with ageMin <= a.ageMax (binary
 * search). Every bucket condition is necessary for feasibility and each surviving pair gets the full
 * check, so the result equals brute force while the work tracks plausible pairs, not |A|·|B|.
 */
export function generateCandidates(
  A: PreparedInterest[],
  B: PreparedInterest[],
  options: CandidateOptions = {},
): CandidateSet {
  const out = new PairBuffer()
  scanCandidates(A, B, options, (i, row, n) => {
    for (let k = 0; k < n; k++) out.push(i, row[k]!)
  })
  return out.done()
}

/**
 * Streams feasible partners per A interest (ascending B index) without materialising all pairs, so
 * callers can score and prune rows on the fly. `row` is reused between calls.
 */
export function scanCandidates(
  A: PreparedInterest[],
  B: PreparedInterest[],
  options: CandidateOptions,
  onRow: (i: number, row: Int32Array, n: number) => void,
): void {
  const nL = LANGS.length
  // key = roleLang * 2^20 + block (blocks are day / 28, far below 2^20); the virtual role uses block 0.
  const members = new Map<number, number[]>()
  const add = (key: number, j: number) => {
    const list = members.get(key)
    if (list) list.push(j)
    else members.set(key, [j])
  }
  const blocks: number[] = []
  B.forEach((b, j) => {
    blocksOf(b, blocks)
    for (let l = 0; l < nL; l++) {
      if ((b.langMask & (1 << l)) === 0) continue
      for (let r = 0; r < ROWS; r++) {
        if (b.hostMask & (1 << r)) for (const blk of blocks) add((r * nL + l) * BLOCK_KEY + blk, j)
        if (b.visitMask & (1 << r)) for (const blk of blocks) add(((ROWS + r) * nL + l) * BLOCK_KEY + blk, j)
      }
      if (b.virtual) add((VIRTUAL_ROLE * nL + l) * BLOCK_KEY, j)
    }
  })
  const buckets = new Map<number, Bucket>()
  for (const [key, list] of members) {
    list.sort((x, y) => B[x]!.ageMin - B[y]!.ageMin)
    buckets.set(key, { idx: Int32Array.from(list), ageMin: Float64Array.from(list, (j) => B[j]!.ageMin) })
  }
  const bAgeMax = Float64Array.from(B, (b) => b.ageMax)
  const excluded = excludedKeys(A, B, options.excluded)
  const nB = B.length
  const seen = new Int32Array(nB).fill(-1)
  const row = new Int32Array(nB)
  const roles: number[] = []
  const aBlocks: number[] = []
  const virtualOnly = [0]

  for (let i = 0; i < A.length; i++) {
    const a = A[i]!
    roles.length = 0
    for (let r = 0; r < ROWS; r++) {
      if (a.hostMask & (1 << r)) roles.push(ROWS + r) // a hosts, so b must be able to visit
      if (a.visitMask & (1 << r)) roles.push(r)
    }
    if (a.virtual) roles.push(VIRTUAL_ROLE)
    blocksOf(a, aBlocks)
    const ageMax = a.ageMax
    const ageMin = a.ageMin
    let n = 0
    for (const role of roles) {
      const blockList = role === VIRTUAL_ROLE ? virtualOnly : aBlocks
      for (let l = 0; l < nL; l++) {
        if ((a.langMask & (1 << l)) === 0) continue
        for (const blk of blockList) {
          const bucket = buckets.get((role * nL + l) * BLOCK_KEY + blk)
          if (bucket === undefined) continue
          const end = upperBound(bucket.ageMin, ageMax)
          const idx = bucket.idx
          for (let k = 0; k < end; k++) {
            const j = idx[k]!
            if (seen[j] === i) continue
            seen[j] = i
            if (bAgeMax[j]! < ageMin) continue
            if (!feasiblePrepared(a, B[j]!)) continue
            if (excluded?.has(i * nB + j)) continue
            row[n++] = j
          }
        }
      }
    }
    if (n > 1) row.subarray(0, n).sort()
    if (n > 0) onRow(i, row, n)
  }
}

const BLOCK_KEY = 1 << 20

/** First index whose value is > x. */
function upperBound(xs: Float64Array, x: number): number {
  let lo = 0
  let hi = xs.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (xs[mid]! <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Reference implementation: full check of every pair. Used by tests and as the benchmark baseline. */
export function bruteForceCandidates(
  A: PreparedInterest[],
  B: PreparedInterest[],
  options: CandidateOptions = {},
): CandidateSet {
  const out = new PairBuffer()
  for (let i = 0; i < A.length; i++) {
    for (let j = 0; j < B.length; j++) {
      if (checkPrepared(A[i]!, B[j]!, options.excluded).feasible) out.push(i, j)
    }
  }
  return out.done()
}
