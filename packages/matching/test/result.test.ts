import t from 'tap'
import { exactSum, roundWeight } from '../src/result.js'

t.test('large float sums print as the decimal sum', async (t) => {
  const xs = Array.from({ length: 20_000 }, (_, i) => [86.85, 12.34, 0.1][i % 3]!)
  let naive = 0
  for (const x of xs) naive += x
  const exact =
    xs.filter((x) => x === 86.85).length * 8685 +
    xs.filter((x) => x === 12.34).length * 1234 +
    xs.filter((x) => x === 0.1).length * 10
  t.not(roundWeight(naive), exact / 100, 'plain += plus rounding is not enough here')
  t.equal(roundWeight(exactSum(xs)), exact / 100)
  t.equal(roundWeight(0.1 + 0.2), 0.3)
  t.equal(roundWeight(-0), 0)
})
