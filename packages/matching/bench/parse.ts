// Input reading alternatives for the CLI: node --import tsx packages/matching/bench/parse.ts
// Each variant runs once in a fresh process (the CLI parses once, so JIT warm-up counts) on the CLI
// benchmark's files, in alternating rounds; prints median wall and CPU ms (CPU counts V8's compiler
// and GC threads too) and the ratio to JSON.parse of the whole file read as a UTF-8 string.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { compileArrays, compileInstance } from '../src/instance.js'
import { parseInstance } from '../src/parse.js'
import { scanInstance } from '../src/scan.js'
import { writeInstances } from './cli-instances.js'

const VARIANTS: Record<string, (file: string) => unknown> = {
  'readFileSync utf8 + JSON.parse': (f) => JSON.parse(readFileSync(f, 'utf8')),
  'Buffer.toString + JSON.parse': (f) => JSON.parse(readFileSync(f).toString('utf8')),
  'byte scanner (scanInstance)': (f) => scanInstance(readFileSync(f)),
  'before: JSON.parse + parseInstance + compileInstance': (f) =>
    compileInstance(parseInstance(JSON.parse(readFileSync(f, 'utf8')))),
  'now: scanInstance + compileArrays': (f) => compileArrays(scanInstance(readFileSync(f))!),
}

if (process.argv[2] === 'child') {
  const run = VARIANTS[process.argv[3]!]!
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  if (run(process.argv[4]!) == null) throw new Error('variant returned nothing')
  const c = process.cpuUsage(c0)
  process.stdout.write(JSON.stringify({ wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 }))
} else {
  const RUNS = Number(process.env.CLI_RUNS ?? 5)
  const { stableFile, welfareFile } = writeInstances()
  const self = fileURLToPath(import.meta.url)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  console.log(`${RUNS} alternating rounds, one fresh process per measurement; median ms`)
  for (const [name, file] of [
    ['stable 20000x2000', stableFile],
    ['welfare 2000x2000', welfareFile],
  ] as const) {
    const names = Object.keys(VARIANTS)
    const rows = names.map(() => [] as { wall: number; cpu: number }[])
    for (let round = 0; round < RUNS; round++) {
      names.forEach((v, i) => {
        const r = spawnSync(process.execPath, ['--import', 'tsx', self, 'child', v, file], {
          encoding: 'utf8',
        })
        if (r.status !== 0) throw new Error(r.stderr)
        rows[i]!.push(JSON.parse(r.stdout))
      })
    }
    const base = median(rows[0]!.map((r) => r.cpu))
    console.log(name)
    names.forEach((v, i) => {
      const wall = median(rows[i]!.map((r) => r.wall))
      const cpu = median(rows[i]!.map((r) => r.cpu))
      console.log(
        `  ${v.padEnd(54)} wall ${wall.toFixed(0).padStart(5)}  cpu ${cpu.toFixed(0).padStart(5)}  (cpu ${(cpu / base).toFixed(2)} of JSON.parse)`,
      )
    })
  }
}
