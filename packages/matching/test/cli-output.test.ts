import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { cliInstance } from './cli-instance.js'

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')
const launch = join(root, 'packages/matching/src/cli/launch.mjs')
const dir = mkdtempSync(join(tmpdir(), 'match-cli-out-'))

// sha256 of stdout of the CLI as it was before the byte scanner and the bundle (commit 6d3dd58),
// on cliInstance() written by JSON.stringify. Output must stay byte for byte the same.
const PINNED: [string[], string][] = [
  [['stable'], '34f1de34cd8dfb99333a7fff77f29914d9cc7515b3f4a8b90c366b9d7e67d475'],
  [['stable', '--proposer', 'B'], '34f1de34cd8dfb99333a7fff77f29914d9cc7515b3f4a8b90c366b9d7e67d475'],
  [['welfare'], '97a1022c8cc452052e81caaa63821df70635cb484568f8dd104bb607bbf6fe6a'],
]

function run(args: string[], file: string, env: Record<string, string> = {}) {
  const [policy, ...rest] = args
  const r = spawnSync(process.execPath, [launch, policy!, file, ...rest], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  return { code: r.status, out: r.stdout, hash: createHash('sha256').update(r.stdout).digest('hex') }
}

t.test('the CLI prints exactly what the previous implementation printed', async (t) => {
  const compact = join(dir, 'compact.json')
  writeFileSync(compact, JSON.stringify(cliInstance()))
  const indented = join(dir, 'indented.json')
  writeFileSync(indented, JSON.stringify(cliInstance(), null, 2))
  for (const [args, hash] of PINNED) {
    const name = args.join(' ')
    const fast = run(args, compact)
    t.equal(fast.code, 0, `${name}: exit 0`)
    t.equal(fast.hash, hash, `${name}: pinned output`)
    // The same input through JSON.parse (MATCH_PARSE=json) and through the scanner's generic reader.
    t.equal(run(args, compact, { MATCH_PARSE: 'json' }).hash, hash, `${name}: JSON.parse path`)
    t.equal(run(args, indented).hash, hash, `${name}: indented file`)
    // And without the bundle, through tsx (the launcher's fallback).
    t.equal(run(args, compact, { MATCH_NO_BUNDLE: '1' }).hash, hash, `${name}: tsx fallback`)
  }
})

t.test('the launcher reuses its bundle until an input changes, then rebuilds it', async (t) => {
  const cache = mkdtempSync(join(tmpdir(), 'match-cache-'))
  const file = join(dir, 'small.json')
  writeFileSync(
    file,
    JSON.stringify({ A: [{ id: 'a' }], B: [{ id: 'b' }], edges: [{ a: 'a', b: 'b', weight: 2 }] }),
  )
  const expected = '{"matching":[["a","b"]],"total_weight":2}\n'
  const env = { MATCH_CACHE_DIR: cache }
  t.equal(run(['stable'], file, env).out, expected, 'first run builds and runs the bundle')
  const manifestPath = join(cache, 'manifest.json')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { hash: string; inputs: string[] }
  // Relative to the launcher's directory, so a copied checkout hashes its own files.
  const inputs = manifest.inputs.map((p) => resolve(dirname(launch), p))
  t.ok(
    inputs.includes(join(root, 'packages/matching/src/cli/main.ts')) &&
      inputs.includes(join(root, 'packages/matching/src/scan.ts')),
    'the manifest lists the sources that went into the bundle',
  )
  // Swap the bundle's content: a second run that prints it proves the cache is used as is.
  const bundle = join(cache, `${manifest.hash}.mjs`)
  writeFileSync(bundle, 'process.stdout.write("cached\\n")\n')
  t.equal(run(['stable'], file, env).out, 'cached\n', 'unchanged inputs: the cached bundle runs')
  // An input whose content no longer matches the recorded hash: rebuilt, and right again.
  const extra = join(cache, 'extra-input.ts')
  writeFileSync(extra, 'export {}\n')
  writeFileSync(manifestPath, JSON.stringify({ hash: manifest.hash, inputs: [...manifest.inputs, extra] }))
  t.equal(run(['stable'], file, env).out, expected, 'changed inputs: rebuilt')
  t.not(readFileSync(bundle, 'utf8'), 'process.stdout.write("cached\\n")\n', 'the stale bundle was replaced')
  // A cache that cannot be written (here: below a regular file): tsx runs the sources instead.
  t.equal(run(['stable'], file, { MATCH_CACHE_DIR: join(file, 'x') }).out, expected, 'no cache: tsx fallback')
})

t.test('error messages are the ones the JSON.parse path gives', async (t) => {
  const cases: [string, string][] = [
    ['{"A": [', 'malformed JSON: Unexpected end of JSON input'],
    ['[]', 'MATCH_INVALID_INPUT: $: instance must be a JSON object'],
    [
      '{"A":[{"id":"a","prefs":["zz"]}],"B":[{"id":"b"}],"edges":[]}',
      'MATCH_INVALID_INPUT: A[0].prefs[0]: unknown id "zz"',
    ],
    [
      '{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"a","b":"x","weight":1}]}',
      'MATCH_INVALID_INPUT: edges[0].b: unknown id "x"',
    ],
    ['{"A":[{"id":"a"},{"id":"a"}],"B":[],"edges":[]}', 'MATCH_INVALID_INPUT: A[1].id: duplicate id "a"'],
    [
      '{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"a","b":"b","weight":1},{"a":"a","b":"b","weight":2}]}',
      'MATCH_INVALID_INPUT: edges: duplicate edge a / b',
    ],
    [
      '{"A":[{"id":"a","prefs":["b","b"]}],"B":[{"id":"b"}],"edges":[]}',
      'MATCH_INVALID_INPUT: A.prefs: duplicate entry in prefs of a',
    ],
    [
      '{"A":[{"id":"a","capacity":-1}],"B":[],"edges":[]}',
      'MATCH_INVALID_INPUT: A[0].capacity: must be an integer >= 0',
    ],
    [
      '{"A":[{"id":"a","capacity":0}],"B":[{"id":"b"}],"locked":[["a","b"]]}',
      'MATCH_INVALID_INPUT: locked: more locked pairs than capacity for A a',
    ],
    [
      '{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"a","b":"b","weight":1e400}]}',
      'MATCH_INVALID_INPUT: edges[0].weight: must be a finite number',
    ],
  ]
  for (const [k, [content, error]] of cases.entries()) {
    const file = join(dir, `bad-${k}.json`)
    writeFileSync(file, content)
    const r = run(['stable'], file)
    t.equal(r.code, 2, `${error}: exit 2`)
    t.equal(r.out, `${JSON.stringify({ error })}\n`, error)
  }
})
