// CLI timing: node --import tsx packages/matching/bench/cli.ts
// Generates the two target instances into a temp dir and times the whole process, in alternating
// rounds: `pnpm --silent match …` (what is measured against the reference), `node src/cli/launch.mjs`
// (the same without pnpm), and as the baseline the previous way, `node --import tsx src/cli/main.ts`
// with MATCH_PARSE=json (tsx at run time, JSON.parse of the whole file).
import { spawnSync } from 'node:child_process'
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeInstances } from './cli-instances.js'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const main = join(root, 'packages/matching/src/cli/main.ts')
const launch = join(root, 'packages/matching/src/cli/launch.mjs')
const RUNS = Number(process.env.CLI_RUNS ?? 5)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

interface Variant {
  name: string
  cmd: string
  argv: (args: string[]) => string[]
  env?: Record<string, string>
}
const VARIANTS: Variant[] = [
  { name: 'pnpm --silent match', cmd: 'pnpm', argv: (a) => ['--silent', 'match', ...a] },
  { name: 'node launch.mjs', cmd: process.execPath, argv: (a) => [launch, ...a] },
  {
    name: 'before: tsx + JSON.parse',
    cmd: process.execPath,
    argv: (a) => ['--import', 'tsx', main, ...a],
    env: { MATCH_PARSE: 'json' },
  },
]

function time(
  v: Variant,
  args: string[],
): { ms: number; pairs: number; total: number; out: string; phases: Record<string, number> } {
  const t0 = performance.now()
  const r = spawnSync(v.cmd, v.argv(args), {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, MATCH_TIMINGS: '1', ...v.env },
  })
  const ms = performance.now() - t0
  if (r.status !== 0)
    throw new Error(`CLI failed (${r.status}): ${r.stdout.slice(0, 300)} ${r.stderr.slice(0, 300)}`)
  const out = JSON.parse(r.stdout) as { matching: unknown[]; total_weight: number }
  const phases = JSON.parse(r.stderr.trim().split('\n').at(-1) || '{}') as Record<string, number>
  return { ms, pairs: out.matching.length, total: out.total_weight, out: r.stdout, phases }
}

const { dir, stableFile, welfareFile, emptyFile } = writeInstances()

// Node's own floor and pnpm's: what no change to the CLI can remove.
const floor = (cmd: string, argv: string[]) =>
  median(
    Array.from({ length: RUNS }, () => {
      const t0 = performance.now()
      spawnSync(cmd, argv, { cwd: root })
      return performance.now() - t0
    }),
  )
console.log(
  `instances in ${dir}; ${RUNS} alternating rounds, median wall time of the whole process (spawnSync)`,
)
console.log(
  `floors: node -e 0 ${floor(process.execPath, ['-e', '0']).toFixed(0)} ms, pnpm --version ${floor('pnpm', ['--version']).toFixed(0)} ms`,
)
const cases: [string, string[], string][] = [
  ['startup only (empty instance)', ['stable', emptyFile], '-'],
  ['stable 20000x2000, 30 cand/A (600k pairs), proposer A', ['stable', stableFile], '< 1000 ms'],
  ['stable 20000x2000, proposer B', ['stable', stableFile, '--proposer', 'B'], '< 1000 ms'],
  ['welfare 2000x2000, 40 cand/A, cap 1-3', ['welfare', welfareFile], '< 600 ms'],
]
for (const [name, args, target] of cases) {
  const file = args[1]!
  const runs = VARIANTS.map(() => [] as ReturnType<typeof time>[])
  for (let round = 0; round < RUNS; round++)
    VARIANTS.forEach((v, i) => {
      runs[i]!.push(time(v, args))
    })
  const first = runs[0]![0]!
  console.log(
    `${name}: file ${(statSync(file).size / 2 ** 20).toFixed(1)} MB, pairs ${first.pairs}, total_weight ${first.total}, target ${target} (pnpm)`,
  )
  const base = median(runs[2]!.map((r) => r.ms))
  VARIANTS.forEach((v, i) => {
    const rs = runs[i]!
    const ms = rs.map((r) => r.ms)
    if (rs.some((r) => r.out !== first.out)) throw new Error(`${v.name}: output differs from pnpm's`)
    // Where the time went, medians per phase: `start` is the process and module loading before
    // main runs (ms since the process began), then read, scan (or JSON.parse + validate), compile, solve, result.
    const names = Object.keys(rs[0]!.phases)
    console.log(
      `  ${v.name.padEnd(26)} median ${median(ms).toFixed(0)} ms (min ${Math.min(...ms).toFixed(0)}, max ${Math.max(...ms).toFixed(0)}), ` +
        `${(median(ms) / base).toFixed(2)} of before; phases ${names.map((n) => `${n} ${median(rs.map((r) => r.phases[n] ?? 0))}`).join(', ')}`,
    )
  })
}
