import fc from 'fast-check'
import t from 'tap'
import { sortByWeightDescRankAsc } from '../src/prefs.js'

t.test('typed quicksort orders by weight desc, then rank asc, like a reference sort', async (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1000 })), {
        maxLength: 200,
      }),
      (xs) => {
        // ranks are unique per segment in real use
        const seen = new Set<number>()
        const items = xs.filter(([, r]) => !seen.has(r) && seen.add(r))
        const idx = Int32Array.from(items, (_, i) => i)
        const w = Float64Array.from(items, ([x]) => x / 3)
        const r = Int32Array.from(items, ([, y]) => y)
        sortByWeightDescRankAsc(idx, w, r, 0, items.length)
        const ref = items
          .map((_, i) => i)
          .sort((a, b) => items[b]![0] - items[a]![0] || items[a]![1] - items[b]![1])
        return Array.from(idx).join() === ref.join()
      },
    ),
    { numRuns: 500 },
  )
  t.pass('property held')
})
