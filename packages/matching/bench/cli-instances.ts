// The CLI benchmark's instances (bench/cli.ts, bench/parse.ts): seeded, so every run times the same files.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { prng } from './population.js'

interface Spec {
  nA: number
  nB: number
  perA: number
  capA: () => number
  capB: () => number
  prefsA: boolean
}

/** Each A gets `perA` distinct random B partners with a weight in [0, 100) (two decimals). */
export function instance(spec: Spec, seed: number): string {
  const r = prng(seed)
  const A = []
  const edges: { a: string; b: string; weight: number }[] = []
  for (let i = 0; i < spec.nA; i++) {
    const chosen = new Set<number>()
    while (chosen.size < spec.perA) chosen.add(Math.floor(r() * spec.nB))
    const list = [...chosen]
    for (const j of list) edges.push({ a: `a${i}`, b: `b${j}`, weight: Math.round(r() * 10000) / 100 })
    // Half of A state explicit prefs (a shuffled candidate list), the rest derive them from edge weights.
    if (spec.prefsA && i % 2 === 0) {
      for (let k = list.length - 1; k > 0; k--) {
        const x = Math.floor(r() * (k + 1))
        ;[list[k], list[x]] = [list[x]!, list[k]!]
      }
      A.push({ id: `a${i}`, capacity: spec.capA(), prefs: list.map((j) => `b${j}`) })
    } else A.push({ id: `a${i}`, capacity: spec.capA() })
  }
  const B = Array.from({ length: spec.nB }, (_, j) => ({ id: `b${j}`, capacity: spec.capB() }))
  return JSON.stringify({ A, B, edges })
}

/** Writes the stable 20k × 2k, the welfare 2k × 2k and an empty instance into a new temp dir. */
export function writeInstances(): {
  dir: string
  stableFile: string
  welfareFile: string
  emptyFile: string
} {
  const dir = mkdtempSync(join(tmpdir(), 'match-bench-cli-'))
  const capR = prng(99)
  const stableFile = join(dir, 'stable-20000x2000.json')
  writeFileSync(
    stableFile,
    instance(
      {
        nA: 20_000,
        nB: 2_000,
        perA: 30,
        capA: () => 1,
        capB: () => 5 + Math.floor(capR() * 11),
        prefsA: true,
      },
      1,
    ),
  )
  const welfareFile = join(dir, 'welfare-2000x2000.json')
  writeFileSync(
    welfareFile,
    instance(
      {
        nA: 2_000,
        nB: 2_000,
        perA: 40,
        capA: () => 1 + Math.floor(capR() * 3),
        capB: () => 1 + Math.floor(capR() * 3),
        prefsA: false,
      },
      2,
    ),
  )
  const emptyFile = join(dir, 'empty.json')
  writeFileSync(emptyFile, JSON.stringify({ A: [], B: [], edges: [] }))
  return { dir, stableFile, welfareFile, emptyFile }
}
