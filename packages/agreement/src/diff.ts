/** One field that differs between two versions; `path` is dotted ("parties.jinhua.name.zh"). */
export interface FieldChange {
  path: string
  before: unknown
  after: unknown
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isObjectList = (v: unknown): v is unknown[] => Array.isArray(v) && v.some(isObject)

/**
 * What changed from one version of the fields to the next, leaf by leaf, in a stable order, so the
 * signers are shown exactly what they are asked to sign again. Objects and lists of objects
 * (persons, age bands) are compared member by member; a list of words (topics, languages) is one
 * value, since its order carries no meaning to a reader and a change is best shown whole.
 */
export function diffFields(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((k) => diffFields(before[k], after[k], path ? `${path}.${k}` : k))
  }
  if (Array.isArray(before) && Array.isArray(after) && (isObjectList(before) || isObjectList(after))) {
    const length = Math.max(before.length, after.length)
    return Array.from({ length }, (_, i) => diffFields(before[i], after[i], `${path}.${i}`)).flat()
  }
  return same(before, after) ? [] : [{ path, before, after }]
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (isObject(a) && isObject(b)) return diffFields(a, b).length === 0
  return a === b
}
