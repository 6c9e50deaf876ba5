import { createHash } from 'node:crypto'

/**
 * The canonical form of a JSON value: object keys sorted (by UTF-16 code units, as Array.sort
 * does), no whitespace, array order kept, `undefined` members left out. For the strings, integers
 * and booleans an agreement holds this is the JSON Canonicalization Scheme (RFC 8785), so anyone
 * can recompute a version hash from the fields with an off-the-shelf JCS library.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('not a JSON number')
    const text = JSON.stringify(value)
    if (text === undefined) throw new TypeError(`not a JSON value: ${typeof value}`)
    return text
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

/** The version hash: SHA-256 of the canonical form, lower-case hex (64 characters). */
export function versionHash(fields: unknown): string {
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex')
}

/** The hash as people compare it by eye: groups of four, e.g. on the PDF and the agreement page. */
export const shortHash = (hash: string, groups = 4): string =>
  (hash.slice(0, groups * 4).match(/.{4}/g) ?? []).join(' ')
