import fc from 'fast-check'
import t, { type Test } from 'tap'
import { isMatchError } from '../src/errors.js'
import { type CompiledInstance, compileArrays, compileInstance } from '../src/instance.js'
import { parseInstance } from '../src/parse.js'
import { scanInstance } from '../src/scan.js'
import { cliInstance } from './cli-instance.js'
import { tinyInstance } from './helpers.js'

const enc = new TextEncoder()

type Outcome = { ok: true; ci: CompiledInstance } | { ok: false; error: string }

/** What the CLI did before the scanner: JSON.parse, parseInstance, compileInstance. */
function slow(bytes: Uint8Array): Outcome {
  try {
    const text = Buffer.from(bytes).toString('utf8')
    return { ok: true, ci: compileInstance(parseInstance(JSON.parse(text))) }
  } catch (e) {
    if (e instanceof SyntaxError || isMatchError(e)) return { ok: false, error: String(e) }
    throw e
  }
}

/** The scanner path; null when it hands the input to the slow path (as the CLI does). */
function fast(bytes: Uint8Array): CompiledInstance | null {
  const arrays = scanInstance(bytes)
  if (arrays === null) return null
  try {
    return compileArrays(arrays)
  } catch (e) {
    if (isMatchError(e)) return null
    throw e
  }
}

/** The contract: the scanner either declines, or gives exactly what the slow path accepts. */
function agrees(t: Test, bytes: Uint8Array, label: string, mustScan = false): boolean {
  const f = fast(bytes)
  const s = slow(bytes)
  if (mustScan) t.not(f, null, `${label}: the scanner handles it`)
  if (f === null) return true
  if (!s.ok) {
    t.fail(`${label}: scanner accepted what the slow path rejects (${s.error})`)
    return false
  }
  t.same(f, s.ci, label)
  return true
}

const text = (x: unknown, indent?: number) => enc.encode(JSON.stringify(x, null, indent))

t.test('random instances: same compiled form as JSON.parse, compact, indented and reordered', async (t) => {
  const samples = fc.sample(tinyInstance({ prefs: true, lockExclude: true }), { numRuns: 60, seed: 7 })
  for (const [k, inst] of samples.entries()) {
    agrees(t, text(inst), `compact #${k}`, true)
    agrees(t, text(inst, 2), `indented #${k}`, true)
    // Keys in another order and extra fields the slow path ignores.
    const reordered = {
      extra: { nested: [1, 'x', null, true, false, { deep: [[]] }] },
      edges: inst.edges.map((e) => ({ weight: e.weight, note: 'n', b: e.b, a: e.a })),
      excluded: inst.excluded,
      B: inst.B.map((b) => ({ prefs: b.prefs, capacity: b.capacity, id: b.id, tag: [] })),
      A: inst.A,
      locked: inst.locked,
    }
    agrees(t, text(reordered), `reordered #${k}`, true)
  }
})

t.test(
  'the pinned CLI instance (unicode ids, escapes, locked, excluded) goes through the scanner',
  async (t) => {
    agrees(t, text(cliInstance()), 'compact', true)
    agrees(t, text(cliInstance(), 1), 'indented', true)
  },
)

const base = {
  A: [{ id: 'a1', capacity: 2, prefs: ['b1', 'b2'] }, { id: 'a2' }],
  B: [{ id: 'b1' }, { id: 'b2', capacity: 1 }],
  edges: [
    { a: 'a1', b: 'b1', weight: 1.5 },
    { a: 'a2', b: 'b2', weight: 2 },
  ],
}
const baseText = JSON.stringify(base)

t.test('malformed JSON is never accepted', async (t) => {
  const bad = [
    '',
    ' ',
    '{',
    '{"A": [], "B": []',
    '{"A": [], "B": [],}',
    '{"A": [,], "B": []}',
    '{"A": [], "B": [], "edges": [{"a": "a", "b": "b", "weight": 1,}]}',
    "{'A': [], 'B': []}",
    '{A: [], B: []}',
    '{"A": [] "B": []}',
    '{"A" [], "B": []}',
    '{"A": [], "B": []} x',
    '{"A": [], "B": []}{}',
    '\ufeff{"A": [], "B": []}',
    '{"A": [], "B": [], /* c */ "edges": []}',
    '{"A": [{"id": "a\u0001"}], "B": []}',
    '{"A": [{"id": "a\\x"}], "B": []}',
    '{"A": [{"id": "a\\u12"}], "B": []}',
    '{"A": [{"id": "a\\u12g4"}], "B": []}',
    '{"A": [{"id": "a"}], "B": [{"id": "b"}], "edges": [{"a": "a", "b": "b", "weight": NaN}]}',
    '{"A": [{"id": "a"}], "B": [{"id": "b"}], "edges": [{"a": "a", "b": "b", "weight": Infinity}]}',
    '{"A": [], "B": [], "x": [1, 2}',
    '{"A": [], "B": [], "x": {"k" 1}}',
    '{"A": [], "B": [], "x": {"k": 1,}}',
    '{"A": [], "B": [], "x": [tru]}',
    '{"A": [], "B": [], "x": nul}',
    '{"A": [], "B": [], "x": "unterminated}',
    `{"A": [], "B": [], "x": ${'['.repeat(50_000)}${']'.repeat(49_999)}}`,
  ]
  for (const s of bad) {
    t.throws(() => JSON.parse(s), `really malformed: ${s.slice(0, 40)}`)
    t.equal(scanInstance(enc.encode(s)), null, `declined: ${s.slice(0, 40)}`)
  }
})

t.test('numbers are read exactly as JSON.parse reads them', async (t) => {
  const good = [
    '0',
    '-0',
    '0.0',
    '-0.0',
    '1',
    '12.34',
    '0.1',
    '0.30000000000000004',
    '123456789012345',
    '1234567890123456789',
    '9007199254740993',
    '1e3',
    '1E+3',
    '1e-7',
    '2.5e-3',
    '-17.25',
    '1.7976931348623157e308',
    '5e-324',
    '4.9406564584124654e-324',
    '2.2250738585072014e-308',
    '0.000001234567890123456789',
    '100000000000000000000000',
    '1e22',
    '1e23',
    '8.589973e9',
    '99.99',
  ]
  for (const n of good) {
    const s = `{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"a","b":"b","weight":${n}}]}`
    const f = fast(enc.encode(s))
    t.ok(f !== null && Object.is(f.edgeW[0], JSON.parse(n)), `weight ${n}`)
    // The same number in the generic (indented) reader.
    const g = fast(
      enc.encode(`{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{ "weight": ${n}, "a":"a","b":"b" }]}`),
    )
    t.ok(g !== null && Object.is(g.edgeW[0], JSON.parse(n)), `weight ${n}, generic reader`)
  }
  for (const n of ['01', '1.', '.5', '+1', '-', '1e', '1e+', '0x10', '1.2.3', '--1', '1e400', '-1e400']) {
    const s = `{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"a","b":"b","weight":${n}}]}`
    t.equal(fast(enc.encode(s)), null, `declined: ${n}`)
  }
  for (const c of ['0', '3', '3.0', '1e1', '1073741823']) {
    const s = `{"A":[{"id":"a","capacity":${c}}],"B":[],"edges":[]}`
    t.equal(fast(enc.encode(s))?.capA[0], JSON.parse(c), `capacity ${c}`)
  }
  for (const c of ['-1', '1.5', '1073741824', '1e400', '"1"', 'null', 'true']) {
    const s = `{"A":[{"id":"a","capacity":${c}}],"B":[],"edges":[]}`
    t.equal(fast(enc.encode(s)), null, `declined capacity ${c}`)
    t.notOk(slow(enc.encode(s)).ok, `slow path rejects capacity ${c}`)
  }
})

t.test('unicode and escaped ids', async (t) => {
  const ids = [
    '中学',
    '🏫',
    'a"b',
    'back\\slash',
    'tab\t',
    '\u2028',
    'e\u0301',
    '\ud800',
    '\uffff',
    '\u0000x',
  ]
  const inst = {
    A: ids.map((id) => ({ id, prefs: ids.map((x) => `B${x}`) })),
    B: ids.map((id) => ({ id: `B${id}` })),
    edges: ids.map((id, i) => ({ a: id, b: `B${ids[(i + 1) % ids.length]}`, weight: i })),
  }
  agrees(t, text(inst), 'escaped and non-ASCII ids', true)
  const f = fast(text(inst))
  t.same(f?.idsA, ids, 'ids decoded exactly')

  // One id spelled two ways: the slow path says duplicate, the scanner must not say otherwise.
  const dup = enc.encode('{"A":[{"id":"a"},{"id":"\\u0061"}],"B":[],"edges":[]}')
  t.equal(fast(dup), null)
  t.notOk(slow(dup).ok)
  // A reference spelled differently from its id: resolved by the slow path, declined here.
  const alias = enc.encode('{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"\\u0061","b":"b","weight":1}]}')
  t.equal(fast(alias), null)
  t.ok(slow(alias).ok)
  // Invalid UTF-8 in an id (the slow path sees U+FFFD): declined.
  const raw = Buffer.concat([
    Buffer.from('{"A":[{"id":"a'),
    Buffer.from([0xff]),
    Buffer.from('"}],"B":[],"edges":[]}'),
  ])
  t.equal(fast(raw), null)
  t.ok(slow(raw).ok)
  // Escaped key names may spell known ones.
  const key = enc.encode('{"\\u0041":[{"id":"a"}],"B":[],"edges":[]}')
  t.equal(fast(key), null)
  t.ok(slow(key).ok)
})

t.test('deep nesting in ignored fields is validated without a stack limit', async (t) => {
  const depth = 200_000
  const arrays = `{"A":[],"B":[],"x":${'['.repeat(depth)}${']'.repeat(depth)}}`
  t.not(fast(enc.encode(arrays)), null, 'deep arrays')
  const objects = `{"A":[],"B":[],"x":${'{"k":'.repeat(depth)}1${'}'.repeat(depth)}}`
  t.not(fast(enc.encode(objects)), null, 'deep objects')
  const mixed = `{"A":[],"B":[],"x":${'[{"k":'.repeat(depth)}1${'}]'.repeat(depth)}}`
  t.not(fast(enc.encode(mixed)), null, 'deep mixed')
  const crossed = `{"A":[],"B":[],"x":${'[{"k":'.repeat(10)}1${']}'.repeat(10)}}`
  t.equal(fast(enc.encode(crossed)), null, 'brackets crossed')
})

t.test('shapes the slow path rejects or reads differently are declined', async (t) => {
  const cases: [string, unknown][] = [
    ['top level array', []],
    ['A missing', { B: [] }],
    ['A not an array', { A: {}, B: [] }],
    ['agent not an object', { A: [['a']], B: [] }],
    ['id missing', { A: [{ capacity: 1 }], B: [] }],
    ['id a number', { A: [{ id: 1 }], B: [] }],
    ['prefs not strings', { A: [{ id: 'a', prefs: [1] }], B: [] }],
    ['prefs null', { A: [{ id: 'a', prefs: null }], B: [] }],
    ['unknown pref', { A: [{ id: 'a', prefs: ['zz'] }], B: [{ id: 'b' }] }],
    ['duplicate id', { A: [{ id: 'a' }, { id: 'a' }], B: [] }],
    ['duplicate pref', { A: [{ id: 'a', prefs: ['b', 'b'] }], B: [{ id: 'b' }] }],
    [
      'edge weight a string',
      { A: [{ id: 'a' }], B: [{ id: 'b' }], edges: [{ a: 'a', b: 'b', weight: '1' }] },
    ],
    ['edge without b', { A: [{ id: 'a' }], B: [{ id: 'b' }], edges: [{ a: 'a', weight: 1 }] }],
    ['unknown edge id', { A: [{ id: 'a' }], B: [{ id: 'b' }], edges: [{ a: 'a', b: 'x', weight: 1 }] }],
    [
      'duplicate edge',
      {
        A: [{ id: 'a' }],
        B: [{ id: 'b' }],
        edges: [
          { a: 'a', b: 'b', weight: 1 },
          { a: 'a', b: 'b', weight: 2 },
        ],
      },
    ],
    ['locked not pairs', { A: [{ id: 'a' }], B: [{ id: 'b' }], locked: [['a']] }],
    ['locked over capacity', { A: [{ id: 'a', capacity: 0 }], B: [{ id: 'b' }], locked: [['a', 'b']] }],
  ]
  for (const [name, inst] of cases) {
    t.equal(fast(text(inst)), null, `declined: ${name}`)
    t.notOk(slow(text(inst)).ok, `slow path rejects: ${name}`)
  }
  // JSON.parse keeps the last of repeated keys; the scanner leaves that to it.
  const repeated = enc.encode('{"A":[{"id":"x"}],"A":[{"id":"a"}],"B":[],"edges":[]}')
  t.equal(fast(repeated), null)
  const last = slow(repeated)
  t.same(last.ok ? last.ci.idsA : null, ['a'])
  // Repeated keys inside an agent or edge: the last wins, as in JSON.parse.
  agrees(
    t,
    enc.encode('{"A":[{"id":"x","id":"a","capacity":5,"capacity":2}],"B":[{"id":"b"}],"edges":[]}'),
    'agent',
    true,
  )
  agrees(
    t,
    enc.encode(
      '{"A":[{"id":"a"}],"B":[{"id":"b"}],"edges":[{"a":"zz","a":"a","b":"b","weight":1,"weight":3}]}',
    ),
    'edge',
    true,
  )
})

t.test('mutations of a valid file: declined, or the same result as the slow path', async (t) => {
  // Differential fuzzing: whatever one byte edit does, the scanner must never accept more, or
  // read differently, than JSON.parse + parseInstance + compileInstance.
  const src = enc.encode(baseText)
  const alphabet = enc.encode('{}[],:"\\ 0123456789.-+eEabtrufnl\u0001')
  let checked = 0
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          op: fc.integer({ min: 0, max: 2 }),
          at: fc.nat({ max: src.length }),
          c: fc.constantFrom(...alphabet),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      (edits) => {
        let bytes = Array.from(src)
        for (const { op, at, c } of edits) {
          const i = Math.min(at, bytes.length)
          if (op === 0) bytes.splice(i, 0, c)
          else if (op === 1) bytes.splice(i, 1)
          else bytes[i] = c
        }
        bytes = bytes.filter((b) => b !== undefined)
        checked++
        return agrees(t, Uint8Array.from(bytes), `mutation ${checked}`)
      },
    ),
    { numRuns: 3000, seed: 11 },
  )
})
