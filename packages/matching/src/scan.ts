import type { ArrayInstance } from './instance.js'

/**
 * Reads a CLI instance file's bytes straight into the indexed form, without JSON.parse's object
 * graph: on the 20k × 2k benchmark file (26 MB, 600k edges) JSON.parse alone took 0.3 s and building
 * 600k edge objects only to turn their ids back into indices cost another 0.1 s.
 *
 * It never reports an error itself. It returns null for anything it does not handle exactly as
 * `compileInstance(parseInstance(JSON.parse(text)))` would: malformed JSON, a wrong type, an unknown
 * or duplicate id, a repeated top-level key, an escaped key, an id that is not valid UTF-8. The CLI
 * then runs that slow path, which either accepts the input (same result) or says what is wrong, so
 * the errors stay exactly the ones the slow path gives. Whatever it returns, compileArrays still
 * checks (duplicate edges and prefs, locked pairs); any MatchError from there also means "slow path".
 *
 * Ids are kept as byte ranges and looked up in a hash table over the raw bytes. Equal raw bytes
 * decode to equal strings; two ids whose bytes differ but decode alike (an escape, say) are caught by
 * a check on the decoded strings, and a reference spelled differently from its id is not found,
 * which again means null.
 */
export function scanInstance(bytes: Uint8Array): ArrayInstance | null {
  try {
    // A plain view: a Node Buffer's subarray() runs the slow Buffer constructor, and element reads
    // stay monomorphic.
    return new Scanner(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)).instance()
  } catch (e) {
    if (e === BAIL) return null
    throw e
  }
}

/** Thrown (one preallocated object, no stack trace to build) when the fast path gives up. */
const BAIL = new Error('scan: not handled here')

const QUOTE = 0x22
const BACKSLASH = 0x5c
const COMMA = 0x2c
const COLON = 0x3a
const MINUS = 0x2d
const ZERO = 0x30
const NINE = 0x39
const LBRACKET = 0x5b
const RBRACKET = 0x5d
const LBRACE = 0x7b
const RBRACE = 0x7d

/** Byte classes inside a string: 0 plain ASCII, 1 quote, 2 backslash, 3 control (invalid), 4 non-ASCII. */
const STR = new Uint8Array(256)
for (let c = 0; c < 0x20; c++) STR[c] = 3
STR[QUOTE] = 1
STR[BACKSLASH] = 2
for (let c = 0x80; c < 256; c++) STR[c] = 4

const HEX = new Uint8Array(256)
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1

/** Powers of ten that are exact doubles; with a mantissa below 2^53 one multiply or divide rounds correctly. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

const FNV_BASIS = 0x811c9dc5
const FNV_PRIME = 0x01000193

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

enum Key {
  Unknown,
  A,
  B,
  Edges,
  Locked,
  Excluded,
  Id,
  Capacity,
  Prefs,
  EdgeA,
  EdgeB,
  Weight,
}

/** Growable Int32 list. */
class I32 {
  a: Int32Array
  n = 0
  constructor(capacity: number) {
    this.a = new Int32Array(Math.max(16, capacity))
  }
  push(x: number): void {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2)
      b.set(this.a)
      this.a = b
    }
    this.a[this.n++] = x
  }
}

/** One side's agents as scanned: decoded ids, their byte ranges, capacities and pref references. */
class Side {
  ids: string[] = []
  /** Byte range [start, end) of each id, between the quotes. */
  range = new I32(64)
  cap = new I32(64)
  /** Per agent: first index into `refs` of its prefs ((start, end, hash) triples), or -1 for "no prefs". */
  prefFirst = new I32(64)
  prefCount = new I32(64)
  refs = new I32(64)
  /** Some id has an escape or a non-ASCII byte: duplicates must be checked on the decoded strings. */
  fancy = false
  table: Int32Array = new Int32Array(0)
}

class Scanner {
  private readonly s: Uint8Array
  private pos = 0
  private readonly A = new Side()
  private readonly B = new Side()
  /** Per edge, when an endpoint side was not read yet: a start, a end, b start, b end; else null. */
  private edgeRefs: I32 | null = null
  /** Per edge, when both sides were read before the edges: the resolved indices. */
  private ea: Int32Array
  private eb: Int32Array
  private weights: Float64Array
  private m = 0
  private readonly seen = new Set<Key>()
  private locked: I32 | null = null
  private excluded: I32 | null = null

  constructor(s: Uint8Array) {
    this.s = s
    // An edge takes at least 26 bytes ({"a":"","b":"","weight":0}); a fortieth is a close first guess.
    const guess = Math.max(16, Math.ceil(s.length / 40))
    this.ea = new Int32Array(guess)
    this.eb = new Int32Array(guess)
    this.weights = new Float64Array(guess)
  }

  instance(): ArrayInstance {
    const seen = this.seen
    this.ws()
    this.expect(LBRACE)
    this.ws()
    if (this.s[this.pos] === RBRACE) throw BAIL
    for (;;) {
      const key = this.key()
      this.ws()
      this.expect(COLON)
      this.ws()
      if (key !== Key.Unknown) {
        // Later duplicates win in JSON.parse; not worth handling here.
        if (seen.has(key)) throw BAIL
        seen.add(key)
      }
      if (key === Key.A) this.agents(this.A)
      else if (key === Key.B) this.agents(this.B)
      else if (key === Key.Edges) this.edges()
      else if (key === Key.Locked) this.locked = this.pairs()
      else if (key === Key.Excluded) this.excluded = this.pairs()
      else this.skipValue()
      this.ws()
      const c = this.s[this.pos++]
      if (c === RBRACE) break
      if (c !== COMMA) throw BAIL
      this.ws()
    }
    this.ws()
    if (this.pos !== this.s.length || !seen.has(Key.A) || !seen.has(Key.B)) throw BAIL
    return this.resolveAll()
  }

  // ---- grammar ----

  private ws(): void {
    const s = this.s
    let p = this.pos
    for (;;) {
      const c = s[p]
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++
      else break
    }
    this.pos = p
  }

  private expect(c: number): void {
    if (this.s[this.pos] !== c) throw BAIL
    this.pos++
  }

  /** After a list element: true for `,` (another follows), false for the closing bracket. */
  private more(close: number): boolean {
    this.ws()
    const c = this.s[this.pos++]
    if (c === COMMA) {
      this.ws()
      return true
    }
    if (c === close) return false
    throw BAIL
  }

  /**
   * Scans a string whose opening quote is at `pos`; returns its end (the closing quote) and leaves
   * `pos` after it. `flags` gets bit 1 for an escape and bit 2 for a non-ASCII byte. Escapes are
   * checked (JSON.parse rejects bad ones), control characters bail.
   */
  private flags = 0
  private string(): number {
    const s = this.s
    if (s[this.pos] !== QUOTE) throw BAIL
    let p = this.pos + 1
    let flags = 0
    for (;;) {
      const k = STR[s[p]!]!
      if (k === 0) {
        p++
        continue
      }
      if (k === 1) break
      if (k === 4) {
        flags |= 2
        p++
      } else if (k === 2) {
        flags |= 1
        const e = s[p + 1]
        if (e === 0x75) {
          if (!HEX[s[p + 2]!] || !HEX[s[p + 3]!] || !HEX[s[p + 4]!] || !HEX[s[p + 5]!]) throw BAIL
          p += 6
        } else if (
          e === QUOTE ||
          e === BACKSLASH ||
          e === 0x2f ||
          e === 0x62 ||
          e === 0x66 ||
          e === 0x6e ||
          e === 0x72 ||
          e === 0x74
        ) {
          p += 2
        } else throw BAIL
      } else throw BAIL // a control character, or the end of the input
    }
    this.flags = flags
    this.pos = p + 1
    return p
  }

  private key(): Key {
    const start = this.pos + 1
    const end = this.string()
    if (this.flags & 1) throw BAIL // an escaped key may spell a known one
    const s = this.s
    const n = end - start
    const c = s[start]
    if (n === 1) {
      if (c === 0x41) return Key.A
      if (c === 0x42) return Key.B
      if (c === 0x61) return Key.EdgeA
      if (c === 0x62) return Key.EdgeB
    } else if (n === 2 && c === 0x69 && s[start + 1] === 0x64) return Key.Id
    else if (this.is(start, n, 'weight')) return Key.Weight
    else if (this.is(start, n, 'edges')) return Key.Edges
    else if (this.is(start, n, 'prefs')) return Key.Prefs
    else if (this.is(start, n, 'capacity')) return Key.Capacity
    else if (this.is(start, n, 'locked')) return Key.Locked
    else if (this.is(start, n, 'excluded')) return Key.Excluded
    return Key.Unknown
  }

  private is(start: number, n: number, word: string): boolean {
    if (n !== word.length) return false
    for (let i = 0; i < n; i++) if (this.s[start + i] !== word.charCodeAt(i)) return false
    return true
  }

  /** A JSON number, exactly as JSON.parse reads it. */
  private number(): number {
    const s = this.s
    const start = this.pos
    let p = start
    let c = s[p]
    const neg = c === MINUS
    if (neg) c = s[++p]
    let m = 0
    let digits = 0
    if (c === ZERO) c = s[++p]
    else if (c !== undefined && c > ZERO && c <= NINE) {
      do {
        m = m * 10 + (c - ZERO)
        digits++
        c = s[++p]
      } while (c !== undefined && c >= ZERO && c <= NINE)
    } else throw BAIL
    let exp = 0
    if (c === 0x2e) {
      c = s[++p]
      if (c === undefined || c < ZERO || c > NINE) throw BAIL
      do {
        m = m * 10 + (c - ZERO)
        digits++
        exp--
        c = s[++p]
      } while (c !== undefined && c >= ZERO && c <= NINE)
    }
    if (c === 0x65 || c === 0x45) {
      c = s[++p]
      let eneg = false
      if (c === 0x2b || c === MINUS) {
        eneg = c === MINUS
        c = s[++p]
      }
      if (c === undefined || c < ZERO || c > NINE) throw BAIL
      let e = 0
      do {
        if (e < 1e6) e = e * 10 + (c - ZERO)
        c = s[++p]
      } while (c !== undefined && c >= ZERO && c <= NINE)
      exp += eneg ? -e : e
    }
    if (c !== undefined && c >= ZERO && c <= NINE) throw BAIL // a leading zero followed by digits
    this.pos = p
    let v: number
    // Clinger's fast path: mantissa and power of ten both exact, so one rounding, the correct one.
    if (digits <= 15 && exp >= -22 && exp <= 22) v = exp < 0 ? m / POW10[-exp]! : m * POW10[exp]!
    else return Number(this.ascii(start, p))
    return neg ? -v : v
  }

  private ascii(start: number, end: number): string {
    if (end - start > 32)
      return String.fromCharCode.apply(null, this.s.subarray(start, end) as unknown as number[])
    let out = ''
    for (let p = start; p < end; p++) out += String.fromCharCode(this.s[p]!)
    return out
  }

  /** Any JSON value, validated and thrown away; iterative, so nesting depth is not limited by the stack. */
  private skipValue(): void {
    const s = this.s
    // One byte per open container: the bracket that closes it.
    let stack = new Uint8Array(64)
    let depth = 0
    for (;;) {
      // A value starts here.
      const c = s[this.pos]
      if (c === LBRACE || c === LBRACKET) {
        this.pos++
        this.ws()
        const close = c === LBRACE ? RBRACE : RBRACKET
        if (s[this.pos] === close) this.pos++
        else {
          if (depth === stack.length) {
            const bigger = new Uint8Array(depth * 2)
            bigger.set(stack)
            stack = bigger
          }
          stack[depth++] = close
          if (close === RBRACE) this.memberName()
          continue
        }
      } else if (c === QUOTE) this.string()
      else if (c === 0x74) this.word('true')
      else if (c === 0x66) this.word('false')
      else if (c === 0x6e) this.word('null')
      else this.number()
      // After a value: close containers or move to the next element.
      for (;;) {
        if (depth === 0) return
        const close = stack[depth - 1]!
        if (this.more(close)) {
          if (close === RBRACE) this.memberName()
          break
        }
        depth--
      }
    }
  }

  private memberName(): void {
    this.string()
    this.ws()
    this.expect(COLON)
    this.ws()
  }

  private word(w: string): void {
    for (let i = 0; i < w.length; i++) if (this.s[this.pos + i] !== w.charCodeAt(i)) throw BAIL
    this.pos += w.length
  }

  // ---- the instance's parts ----

  private agents(side: Side): void {
    this.expect(LBRACKET)
    this.ws()
    if (this.s[this.pos] === RBRACKET) {
      this.pos++
      return
    }
    do this.agent(side)
    while (this.more(RBRACKET))
  }

  private agent(side: Side): void {
    this.expect(LBRACE)
    this.ws()
    let idStart = -1
    let idEnd = -1
    let idFlags = 0
    let cap = 1
    let prefFirst = -1
    let prefCount = 0
    if (this.s[this.pos] !== RBRACE) {
      do {
        const key = this.key()
        this.ws()
        this.expect(COLON)
        this.ws()
        if (key === Key.Id) {
          idStart = this.pos + 1
          idEnd = this.string()
          idFlags = this.flags
        } else if (key === Key.Capacity) {
          cap = this.number()
          // compileInstance's rule; anything else is its error to report.
          if (!Number.isInteger(cap) || cap < 0 || cap > 0x3fffffff) throw BAIL
        } else if (key === Key.Prefs) {
          prefFirst = side.refs.n
          prefCount = this.refList(side.refs)
        } else this.skipValue()
      } while (this.more(RBRACE))
    } else this.pos++
    if (idStart < 0) throw BAIL
    side.ids.push(this.decode(idStart, idEnd, idFlags))
    if (idFlags !== 0) side.fancy = true
    side.range.push(idStart)
    side.range.push(idEnd)
    side.cap.push(cap)
    side.prefFirst.push(prefFirst)
    side.prefCount.push(prefCount)
  }

  private decode(start: number, end: number, flags: number): string {
    if (flags === 0) return this.ascii(start, end)
    let text: string
    try {
      // fatal: invalid UTF-8 would become U+FFFD in the slow path, and raw bytes would no longer identify it.
      text = utf8.decode(this.s.subarray(flags & 1 ? start - 1 : start, flags & 1 ? end + 1 : end))
    } catch {
      throw BAIL
    }
    return flags & 1 ? (JSON.parse(text) as string) : text
  }

  /** `["id", ...]` into `out` as (start, end, hash) triples; returns how many. */
  private refList(out: I32): number {
    this.expect(LBRACKET)
    this.ws()
    const s = this.s
    if (s[this.pos] === RBRACKET) {
      this.pos++
      return 0
    }
    let n = 0
    for (;;) {
      const start = this.pos + 1
      let p = start
      let h = FNV_BASIS
      let plain = false
      // Plain ASCII ids are hashed on the way; anything else goes through the full string reader.
      if (s[this.pos] === QUOTE) {
        for (;;) {
          const c = s[p]!
          if (STR[c] !== 0) break
          h = Math.imul(h ^ c, FNV_PRIME)
          p++
        }
        plain = s[p] === QUOTE
      }
      if (plain) this.pos = p + 1
      else {
        p = this.string()
        h = this.hash(start, p)
      }
      out.push(start)
      out.push(p)
      out.push(h >>> 0)
      n++
      const c = s[this.pos]
      if (c === COMMA && s[this.pos + 1] === QUOTE) this.pos++
      else if (c === RBRACKET) {
        this.pos++
        return n
      } else if (!this.more(RBRACKET)) return n
    }
  }

  private edges(): void {
    this.expect(LBRACKET)
    this.ws()
    if (this.s[this.pos] === RBRACKET) {
      this.pos++
      return
    }
    // Both sides known: resolve every endpoint at once; otherwise keep byte ranges for later.
    const now = this.seen.has(Key.A) && this.seen.has(Key.B)
    if (now) {
      this.index(this.A)
      this.index(this.B)
    } else this.edgeRefs = new I32(4 * this.ea.length)
    do {
      if (this.m === this.weights.length) this.grow()
      const at = this.pos
      if (!(now && this.compactEdge())) {
        this.pos = at
        this.edge(now)
      }
    } while (this.more(RBRACKET))
  }

  private grow(): void {
    const n = this.m * 2
    const ea = new Int32Array(n)
    ea.set(this.ea)
    this.ea = ea
    const eb = new Int32Array(n)
    eb.set(this.eb)
    this.eb = eb
    const w = new Float64Array(n)
    w.set(this.weights)
    this.weights = w
  }

  /**
   * `{"a":"…","b":"…","weight":…}` exactly as JSON.stringify writes it, ids plain ASCII: the common
   * case, read without key lookups and with the ids hashed on the way. False (nothing stored) otherwise.
   */
  private compactEdge(): boolean {
    const s = this.s
    let p = this.pos
    if (
      s[p] !== LBRACE ||
      s[p + 1] !== QUOTE ||
      s[p + 2] !== 0x61 ||
      s[p + 3] !== QUOTE ||
      s[p + 4] !== COLON
    )
      return false
    if (s[p + 5] !== QUOTE) return false
    p += 6
    const aS = p
    let ha = FNV_BASIS
    for (;;) {
      const c = s[p]!
      if (STR[c] !== 0) {
        if (c === QUOTE) break
        return false
      }
      ha = Math.imul(ha ^ c, FNV_PRIME)
      p++
    }
    const aE = p
    if (
      s[p + 1] !== COMMA ||
      s[p + 2] !== QUOTE ||
      s[p + 3] !== 0x62 ||
      s[p + 4] !== QUOTE ||
      s[p + 5] !== COLON
    )
      return false
    if (s[p + 6] !== QUOTE) return false
    p += 7
    const bS = p
    let hb = FNV_BASIS
    for (;;) {
      const c = s[p]!
      if (STR[c] !== 0) {
        if (c === QUOTE) break
        return false
      }
      hb = Math.imul(hb ^ c, FNV_PRIME)
      p++
    }
    const bE = p
    // ","weight":
    if (
      s[p + 1] !== COMMA ||
      s[p + 2] !== QUOTE ||
      s[p + 3] !== 0x77 ||
      s[p + 4] !== 0x65 ||
      s[p + 5] !== 0x69
    )
      return false
    if (
      s[p + 6] !== 0x67 ||
      s[p + 7] !== 0x68 ||
      s[p + 8] !== 0x74 ||
      s[p + 9] !== QUOTE ||
      s[p + 10] !== COLON
    )
      return false
    p += 11
    // The weight inline (a call would box the double): digits, optional fraction, then `}`.
    const k = this.m
    const start = p
    let m = 0
    let digits = 0
    let c = s[p]!
    while (c >= ZERO && c <= NINE) {
      m = m * 10 + (c - ZERO)
      digits++
      c = s[++p]!
    }
    let frac = 0
    if (c === 0x2e) {
      c = s[++p]!
      while (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO)
        frac++
        c = s[++p]!
      }
    }
    // No digit, a leading zero, more than 15 digits, an empty fraction, or anything else: the full reader.
    if (
      c !== RBRACE ||
      digits === 0 ||
      (s[start] === ZERO && digits > 1) ||
      digits + frac > 15 ||
      (frac === 0 && s[p - 1] === 0x2e)
    ) {
      this.pos = start
      this.weights[k] = this.number()
      if (s[this.pos] !== RBRACE || !Number.isFinite(this.weights[k]!)) return false
      p = this.pos
    } else this.weights[k] = frac === 0 ? m : m / POW10[frac]!
    this.pos = p + 1
    this.ea[k] = this.lookup(this.A, ha >>> 0, aS, aE)
    this.eb[k] = this.lookup(this.B, hb >>> 0, bS, bE)
    this.m = k + 1
    return true
  }

  /** Any other spelling of an edge object: keys in any order, whitespace, extra keys. */
  private edge(now: boolean): void {
    this.expect(LBRACE)
    this.ws()
    let aS = -1
    let aE = -1
    let bS = -1
    let bE = -1
    let w = Number.NaN
    let hasW = false
    if (this.s[this.pos] !== RBRACE) {
      do {
        const key = this.key()
        this.ws()
        this.expect(COLON)
        this.ws()
        if (key === Key.EdgeA) {
          aS = this.pos + 1
          aE = this.string()
        } else if (key === Key.EdgeB) {
          bS = this.pos + 1
          bE = this.string()
        } else if (key === Key.Weight) {
          w = this.number()
          hasW = true
        } else this.skipValue()
      } while (this.more(RBRACE))
    } else this.pos++
    // Missing fields, and weights beyond the double range (1e400 is Infinity), are the slow path's to report.
    if (aS < 0 || bS < 0 || !hasW || !Number.isFinite(w)) throw BAIL
    const k = this.m++
    this.weights[k] = w
    if (now) {
      this.ea[k] = this.find(this.A, aS, aE)
      this.eb[k] = this.find(this.B, bS, bE)
    } else {
      const refs = this.edgeRefs!
      refs.push(aS)
      refs.push(aE)
      refs.push(bS)
      refs.push(bE)
    }
  }

  /** `[["a", "b"], ...]` as a, b start/end offsets. */
  private pairs(): I32 {
    const out = new I32(16)
    this.expect(LBRACKET)
    this.ws()
    if (this.s[this.pos] === RBRACKET) {
      this.pos++
      return out
    }
    do {
      this.expect(LBRACKET)
      this.ws()
      out.push(this.pos + 1)
      out.push(this.string())
      this.ws()
      this.expect(COMMA)
      this.ws()
      out.push(this.pos + 1)
      out.push(this.string())
      this.ws()
      this.expect(RBRACKET)
    } while (this.more(RBRACKET))
    return out
  }

  // ---- ids to indices ----

  private hash(start: number, end: number): number {
    let h = FNV_BASIS
    for (let p = start; p < end; p++) h = Math.imul(h ^ this.s[p]!, FNV_PRIME)
    return h >>> 0
  }

  /** Builds the side's id table once; a duplicate id bails. */
  private index(side: Side): void {
    if (side.table.length > 0) return
    const n = side.ids.length
    let size = 16
    while (size < 2 * n) size *= 2
    const table = new Int32Array(size).fill(-1)
    const r = side.range.a
    for (let i = 0; i < n; i++) {
      const start = r[2 * i]!
      const end = r[2 * i + 1]!
      let slot = this.hash(start, end) & (size - 1)
      for (;;) {
        const j = table[slot]!
        if (j < 0) break
        if (this.same(r[2 * j]!, r[2 * j + 1]!, start, end)) throw BAIL // duplicate id
        slot = (slot + 1) & (size - 1)
      }
      table[slot] = i
    }
    if (side.fancy && new Set(side.ids).size !== n) throw BAIL
    side.table = table
  }

  private same(s1: number, e1: number, s2: number, e2: number): boolean {
    if (e1 - s1 !== e2 - s2) return false
    const s = this.s
    for (let k = 0; k < e1 - s1; k++) if (s[s1 + k] !== s[s2 + k]) return false
    return true
  }

  private find(side: Side, start: number, end: number): number {
    return this.lookup(side, this.hash(start, end), start, end)
  }

  private lookup(side: Side, hash: number, start: number, end: number): number {
    const table = side.table
    const mask = table.length - 1
    const r = side.range.a
    let slot = hash & mask
    for (;;) {
      const j = table[slot]!
      if (j < 0) throw BAIL // unknown id (or spelled differently): the slow path says which
      if (this.same(r[2 * j]!, r[2 * j + 1]!, start, end)) return j
      slot = (slot + 1) & mask
    }
  }

  private prefs(side: Side, other: Side): (number[] | null)[] {
    const out: (number[] | null)[] = []
    const refs = side.refs.a
    for (let i = 0; i < side.ids.length; i++) {
      const first = side.prefFirst.a[i]!
      if (first < 0) {
        out.push(null)
        continue
      }
      const list: number[] = []
      const count = side.prefCount.a[i]!
      for (let k = first; k < first + 3 * count; k += 3)
        list.push(this.lookup(other, refs[k + 2]!, refs[k]!, refs[k + 1]!))
      out.push(list)
    }
    return out
  }

  private pairList(refs: I32 | null): [number, number][] {
    const out: [number, number][] = []
    if (refs === null) return out
    for (let k = 0; k < refs.n; k += 4)
      out.push([
        this.find(this.A, refs.a[k]!, refs.a[k + 1]!),
        this.find(this.B, refs.a[k + 2]!, refs.a[k + 3]!),
      ])
    return out
  }

  private resolveAll(): ArrayInstance {
    this.index(this.A)
    this.index(this.B)
    const m = this.m
    const ea = this.ea.subarray(0, m)
    const eb = this.eb.subarray(0, m)
    if (this.edgeRefs !== null) {
      const r = this.edgeRefs.a
      for (let k = 0; k < m; k++) {
        ea[k] = this.find(this.A, r[4 * k]!, r[4 * k + 1]!)
        eb[k] = this.find(this.B, r[4 * k + 2]!, r[4 * k + 3]!)
      }
    }
    return {
      idsA: this.A.ids,
      idsB: this.B.ids,
      capA: this.A.cap.a.subarray(0, this.A.cap.n),
      capB: this.B.cap.a.subarray(0, this.B.cap.n),
      m,
      ea,
      eb,
      w: this.weights.subarray(0, m),
      prefsA: this.prefs(this.A, this.B),
      prefsB: this.prefs(this.B, this.A),
      locked: this.pairList(this.locked),
      excluded: this.pairList(this.excluded),
    }
  }
}
