import t from 'tap'
import { canonicalJson, shortHash, versionHash } from '../src/index.js'
import { completeFields } from './fixtures.js'

/** Reverses the key order of every object, deep, to show the hash does not depend on it. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversed(v)]),
    )
  return value
}

t.test('canonical form: sorted keys, no spaces, arrays in order, undefined left out', async (t) => {
  t.equal(
    canonicalJson({ b: [3, 1, { z: 'ü', a: null }], a: true, c: undefined }),
    '{"a":true,"b":[3,1,{"a":null,"z":"ü"}]}',
  )
  t.throws(() => canonicalJson({ n: Number.NaN }), TypeError)
})

t.test('the hash is SHA-256 hex of the canonical form (a vector computed outside Node)', async (t) => {
  // python3 -c 'import hashlib; print(hashlib.sha256("{\"a\":1,\"b\":\"金\"}".encode()).hexdigest())'
  t.equal(versionHash({ b: '金', a: 1 }), '2f2fffe76c7e08eb086ddb4e29c0b5a4743912c73cf601f3390047dd98709d81')
})

t.test('equal fields give the same hash whatever the key order; any change gives another', async (t) => {
  const f = completeFields()
  const h = versionHash(f)
  t.match(h, /^[0-9a-f]{64}$/)
  t.not(JSON.stringify(reversed(f)), JSON.stringify(f), 'the key order really differs')
  t.equal(versionHash(reversed(f)), h)
  const g = completeFields()
  g.term.noticeDays = 91
  t.not(versionHash(g), h)
  const topics = completeFields()
  topics.topics.reverse()
  t.not(versionHash(topics), h, 'array order is part of the text')
})

t.test('short hash for the eye', async (t) => {
  t.equal(shortHash('0123456789abcdef0123'), '0123 4567 89ab cdef')
})
