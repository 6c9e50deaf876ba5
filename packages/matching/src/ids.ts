/**
 * Unicode code-point order. Plain `<` on JS strings compares UTF-16 code units, which puts
 * astral characters (surrogate pairs) before U+E000..U+FFFF; remapping the first differing unit fixes that.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return fixup(x) - fixup(y)
  }
  return a.length - b.length
}

function fixup(u: number): number {
  if (u >= 0xe000) return u - 0x800
  if (u >= 0xd800) return u + 0x2000
  return u
}

/** rank[i] = position of ids[i] in code-point order; lets hot loops break ties with integer compares. */
export function rankIds(ids: readonly string[]): Int32Array {
  const order = Array.from({ length: ids.length }, (_, i) => i)
  order.sort((i, j) => compareCodePoints(ids[i]!, ids[j]!))
  const rank = new Int32Array(ids.length)
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k
  return rank
}
