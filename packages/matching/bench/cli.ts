// CLI timing: node --import tsx packages/matching/bench/cli.ts
// Generates the two target instances into a temp dir and times `node --import tsx src/cli/main.ts` end to end.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { prng } from './population.js'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const main = join(root, 'packages/matching/src/cli/main.ts')
const RUNS = Number(process.env.CLI_RUNS ?? 5)

interface Spec {
  nA: number
  nB: number
  perA: number
  capA: () => number
  capB: () => number
  prefsA: boolean
}

/** Each A gets `perA` distinct random B partners with a weight in [0, 100) (two decimals). */
function instance(spec: Spec, seed: number): string {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

function time(args: string[]): { ms: number; pairs: number; total: number; phases: Record<string, number> } {
  const t0 = performance.now()
  const r = spawnSync(process.execPath, ['--import', 'tsx', main, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, MATCH_TIMINGS: '1' },
  })
  const ms = performance.now() - t0
  if (r.status !== 0)
    throw new Error(`CLI failed (${r.status}): ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`)
  const out = JSON.parse(r.stdout) as { matching: unknown[]; total_weight: number }
  const phases = JSON.parse(r.stderr.trim().split('\n').at(-1) || '{}') as Record<string, number>
  return { ms, pairs: out.matching.length, total: out.total_weight, phases }
}

const dir = mkdtempSync(join(tmpdir(), 'match-bench-cli-'))
const capR = prng(99)
const stableFile = join(dir, 'stable-20000x2000.json')
writeFileSync(
  stableFile,
  instance(
    { nA: 20_000, nB: 2_000, perA: 30, capA: () => 1, capB: () => 5 + Math.floor(capR() * 11), prefsA: true },
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

console.log(`instances in ${dir}; ${RUNS} runs each, median wall time of the whole process (spawnSync)`)
const cases: [string, string[], string][] = [
  ['startup only (empty instance)', ['stable', emptyFile], '-'],
  ['stable 20000x2000, 30 cand/A (600k pairs), proposer A', ['stable', stableFile], '< 2000 ms'],
  ['stable 20000x2000, proposer B', ['stable', stableFile, '--proposer', 'B'], '< 2000 ms'],
  ['welfare 2000x2000, 40 cand/A, cap 1-3', ['welfare', welfareFile], '< 1500 ms'],
]
for (const [name, args, target] of cases) {
  const file = args[1]!
  const runs = Array.from({ length: RUNS }, () => time(args))
  const ms = runs.map((r) => r.ms)
  console.log(
    `${name}: median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}), ` +
      `target ${target}; file ${(statSync(file).size / 2 ** 20).toFixed(1)} MB, pairs ${runs[0]!.pairs}, total_weight ${runs[0]!.total}`,
  )
  // Where the time went, medians per phase: `start` is the process and module loading before
  // main runs (ms since the process began), then read, JSON.parse, validation, compile, solve, result.
  const names = Object.keys(runs[0]!.phases)
  console.log(
    `  phases (median ms): ${names.map((n) => `${n} ${median(runs.map((r) => r.phases[n] ?? 0))}`).join(', ')}`,
  )
}
