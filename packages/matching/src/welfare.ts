import { type CompiledInstance, compileInstance, type Instance, type MatchingResult } from './instance.js'
import { buildResult, type PairArrays } from './result.js'

/**
 * Maximum-weight b-matching as min-cost flow. Nodes: A, B, sink t. Arcs: a -> b (cap 1, cost -w),
 * b -> t (cap capB), and a "stay unmatched" arc a -> t (cap capA, cost 0). Every A unit is routed from
 * its own node along a shortest path in the residual graph (successive shortest paths, Dijkstra on
 * reduced costs, Hungarian style). A unit whose cheapest path costs >= 0 would stay unmatched, and
 * because path costs from a node never decrease, the rest of that node's units would too, so we move
 * on. Routing units one source at a time keeps every Dijkstra local (it stops when t is settled and
 * only touches settled nodes' potentials), which is what makes this fast on sparse instances.
 * The result is exact: maximum total weight, not maximum cardinality; weights <= 0 never enter.
 */
export function welfareCompiled(ci: CompiledInstance): PairArrays {
  const { nA, nB } = ci
  const t = nA + nB
  const nNodes = nA + nB + 1
  let maxW = 0
  let mPos = 0
  for (let p = 0; p < ci.edgeW.length; p++) {
    const w = ci.edgeW[p]!
    if (w > 0) {
      mPos++
      if (w > maxW) maxW = w
    }
  }
  const nArcs = 2 * (mPos + nB + nA)
  const head = new Int32Array(nArcs) // arc -> target node; arc ^ 1 is its reverse
  const tail = new Int32Array(nArcs)
  const cap = new Int32Array(nArcs)
  const cost = new Float64Array(nArcs)
  let e = 0
  const addArc = (u: number, v: number, c: number, w: number) => {
    tail[e] = u
    head[e] = v
    cap[e] = c
    cost[e] = w
    e++
    tail[e] = v
    head[e] = u
    cap[e] = 0
    cost[e] = -w
    e++
  }
  for (let a = 0; a < nA; a++) {
    for (let p = ci.offA[a]!; p < ci.offA[a + 1]!; p++) {
      if (ci.edgeW[p]! > 0) addArc(a, nA + ci.edgeB[p]!, 1, -ci.edgeW[p]!)
    }
  }
  const endPair = e
  for (let b = 0; b < nB; b++) addArc(nA + b, t, ci.capB[b]!, 0)
  for (let a = 0; a < nA; a++) addArc(a, t, ci.capA[a]!, 0)

  // Out-arcs of A nodes (pairs + dummy) in CSR. A B node's useful out-arcs are its b -> t arc and the
  // reverse arcs of pairs currently carrying flow (at most capB), kept in `held` slots, so a settle of
  // b never scans the hundreds of empty reverse arcs.
  const adjOff = new Int32Array(nA + 1)
  for (let k = 0; k < endPair; k += 2) adjOff[tail[k]! + 1]!++
  for (let a = 0; a < nA; a++) adjOff[a + 1]! += adjOff[a]! + 1
  const adj = new Int32Array(adjOff[nA]!)
  const fill = adjOff.slice(0, nA)
  for (let k = 0; k < endPair; k += 2) adj[fill[tail[k]!]!++] = k
  for (let a = 0; a < nA; a++) adj[fill[a]!++] = endPair + 2 * nB + 2 * a
  const inDeg = new Int32Array(nB)
  for (let k = 0; k < endPair; k += 2) inDeg[head[k]! - nA]!++
  const heldOff = new Int32Array(nB + 1)
  for (let b = 0; b < nB; b++) heldOff[b + 1] = heldOff[b]! + Math.min(ci.capB[b]!, inDeg[b]!)
  const held = new Int32Array(heldOff[nB]!)
  const heldSize = new Int32Array(nB)

  // Hungarian-style start: pot[a] = a's best weight, pot[b] = pot[t] = 0. Every arc with capacity then
  // has reduced cost >= 0 (a -> b: pot[a] - w >= 0; dummy: pot[a] >= 0), and a source whose best partner
  // still has room reaches t at distance 0 after scanning only its own edges.
  const pot = new Float64Array(nNodes)
  for (let k = 0; k < endPair; k += 2) {
    const a = tail[k]!
    if (-cost[k]! > pot[a]!) pot[a] = -cost[k]!
  }

  const eps = 1e-10 * Math.max(1, maxW)
  const dist = new Float64Array(nNodes)
  const parentArc = new Int32Array(nNodes)
  const seen = new Int32Array(nNodes) // round stamp: dist[v] valid this round
  const done = new Int32Array(nNodes) // round stamp: v settled this round
  const settled = new Int32Array(nNodes)
  let heapKey = new Float64Array(1024)
  let heapNode = new Int32Array(1024)
  let hs = 0

  // The heap and the relaxation are written out inline, not as closures: a call that takes or
  // returns a double boxes it, and at millions of relaxations that garbage cost more than the work.
  let round = 0
  for (let src = 0; src < nA; src++) {
    for (let unit = 0; unit < ci.capA[src]!; unit++) {
      round++
      // A path is improving only if its reduced length is below the direct "stay unmatched" arc's
      // (path cost = dist + pot[t] - pot[src] < 0). Nodes at or beyond that bound are never explored,
      // which keeps hopeless rounds cheap; if t is not reached below it, the graph and potentials
      // stay as they are and the source's remaining units stay unmatched.
      const bound = pot[src]! - pot[t]! - eps
      let nSettled = 0
      dist[src] = 0
      seen[src] = round
      heapKey[0] = 0
      heapNode[0] = src
      hs = 1
      let reached = false
      while (hs > 0) {
        // pop the minimum
        const d = heapKey[0]!
        const u: number = heapNode[0]!
        const lastK = heapKey[--hs]!
        const lastN = heapNode[hs]!
        let i = 0
        for (;;) {
          const l = 2 * i + 1
          if (l >= hs) break
          let c = l
          if (l + 1 < hs && heapKey[l + 1]! < heapKey[l]!) c = l + 1
          if (heapKey[c]! >= lastK) break
          heapKey[i] = heapKey[c]!
          heapNode[i] = heapNode[c]!
          i = c
        }
        heapKey[i] = lastK
        heapNode[i] = lastN
        if (done[u] === round || d > dist[u]!) continue
        done[u] = round
        settled[nSettled++] = u
        if (u === t) {
          reached = true
          break
        }
        const pu = pot[u]!
        // Out-arcs: an A node's CSR list; a B node's sink arc, then the reverse arcs it holds.
        const isA: boolean = u < nA
        const b = u - nA
        const heldStart = isA ? 0 : heldOff[b]!
        let k: number = isA ? adjOff[u]! : heldStart - 1
        const end = isA ? adjOff[u + 1]! : heldStart + heldSize[b]!
        for (; k < end; k++) {
          const arc = isA ? adj[k]! : k < heldStart ? endPair + 2 * b : held[k]!
          if (cap[arc] === 0) continue
          const v = head[arc]!
          if (done[v] === round) continue
          let rc = cost[arc]! + pu - pot[v]!
          if (rc < 0) rc = 0 // only float noise can make it negative
          const nd = d + rc
          if (nd >= bound) continue
          if (seen[v] !== round || nd < dist[v]!) {
            seen[v] = round
            dist[v] = nd
            parentArc[v] = arc
            // push
            if (hs === heapKey.length) {
              const k2 = new Float64Array(hs * 2)
              k2.set(heapKey)
              heapKey = k2
              const n2 = new Int32Array(hs * 2)
              n2.set(heapNode)
              heapNode = n2
            }
            let j = hs++
            while (j > 0) {
              const par = (j - 1) >> 1
              if (heapKey[par]! <= nd) break
              heapKey[j] = heapKey[par]!
              heapNode[j] = heapNode[par]!
              j = par
            }
            heapKey[j] = nd
            heapNode[j] = v
          }
        }
      }
      if (!reached) break
      const dt = dist[t]!
      // Shift only settled nodes; unsettled ones keep theirs (potentials are defined up to a constant).
      for (let k = 0; k < nSettled; k++) {
        const v = settled[k]!
        pot[v]! += dist[v]! - dt
      }
      for (let v = t; v !== src; v = tail[parentArc[v]!]!) {
        const arc = parentArc[v]!
        cap[arc]!--
        cap[arc ^ 1]!++
        if (arc < endPair) {
          // a -> b gains flow (b now holds a) or b -> a cancels it (b releases a)
          const b = (arc & 1) === 0 ? head[arc]! - nA : tail[arc]! - nA
          const rev = (arc & 1) === 0 ? arc ^ 1 : arc
          const base = heldOff[b]!
          if ((arc & 1) === 0) held[base + heldSize[b]!++] = rev
          else {
            for (let k = base; k < base + heldSize[b]!; k++) {
              if (held[k] === rev) {
                held[k] = held[base + --heldSize[b]!]!
                break
              }
            }
          }
        }
      }
    }
  }

  let count = 0
  for (let k = 0; k < endPair; k += 2) if (cap[k] === 0) count++
  const pa = new Int32Array(count)
  const pb = new Int32Array(count)
  let out = 0
  for (let k = 0; k < endPair; k += 2) {
    if (cap[k] === 0) {
      pa[out] = tail[k]!
      pb[out] = head[k]! - nA
      out++
    }
  }
  return { pa, pb }
}

/** Maximum total weight matching respecting capacities and locked/excluded pairs. */
export function welfare(inst: Instance): MatchingResult {
  const ci = compileInstance(inst)
  return buildResult(ci, welfareCompiled(ci))
}
