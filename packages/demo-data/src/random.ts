/** mulberry32: tiny, fast, and the same sequence for the same seed on every platform. */
export function createRandom(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
    /** k distinct items in their original order. */
    some: <T>(items: readonly T[], k: number): T[] => {
      const idx = items.map((_, i) => i)
      for (let i = idx.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[idx[i], idx[j]] = [idx[j]!, idx[i]!]
      }
      return idx
        .slice(0, Math.min(k, items.length))
        .sort((x, y) => x - y)
        .map((i) => items[i]!)
    },
  }
}
export type Random = ReturnType<typeof createRandom>
