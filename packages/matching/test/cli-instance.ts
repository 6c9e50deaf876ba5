/**
 * A deterministic mid-size CLI instance (3,000 × 300) that touches every input feature: explicit and
 * derived prefs on both sides, tied and negative weights, capacities 0–3, locked and excluded pairs,
 * and ids outside ASCII (CJK, astral emoji, an escaped quote) whose code-point order differs from
 * UTF-16 order. The CLI's output on it is pinned by hash in cli-output.test.ts.
 */
export function cliInstance(): {
  A: { id: string; capacity?: number; prefs?: string[] }[]
  B: { id: string; capacity?: number; prefs?: string[] }[]
  edges: { a: string; b: string; weight: number }[]
  locked: [string, string][]
  excluded: [string, string][]
} {
  let x = 12345
  // Park–Miller LCG: the same numbers on every platform, no dependency on Math.random.
  const next = (n: number) => {
    x = (x * 48271) % 2147483647
    return x % n
  }
  const idA = (i: number) =>
    i % 97 === 0 ? `学校${i}` : i % 89 === 0 ? `🏫${i}` : i % 83 === 0 ? `a"${i}` : `a${i}`
  const idB = (j: number) => (j % 31 === 0 ? `中学${j}` : j % 29 === 0 ? `\uff5e${j}` : `b${j}`)
  const nA = 3000
  const nB = 300
  const A = Array.from({ length: nA }, (_, i) => ({
    id: idA(i),
    ...(i % 7 === 0 ? {} : { capacity: next(4) }),
  })) as { id: string; capacity?: number; prefs?: string[] }[]
  const B = Array.from({ length: nB }, (_, j) => ({ id: idB(j), capacity: 1 + next(12) })) as typeof A
  const edges: { a: string; b: string; weight: number }[] = []
  const partners: number[][] = []
  for (let i = 0; i < nA; i++) {
    const chosen = new Set<number>()
    while (chosen.size < 12) chosen.add(next(nB))
    const list = [...chosen]
    partners.push(list)
    for (const j of list) {
      const roll = next(10)
      const weight = roll === 0 ? next(5) : roll === 1 ? -next(300) / 100 : next(10000) / 100
      edges.push({ a: idA(i), b: idB(j), weight })
    }
    if (i % 2 === 0) A[i]!.prefs = list.filter(() => next(5) > 0).map(idB)
  }
  for (let j = 0; j < nB; j += 3) {
    const list = new Set<number>()
    for (let k = 0; k < 40; k++) list.add(next(nA))
    B[j]!.prefs = [...list].map(idA)
  }
  const locked: [string, string][] = []
  const excluded: [string, string][] = []
  for (let i = 5; i < nA; i += 211) {
    if ((A[i]!.capacity ?? 1) > 0) locked.push([idA(i), idB(partners[i]![0]!)])
    excluded.push([idA(i), idB(partners[i]![1]!)])
  }
  return { A, B, edges, locked, excluded }
}
