// Prints how long an agreement PDF takes and how large it is: German alone (the baseline, same run),
// German | Chinese, and German | Chinese | English. `node --import tsx packages/pdf/bench/render.ts`
import { agreementPdf } from '../src/index.js'
import { signedState } from '../test/fixtures.js'

const RUNS = 9
const state = signedState()
const createdAt = '2027-01-12T03:00:00Z'
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

const cold = performance.now()
await agreementPdf(state, { createdAt })
console.log(`first document (reads and parses the 10 MB font): ${(performance.now() - cold).toFixed(0)} ms`)

let baseline = 0
for (const languages of [['de'], ['de', 'zh'], ['de', 'zh', 'en']] as const) {
  const times: number[] = []
  let bytes = 0
  const heap = process.memoryUsage().heapUsed
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    bytes = (await agreementPdf(state, { languages, createdAt })).length
    times.push(performance.now() - t0)
  }
  const ms = median(times)
  if (languages.length === 1) baseline = ms
  const heapMb = (process.memoryUsage().heapUsed - heap) / 2 ** 20
  console.log(
    `${languages.join(' | ').padEnd(14)} median ${ms.toFixed(0).padStart(4)} ms of ${RUNS}, ${(bytes / 1024).toFixed(0)} KiB, ` +
      `heap ${heapMb >= 0 ? '+' : ''}${heapMb.toFixed(1)} MiB, ${(ms / baseline).toFixed(2)}× German alone`,
  )
}
