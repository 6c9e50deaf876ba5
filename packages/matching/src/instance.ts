import { invalidInput } from './errors.js'

/** One side's agent in a generic bipartite matching instance. */
export interface Agent {
  id: string
  /** Maximum number of partners; integer >= 0, default 1. */
  capacity?: number
  /** Acceptable partners, best first. Without it, preferences come from edges (weight desc, id asc). */
  prefs?: string[]
}

export interface Edge {
  a: string
  b: string
  weight: number
}

export interface Instance {
  A: Agent[]
  B: Agent[]
  edges: Edge[]
  /** Pairs that stay matched whatever the policy; they consume capacity on both sides. */
  locked?: [string, string][]
  /** Pairs that must never be matched. */
  excluded?: [string, string][]
}

export interface MatchingResult {
  /** Sorted by A id, then B id (code-point order). */
  pairs: [string, string][]
  /** Sum of edge weights of chosen pairs that have an edge, rounded to 1e-9. */
  totalWeight: number
}

/**
 * Integer-indexed form every algorithm works on. Edges are in CSR by A (`offA`), unique per pair,
 * with locked and excluded pairs already removed; capacities are what remains after locked pairs.
 */
export interface CompiledInstance {
  idsA: string[]
  idsB: string[]
  nA: number
  nB: number
  capA: Int32Array
  capB: Int32Array
  offA: Int32Array
  edgeB: Int32Array
  edgeW: Float64Array
  /** Explicit preference lists in CSR; `hasPrefsA[i] === 0` means "derive from edges". */
  prefA: Csr
  prefB: Csr
  hasPrefsA: Uint8Array
  hasPrefsB: Uint8Array
  lockedA: Int32Array
  lockedB: Int32Array
  /** Weight of each locked pair, 0 when it has no edge. */
  lockedW: Float64Array
}

export interface Csr {
  off: Int32Array
  idx: Int32Array
}

export interface ArrayInstance {
  idsA: string[]
  idsB: string[]
  capA: ArrayLike<number>
  capB: ArrayLike<number>
  m: number
  ea: ArrayLike<number>
  eb: ArrayLike<number>
  w: ArrayLike<number>
  prefsA?: (readonly number[] | null)[]
  prefsB?: (readonly number[] | null)[]
  locked?: readonly (readonly [number, number])[]
  excluded?: readonly (readonly [number, number])[]
}

function indexIds(agents: Agent[], side: string): { ids: string[]; index: Map<string, number> } {
  const ids: string[] = []
  const index = new Map<string, number>()
  for (let i = 0; i < agents.length; i++) {
    const id = agents[i]!.id
    if (index.has(id)) throw invalidInput(`${side}[${i}].id`, `duplicate id ${JSON.stringify(id)}`)
    index.set(id, i)
    ids.push(id)
  }
  return { ids, index }
}

function capacities(agents: Agent[], side: string): Int32Array {
  const cap = new Int32Array(agents.length)
  for (let i = 0; i < agents.length; i++) {
    const c = agents[i]!.capacity ?? 1
    if (!Number.isInteger(c) || c < 0 || c > 0x3fffffff) {
      throw invalidInput(`${side}[${i}].capacity`, 'must be an integer >= 0')
    }
    cap[i] = c
  }
  return cap
}

function resolve(index: Map<string, number>, id: string, field: string): number {
  const i = index.get(id)
  if (i === undefined) throw invalidInput(field, `unknown id ${JSON.stringify(id)}`)
  return i
}

/** Validates ids, capacities, prefs, edges, locked and excluded pairs and builds the indexed form. */
export function compileInstance(inst: Instance): CompiledInstance {
  const A = indexIds(inst.A, 'A')
  const B = indexIds(inst.B, 'B')
  const m = inst.edges.length
  const ea = new Int32Array(m)
  const eb = new Int32Array(m)
  const w = new Float64Array(m)
  for (let k = 0; k < m; k++) {
    const e = inst.edges[k]!
    ea[k] = resolve(A.index, e.a, `edges[${k}].a`)
    eb[k] = resolve(B.index, e.b, `edges[${k}].b`)
    if (typeof e.weight !== 'number' || !Number.isFinite(e.weight)) {
      throw invalidInput(`edges[${k}].weight`, 'must be a finite number')
    }
    w[k] = e.weight
  }
  const prefs = (agents: Agent[], other: Map<string, number>, side: string) =>
    agents.map((ag, i) =>
      ag.prefs === undefined ? null : ag.prefs.map((p, j) => resolve(other, p, `${side}[${i}].prefs[${j}]`)),
    )
  const pairs = (list: [string, string][] | undefined, field: string) =>
    (list ?? []).map(
      ([a, b], k) =>
        [resolve(A.index, a, `${field}[${k}][0]`), resolve(B.index, b, `${field}[${k}][1]`)] as const,
    )
  return compileArrays({
    idsA: A.ids,
    idsB: B.ids,
    capA: capacities(inst.A, 'A'),
    capB: capacities(inst.B, 'B'),
    m,
    ea,
    eb,
    w,
    prefsA: prefs(inst.A, B.index, 'A'),
    prefsB: prefs(inst.B, A.index, 'B'),
    locked: pairs(inst.locked, 'locked'),
    excluded: pairs(inst.excluded, 'excluded'),
  })
}

/** Same as compileInstance for callers that already hold integer indices (no string maps). */
export function compileArrays(inp: ArrayInstance): CompiledInstance {
  const nA = inp.idsA.length
  const nB = inp.idsB.length
  const capA = Int32Array.from(inp.capA)
  const capB = Int32Array.from(inp.capB)
  const key = (a: number, b: number) => a * nB + b

  const excluded = new Set<number>()
  for (const [a, b] of inp.excluded ?? []) excluded.add(key(a, b))
  const locked = new Set<number>()
  const lockedList = inp.locked ?? []
  for (const [a, b] of lockedList) {
    const k = key(a, b)
    if (locked.has(k)) throw invalidInput('locked', `duplicate pair ${inp.idsA[a]} / ${inp.idsB[b]}`)
    if (excluded.has(k)) throw invalidInput('locked', `pair ${inp.idsA[a]} / ${inp.idsB[b]} is also excluded`)
    locked.add(k)
    if (--capA[a]! < 0) throw invalidInput('locked', `more locked pairs than capacity for A ${inp.idsA[a]}`)
    if (--capB[b]! < 0) throw invalidInput('locked', `more locked pairs than capacity for B ${inp.idsB[b]}`)
  }
  const dropped = (a: number, b: number) =>
    (excluded.size > 0 && excluded.has(key(a, b))) || (locked.size > 0 && locked.has(key(a, b)))

  // Edges into CSR by A; counting sort keeps it O(m).
  const offA = new Int32Array(nA + 1)
  for (let k = 0; k < inp.m; k++) offA[inp.ea[k]! + 1]!++
  for (let i = 0; i < nA; i++) offA[i + 1]! += offA[i]!
  const fill = offA.slice(0, nA)
  const edgeB = new Int32Array(inp.m)
  const edgeW = new Float64Array(inp.m)
  for (let k = 0; k < inp.m; k++) {
    const p = fill[inp.ea[k]!]!++
    edgeB[p] = inp.eb[k]!
    edgeW[p] = inp.w[k]!
  }
  const lockedW = new Float64Array(lockedList.length)
  const lockedIndex = new Map<number, number>()
  for (let k = 0; k < lockedList.length; k++) lockedIndex.set(key(lockedList[k]![0], lockedList[k]![1]), k)

  const stamp = new Int32Array(nB).fill(-1)
  let out = 0
  for (let a = 0; a < nA; a++) {
    const start = offA[a]!
    const end = offA[a + 1]!
    offA[a] = out
    for (let p = start; p < end; p++) {
      const b = edgeB[p]!
      if (stamp[b] === a) throw invalidInput('edges', `duplicate edge ${inp.idsA[a]} / ${inp.idsB[b]}`)
      stamp[b] = a
      if (dropped(a, b)) {
        const li = lockedIndex.get(key(a, b))
        if (li !== undefined) lockedW[li] = edgeW[p]!
        continue
      }
      edgeB[out] = b
      edgeW[out] = edgeW[p]!
      out++
    }
  }
  offA[nA] = out

  const prefA = prefCsr(
    inp.prefsA,
    nA,
    nB,
    (i, j) => dropped(i, j),
    (i) => inp.idsA[i]!,
    'A',
  )
  const prefB = prefCsr(
    inp.prefsB,
    nB,
    nA,
    (i, j) => dropped(j, i),
    (i) => inp.idsB[i]!,
    'B',
  )
  return {
    idsA: inp.idsA,
    idsB: inp.idsB,
    nA,
    nB,
    capA,
    capB,
    offA,
    edgeB: edgeB.subarray(0, out),
    edgeW: edgeW.subarray(0, out),
    prefA: prefA.csr,
    prefB: prefB.csr,
    hasPrefsA: prefA.has,
    hasPrefsB: prefB.has,
    lockedA: Int32Array.from(lockedList, (p) => p[0]),
    lockedB: Int32Array.from(lockedList, (p) => p[1]),
    lockedW,
  }
}

function prefCsr(
  prefs: (readonly number[] | null)[] | undefined,
  n: number,
  nOther: number,
  dropped: (self: number, other: number) => boolean,
  id: (i: number) => string,
  side: string,
): { csr: Csr; has: Uint8Array } {
  const has = new Uint8Array(n)
  const off = new Int32Array(n + 1)
  let total = 0
  for (let i = 0; i < n; i++) total += prefs?.[i]?.length ?? 0
  const idx = new Int32Array(total)
  const stamp = new Int32Array(nOther).fill(-1)
  let out = 0
  for (let i = 0; i < n; i++) {
    off[i] = out
    const list = prefs?.[i]
    if (list == null) continue
    has[i] = 1
    for (const j of list) {
      if (stamp[j] === i) throw invalidInput(`${side}.prefs`, `duplicate entry in prefs of ${id(i)}`)
      stamp[j] = i
      if (!dropped(i, j)) idx[out++] = j
    }
  }
  off[n] = out
  return { csr: { off, idx: idx.subarray(0, out) }, has }
}
