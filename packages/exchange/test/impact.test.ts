import t from 'tap'
import { publicTotal, SUPPRESS_BELOW, suppressCells, suppressColumn, suppressTable } from '../src/index.js'

t.test('counts from 1 to 4 are hidden, 0 and 5 upwards are shown', async (t) => {
  t.equal(SUPPRESS_BELOW, 5)
  t.same([0, 1, 4, 5, 12].map(publicTotal), [0, null, null, 5, 12])
})

t.test('no small cell: nothing hidden', async (t) => {
  t.same(suppressCells([5, 0, 9, 20]), [5, 0, 9, 20])
  t.same(suppressCells([]), [])
})

t.test('a single small cell takes the smallest shown cell with it', async (t) => {
  t.same(suppressCells([10, 3, 7, 0]), [10, null, null, 0], 'total − shown gives 3 + 7 only')
})

t.test('two small cells adding up to less than 5 take a third', async (t) => {
  t.same(suppressCells([1, 2, 6, 30]), [null, null, null, 30])
})

t.test('two small cells adding up to 5 or more are enough', async (t) => {
  t.same(suppressCells([2, 3, 8]), [null, null, 8])
})

t.test('ties go to the first cell; zeros are never hidden to make up the sum', async (t) => {
  t.same(suppressCells([6, 1, 6, 0]), [null, null, 6, 0])
  t.same(suppressCells([0, 2, 0]), [0, null, 0], 'nothing else to hide: the total is small too')
})

t.test('the total is hidden only when small itself', async (t) => {
  t.same(suppressColumn([0, 2, 0], 2), { cells: [0, null, 0], total: null })
  t.same(suppressColumn([10, 3, 7], 20), { cells: [10, null, null], total: 20 })
})

t.test('every hidden group adds up to at least 5 over at least two cells', async (t) => {
  for (let seed = 1; seed < 500; seed++) {
    const cells = Array.from({ length: 1 + (seed % 7) }, (_, i) => ((seed * 7919 + i * 104729) % 13) % 9)
    const shown = suppressCells(cells)
    const hidden = cells.filter((_, i) => shown[i] === null)
    const small = cells.filter((n) => n > 0 && n < 5)
    if (small.length === 0) t.equal(hidden.length, 0)
    else if (cells.reduce((s, n) => s + n, 0) >= 5) {
      t.ok(hidden.length >= 2 && hidden.reduce((s, n) => s + n, 0) >= 5, `${cells} → ${shown}`)
    }
  }
})

t.test('a table suppresses each measure as its own column', async (t) => {
  const table = suppressTable(
    [
      { key: 'a', institutions: 10, visits: 2 },
      { key: 'b', institutions: 3, visits: 9 },
      { key: 'c', institutions: 8, visits: 9 },
    ],
    ['institutions', 'visits'],
    { institutions: 21, visits: 20 },
  )
  t.same(table.rows, [
    { key: 'a', institutions: 10, visits: null },
    { key: 'b', institutions: null, visits: null },
    { key: 'c', institutions: null, visits: 9 },
  ])
  t.same(table.totals, { institutions: 21, visits: 20 })
})
