import { rankIds } from './ids.js'
import type { CompiledInstance, Csr } from './instance.js'

/** Edges regrouped by B; built on demand because only stable (for derived B prefs) needs it. */
export function edgesByB(ci: CompiledInstance): { off: Int32Array; edgeA: Int32Array; edgeW: Float64Array } {
  const m = ci.edgeB.length
  const off = new Int32Array(ci.nB + 1)
  for (let p = 0; p < m; p++) off[ci.edgeB[p]! + 1]!++
  for (let j = 0; j < ci.nB; j++) off[j + 1]! += off[j]!
  const fill = off.slice(0, ci.nB)
  const edgeA = new Int32Array(m)
  const edgeW = new Float64Array(m)
  for (let a = 0; a < ci.nA; a++) {
    for (let p = ci.offA[a]!; p < ci.offA[a + 1]!; p++) {
      const q = fill[ci.edgeB[p]!]!++
      edgeA[q] = a
      edgeW[q] = ci.edgeW[p]!
    }
  }
  return { off, edgeA, edgeW }
}

/**
 * Full preference lists for one side: explicit prefs where given, otherwise the agent's edges by
 * weight descending, ties by partner id ascending in code-point order.
 */
export function preferenceLists(ci: CompiledInstance, side: 'A' | 'B'): Csr {
  const n = side === 'A' ? ci.nA : ci.nB
  const explicit = side === 'A' ? ci.prefA : ci.prefB
  const has = side === 'A' ? ci.hasPrefsA : ci.hasPrefsB
  let allExplicit = true
  for (let i = 0; i < n; i++) if (has[i] === 0) allExplicit = false
  if (allExplicit) return explicit

  const edges = side === 'A' ? { off: ci.offA, edgeA: ci.edgeB, edgeW: ci.edgeW } : edgesByB(ci)
  const partnerRank = rankIds(side === 'A' ? ci.idsB : ci.idsA)
  const off = new Int32Array(n + 1)
  let total = 0
  for (let i = 0; i < n; i++) {
    total += has[i] ? explicit.off[i + 1]! - explicit.off[i]! : edges.off[i + 1]! - edges.off[i]!
  }
  const idx = new Int32Array(total)
  // Sort keys live in typed arrays and the comparison is inlined: several times faster than
  // Array.prototype.sort with a closure on millions of edges.
  const keyW = new Float64Array(total)
  const keyR = new Int32Array(total)
  let out = 0
  for (let i = 0; i < n; i++) {
    off[i] = out
    if (has[i]) {
      for (let k = explicit.off[i]!; k < explicit.off[i + 1]!; k++) idx[out++] = explicit.idx[k]!
      continue
    }
    const start = out
    for (let p = edges.off[i]!; p < edges.off[i + 1]!; p++) {
      const other = edges.edgeA[p]!
      idx[out] = other
      keyW[out] = edges.edgeW[p]!
      keyR[out] = partnerRank[other]!
      out++
    }
    sortByWeightDescRankAsc(idx, keyW, keyR, start, out)
  }
  off[n] = out
  return { off, idx }
}

/** a before b when weight is larger, or equal weight and smaller id rank. */
function before(w: Float64Array, r: Int32Array, a: number, b: number): boolean {
  return w[a]! > w[b]! || (w[a] === w[b] && r[a]! < r[b]!)
}

function swap(idx: Int32Array, w: Float64Array, r: Int32Array, a: number, b: number): void {
  const ti = idx[a]!
  idx[a] = idx[b]!
  idx[b] = ti
  const tw = w[a]!
  w[a] = w[b]!
  w[b] = tw
  const tr = r[a]!
  r[a] = r[b]!
  r[b] = tr
}

/** In-place quicksort (median of three, insertion sort below 16) of [lo, hi) on parallel arrays. */
export function sortByWeightDescRankAsc(
  idx: Int32Array,
  w: Float64Array,
  r: Int32Array,
  lo: number,
  hi: number,
): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >>> 1
    const last = hi - 1
    if (before(w, r, mid, lo)) swap(idx, w, r, mid, lo)
    if (before(w, r, last, lo)) swap(idx, w, r, last, lo)
    if (before(w, r, last, mid)) swap(idx, w, r, last, mid)
    // pivot (median) now at mid; move it next to the end
    swap(idx, w, r, mid, last - 1)
    const pw = w[last - 1]!
    const pr = r[last - 1]!
    let i = lo
    let j = last - 1
    for (;;) {
      do i++
      while (w[i]! > pw || (w[i] === pw && r[i]! < pr))
      do j--
      while (pw > w[j]! || (pw === w[j] && pr < r[j]!))
      if (i >= j) break
      swap(idx, w, r, i, j)
    }
    swap(idx, w, r, i, last - 1)
    // recurse into the smaller half, loop on the larger
    if (i - lo < hi - i - 1) {
      sortByWeightDescRankAsc(idx, w, r, lo, i)
      lo = i + 1
    } else {
      sortByWeightDescRankAsc(idx, w, r, i + 1, hi)
      hi = i
    }
  }
  for (let i = lo + 1; i < hi; i++) {
    const xi = idx[i]!
    const xw = w[i]!
    const xr = r[i]!
    let j = i - 1
    while (j >= lo && (xw > w[j]! || (xw === w[j] && xr < r[j]!))) {
      idx[j + 1] = idx[j]!
      w[j + 1] = w[j]!
      r[j + 1] = r[j]!
      j--
    }
    idx[j + 1] = xi
    w[j + 1] = xw
    r[j + 1] = xr
  }
}
