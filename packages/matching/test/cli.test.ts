import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import t from 'tap'
import { stable } from '../src/stable.js'
import { welfare } from '../src/welfare.js'
import { tinyInstance } from './helpers.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const root = resolve(here, '../../..')
// The launcher is what `pnpm match` runs (bundle, or tsx when it cannot build one).
const launch = join(root, 'packages/matching/src/cli/launch.mjs')
const dir = mkdtempSync(join(tmpdir(), 'match-cli-'))
let n = 0

function run(args: string[], content?: string): { code: number | null; out: unknown; raw: string } {
  const argv = [...args]
  if (content !== undefined) {
    const file = join(dir, `in-${n++}.json`)
    writeFileSync(file, content)
    argv.splice(1, 0, file)
  }
  const r = spawnSync(process.execPath, [launch, ...argv], { cwd: root, encoding: 'utf8' })
  let out: unknown = null
  try {
    out = JSON.parse(r.stdout)
  } catch {}
  return { code: r.status, out, raw: r.stdout }
}

const sample = JSON.stringify({
  A: [
    { id: 'a1', capacity: 2, prefs: ['b3', 'b1'] },
    { id: 'a2', capacity: 1 },
  ],
  B: [
    { id: 'b1', capacity: 1, prefs: ['a1'] },
    { id: 'b3', capacity: 1 },
  ],
  edges: [
    { a: 'a1', b: 'b3', weight: 7.5 },
    { a: 'a2', b: 'b3', weight: 9 },
    { a: 'a1', b: 'b1', weight: 0.1 },
    { a: 'a2', b: 'b1', weight: 0.2 },
  ],
})

t.test('stable and welfare print one sorted JSON object', async (t) => {
  const s = run(['stable'], sample)
  t.equal(s.code, 0)
  t.same(s.out, {
    matching: [
      ['a1', 'b1'],
      ['a2', 'b3'],
    ],
    total_weight: 9.1,
  })
  t.equal(s.raw.trim().split('\n').length, 1)
  const sb = run(['stable', '--proposer', 'B'], sample)
  t.same(sb.out, s.out, 'unique stable matching here')
  const w = run(['welfare'], sample)
  t.same(w.out, {
    matching: [
      ['a1', 'b1'],
      ['a2', 'b3'],
    ],
    total_weight: 9.1,
  })
})

t.test('CLI agrees with the library on random instances', async (t) => {
  const samples = fc.sample(tinyInstance({ prefs: true }), { numRuns: 6, seed: 42 })
  for (const inst of samples) {
    const body = JSON.stringify({ A: inst.A, B: inst.B, edges: inst.edges })
    const s = run(['stable', '--proposer', 'B'], body)
    const lib = stable(inst, { proposer: 'B' })
    t.same(s.out, { matching: lib.pairs, total_weight: lib.totalWeight })
    const w = run(['welfare'], body)
    const lw = welfare(inst)
    t.same(w.out, { matching: lw.pairs, total_weight: lw.totalWeight })
  }
})

t.test('bad input exits 2 with an error object', async (t) => {
  const bad: [string, string[], string | undefined][] = [
    ['malformed JSON', ['stable'], '{"A": ['],
    [
      'unknown id in prefs',
      ['stable'],
      JSON.stringify({ A: [{ id: 'a', prefs: ['zz'] }], B: [{ id: 'b' }], edges: [] }),
    ],
    [
      'unknown id in edges',
      ['welfare'],
      JSON.stringify({ A: [{ id: 'a' }], B: [{ id: 'b' }], edges: [{ a: 'a', b: 'x', weight: 1 }] }),
    ],
    ['duplicate id', ['stable'], JSON.stringify({ A: [{ id: 'a' }, { id: 'a' }], B: [], edges: [] })],
    [
      'duplicate edge',
      ['welfare'],
      JSON.stringify({
        A: [{ id: 'a' }],
        B: [{ id: 'b' }],
        edges: [
          { a: 'a', b: 'b', weight: 1 },
          { a: 'a', b: 'b', weight: 2 },
        ],
      }),
    ],
    [
      'duplicate pref',
      ['stable'],
      JSON.stringify({ A: [{ id: 'a', prefs: ['b', 'b'] }], B: [{ id: 'b' }], edges: [] }),
    ],
    ['negative capacity', ['stable'], JSON.stringify({ A: [{ id: 'a', capacity: -1 }], B: [], edges: [] })],
    [
      'fractional capacity',
      ['stable'],
      JSON.stringify({ A: [{ id: 'a', capacity: 1.5 }], B: [], edges: [] }),
    ],
    ['non-string id', ['stable'], JSON.stringify({ A: [{ id: 1 }], B: [], edges: [] })],
    ['not an object', ['stable'], '[]'],
    ['unknown policy', ['greedy'], sample],
    ['bad --proposer', ['stable', '--proposer', 'C'], sample],
    ['missing --proposer value', ['stable', '--proposer'], sample],
  ]
  for (const [name, args, content] of bad) {
    const r = run(args, content)
    t.equal(r.code, 2, `${name}: exit 2`)
    t.match(r.out, { error: String }, `${name}: error object`)
  }
  const missing = run(['stable', join(dir, 'does-not-exist.json')])
  t.equal(missing.code, 2, 'missing file: exit 2')
  t.match(missing.out, { error: String })
  const noArgs = run([])
  t.equal(noArgs.code, 2, 'no arguments: exit 2')
})
