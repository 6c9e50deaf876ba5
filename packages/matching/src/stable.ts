import {
  type CompiledInstance,
  type Csr,
  compileInstance,
  type Instance,
  type MatchingResult,
} from './instance.js'
import { preferenceLists } from './prefs.js'
import { buildResult, type PairArrays } from './result.js'

export type Proposer = 'A' | 'B'

/**
 * Keeps, for every proposer, only receivers that also list it, in the proposer's order, together with
 * the receiver's rank of that proposer (lower is better). O(total list length), no maps.
 */
function mutualLists(
  P: Csr,
  R: Csr,
  nP: number,
  nR: number,
): { off: Int32Array; recv: Int32Array; rank: Int32Array } {
  // Invert R: for each proposer, which receivers list it and at what rank.
  const invOff = new Int32Array(nP + 1)
  for (let k = 0; k < R.idx.length; k++) invOff[R.idx[k]! + 1]!++
  for (let p = 0; p < nP; p++) invOff[p + 1]! += invOff[p]!
  const fill = invOff.slice(0, nP)
  const invR = new Int32Array(R.idx.length)
  const invRank = new Int32Array(R.idx.length)
  for (let r = 0; r < nR; r++) {
    const base = R.off[r]!
    for (let k = base; k < R.off[r + 1]!; k++) {
      const q = fill[R.idx[k]!]!++
      invR[q] = r
      invRank[q] = k - base
    }
  }
  const markOwner = new Int32Array(nR).fill(-1)
  const markRank = new Int32Array(nR)
  const off = new Int32Array(nP + 1)
  const recv = new Int32Array(Math.min(P.idx.length, R.idx.length))
  const rank = new Int32Array(recv.length)
  let out = 0
  for (let p = 0; p < nP; p++) {
    off[p] = out
    for (let k = invOff[p]!; k < invOff[p + 1]!; k++) {
      markOwner[invR[k]!] = p
      markRank[invR[k]!] = invRank[k]!
    }
    for (let k = P.off[p]!; k < P.off[p + 1]!; k++) {
      const r = P.idx[k]!
      if (markOwner[r] === p) {
        recv[out] = r
        rank[out] = markRank[r]!
        out++
      }
    }
  }
  off[nP] = out
  return { off, recv, rank }
}

/**
 * Deferred acceptance, many-to-many with capacities on both sides (responsive preferences).
 * Each proposer keeps proposing down its list while it holds fewer offers than its capacity; each receiver
 * holds its best `capacity` offers in a max-heap keyed by its rank (worst on top) and rejects the rest.
 * The result is pairwise stable and optimal for the proposing side. Locked pairs are not part of it:
 * they were removed and their capacity subtracted at compile time.
 */
export function stableCompiled(ci: CompiledInstance, proposer: Proposer = 'A'): PairArrays {
  const isA = proposer === 'A'
  const nP = isA ? ci.nA : ci.nB
  const nR = isA ? ci.nB : ci.nA
  const capP = isA ? ci.capA : ci.capB
  const capRRaw = isA ? ci.capB : ci.capA
  const P = preferenceLists(ci, proposer)
  const R = preferenceLists(ci, isA ? 'B' : 'A')
  const mut = mutualLists(P, R, nP, nR)

  // A receiver never holds more offers than proposers that may propose to it; bounds heap memory.
  const inDeg = new Int32Array(nR)
  for (let k = 0; k < mut.off[nP]!; k++) inDeg[mut.recv[k]!]!++
  const heapOff = new Int32Array(nR + 1)
  for (let r = 0; r < nR; r++) heapOff[r + 1] = heapOff[r]! + Math.min(capRRaw[r]!, inDeg[r]!)
  const heapRank = new Int32Array(heapOff[nR]!)
  const heapP = new Int32Array(heapOff[nR]!)
  const heapSize = new Int32Array(nR)

  const ptr = mut.off.slice(0, nP)
  const held = new Int32Array(nP)
  const stack = new Int32Array(nP)
  const inStack = new Uint8Array(nP)
  let top = 0
  for (let p = nP - 1; p >= 0; p--) {
    if (capP[p]! > 0 && mut.off[p + 1]! > mut.off[p]!) {
      stack[top++] = p
      inStack[p] = 1
    }
  }
  while (top > 0) {
    const p = stack[--top]!
    inStack[p] = 0
    const end = mut.off[p + 1]!
    const cap = capP[p]!
    while (held[p]! < cap && ptr[p]! < end) {
      const k = ptr[p]!++
      const r = mut.recv[k]!
      const rk = mut.rank[k]!
      const base = heapOff[r]!
      const hcap = heapOff[r + 1]! - base
      if (hcap === 0) continue
      const size = heapSize[r]!
      if (size < hcap) {
        // sift up in max-heap
        let i = size
        while (i > 0) {
          const parent = (i - 1) >> 1
          if (heapRank[base + parent]! >= rk) break
          heapRank[base + i] = heapRank[base + parent]!
          heapP[base + i] = heapP[base + parent]!
          i = parent
        }
        heapRank[base + i] = rk
        heapP[base + i] = p
        heapSize[r] = size + 1
        held[p]!++
        continue
      }
      if (rk >= heapRank[base]!) continue
      const rejected = heapP[base]!
      // replace root and sift down
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= size) break
        let c = l
        if (l + 1 < size && heapRank[base + l + 1]! > heapRank[base + l]!) c = l + 1
        if (heapRank[base + c]! <= rk) break
        heapRank[base + i] = heapRank[base + c]!
        heapP[base + i] = heapP[base + c]!
        i = c
      }
      heapRank[base + i] = rk
      heapP[base + i] = p
      held[p]!++
      held[rejected]!--
      if (inStack[rejected] === 0) {
        inStack[rejected] = 1
        stack[top++] = rejected
      }
    }
  }

  const total = heapSize.reduce((s, x) => s + x, 0)
  const pa = new Int32Array(total)
  const pb = new Int32Array(total)
  let out = 0
  for (let r = 0; r < nR; r++) {
    for (let i = 0; i < heapSize[r]!; i++) {
      const p = heapP[heapOff[r]! + i]!
      pa[out] = isA ? p : r
      pb[out] = isA ? r : p
      out++
    }
  }
  return { pa, pb }
}

/** Proposer-optimal pairwise-stable matching of a string-keyed instance (locked pairs included). */
export function stable(inst: Instance, options: { proposer?: Proposer } = {}): MatchingResult {
  const ci = compileInstance(inst)
  return buildResult(ci, stableCompiled(ci, options.proposer ?? 'A'))
}
