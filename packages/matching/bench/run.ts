// Benchmark: pnpm bench:matching (node --import tsx --expose-gc packages/matching/bench/run.ts)
import { bruteForceCandidates, scanCandidates } from '../src/candidates.js'
import { type PreparedInterest, prepareInterest } from '../src/prepared.js'
import { finishRun, prepareRun } from '../src/run.js'
import { population } from './population.js'

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,50000').split(',').map(Number)
/**
 * Exact welfare (successive shortest paths) grows roughly with units × explored region; on all
 * ~2.8M feasible edges of the 10k population it needs about a minute of CPU. So: all edges up to
 * WELFARE_FULL_MAX, a top-K pruned instance up to WELFARE_MAX, skipped above.
 */
const WELFARE_FULL_MAX = 1_000
const WELFARE_MAX = 10_000
/** Per-interest candidate cap used where keeping every feasible pair is too big (memory, welfare). */
const TOP_K = 50
const TOP_K_FROM = 50_000
/** Counting candidates separately repeats the scan prepareRun does; skip that above this size. */
const SEPARATE_SCAN_MAX = 10_000

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {})
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`
const peakRss = () => process.resourceUsage().maxRSS * 1024
const ms = (x: number) => `${x.toFixed(0)} ms`

const cpuMs: number[] = []
/** Wall time; the CPU time of the same call is pushed to `cpuMs` (the shared machine may be loaded). */
function time<T>(f: () => T): [T, number] {
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const r = f()
  const wall = performance.now() - t0
  const c = process.cpuUsage(c0)
  cpuMs.push((c.user + c.system) / 1000)
  return [r, wall]
}
const cpu = () => `cpu ${cpuMs[cpuMs.length - 1]!.toFixed(0)} ms`

function countCandidates(A: PreparedInterest[], B: PreparedInterest[]): number {
  let n = 0
  scanCandidates(A, B, {}, (_i, _row, k) => {
    n += k
  })
  return n
}

console.log(
  `node ${process.version}, ${process.platform}/${process.arch}; gc exposed: ${typeof (globalThis as { gc?: unknown }).gc === 'function'}`,
)
console.log('population: seeded mulberry32, see bench/population.ts for the feature distributions\n')

for (const n of SIZES) {
  gc()
  const pop = population(n, 20260101 + n)
  const interests = [...pop.duren, ...pop.jinhua]
  console.log(`== ${n} x ${n} interests ==`)
  if (n <= SEPARATE_SCAN_MAX) {
    const A = pop.duren.map(prepareInterest)
    const B = pop.jinhua.map(prepareInterest)
    gc()
    const [feasible, tCand] = time(() => countCandidates(A, B))
    console.log(
      `feasible pairs               ${feasible} (${((feasible / n / n) * 100).toFixed(2)}% of all pairs)`,
    )
    console.log(`candidate generation         ${ms(tCand)} (${cpu()})`)
  }
  const topK = n >= TOP_K_FROM ? TOP_K : undefined
  gc()
  const [run, tPrep] = time(() => prepareRun(interests, topK ? { maxCandidatesPerAgent: topK } : {}))
  const cPrep = cpuMs[cpuMs.length - 1]!
  if (n > SEPARATE_SCAN_MAX)
    console.log(
      `feasible pairs               ${run.candidatePairs} (${((run.candidatePairs / n / n) * 100).toFixed(2)}% of all pairs)`,
    )
  console.log(
    `candidates+scoring+compile   ${ms(tPrep)} (${cpu()}; edges kept: ${run.ci.edgeB.length}${topK ? `, top ${topK} per duren interest` : ', all feasible'})`,
  )
  const [st, tStable] = time(() => finishRun(run, 'stable'))
  const cStable = cpuMs[cpuMs.length - 1]!
  console.log(
    `stable (incl. explanations)  ${ms(tStable)} (${cpu()}; pairs ${st.summary.pairs}, total score ${st.summary.totalScore.toFixed(3)})`,
  )
  console.log(`end to end (prep + stable)   ${ms(tPrep + tStable)} (cpu ${(cPrep + cStable).toFixed(0)} ms)`)
  console.log(`peak RSS so far              ${mb(peakRss())}`)
  if (n <= WELFARE_FULL_MAX) {
    const [wf, tWelfare] = time(() => finishRun(run, 'welfare'))
    console.log(
      `welfare (incl. explanations) ${ms(tWelfare)} (${cpu()}; pairs ${wf.summary.pairs}, total score ${wf.summary.totalScore.toFixed(3)})`,
    )
  } else if (n <= WELFARE_MAX) {
    const [pruned, tPruned] = time(() => prepareRun(interests, { maxCandidatesPerAgent: TOP_K }))
    const [wf, tWelfare] = time(() => finishRun(pruned, 'welfare'))
    console.log(
      `welfare on top-${TOP_K} instance ${ms(tWelfare)} (${cpu()}; ${pruned.ci.edgeB.length} edges built in ${ms(tPruned)}; ` +
        `pairs ${wf.summary.pairs}, total score ${wf.summary.totalScore.toFixed(3)}); on all feasible edges it takes ~1 min, not run`,
    )
  } else {
    console.log(
      `welfare                      skipped: above ${WELFARE_MAX} interests per side exact min-cost flow is too slow for a bench run`,
    )
  }
  const heap = process.memoryUsage()
  console.log(
    `memory                       peak RSS so far ${mb(peakRss())}, heapUsed now ${mb(heap.heapUsed)}, rss now ${mb(heap.rss)}\n`,
  )
}

{
  const n = 1_000
  const pop = population(n, 20260101 + n)
  const A = pop.duren.map(prepareInterest)
  const B = pop.jinhua.map(prepareInterest)
  const [fast, tFast] = time(() => countCandidates(A, B))
  const [slow, tSlow] = time(() => bruteForceCandidates(A, B).length)
  console.log(`== baseline: brute-force candidate generation on ${n} x ${n} ==`)
  console.log(
    `brute force ${ms(tSlow)} (${slow} pairs), index ${ms(tFast)} (${fast} pairs), ratio ${(tSlow / tFast).toFixed(1)}x wall`,
  )
  if (fast !== slow) console.log('MISMATCH between index and brute force!')
}
