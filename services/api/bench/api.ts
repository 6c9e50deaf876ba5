/**
 * The API against its ceiling: for each hot authenticated read, the real API (src/server.ts in
 * its own process) against a bare Fastify + postgres.js server that runs the very statements the
 * API ran for it (captured at the driver, authentication left out), in alternating rounds of
 * autocannon load. Prints req/s, p50/p95/p99 of both and the ratio API/bare, and how the SQL was
 * obtained. See bench/api/*.ts.
 *
 *   pnpm bench:api [--scale demo|10x|<n>] [--duration 10] [--rounds 3] [--connections 50,100]
 *                  [--only search-de,search-zh,...] [--warmup 2] [--log-level warn] [--sql]
 *
 * Endpoints: unread-count, proposals, institution, search-de, search-zh, notifications.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { ENDPOINTS } from './api/endpoints.js'
import { formatCapture, formatTable } from './api/report.js'
import { runApiBench } from './api/run.js'

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50,100' },
    only: { type: 'string', default: '' },
    warmup: { type: 'string', default: '2' },
    'log-level': { type: 'string', default: 'warn' },
    sql: { type: 'boolean', default: false },
  },
})

const scale = values.scale === 'demo' ? 1 : values.scale === '10x' ? 10 : Number(values.scale)
const only = values.only ? values.only.split(',').map((s) => s.trim()) : []
const unknown = only.filter((n) => !ENDPOINTS.some((e) => e.name === n))
if (!(scale > 0) || unknown.length > 0) {
  console.error(
    unknown.length > 0
      ? `unknown endpoint(s): ${unknown.join(', ')} (known: ${ENDPOINTS.map((e) => e.name).join(', ')})`
      : `--scale must be demo, 10x or a positive number, not ${values.scale}`,
  )
  process.exit(2)
}

console.log(
  `bench:api: scale ${scale} (${values.scale}), ${values.rounds} alternating round(s) of ${values.duration} s per endpoint, ` +
    `connections ${values.connections}, API LOG_LEVEL=${values['log-level']}; ${cpus().length} cores, ` +
    `load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} at the start`,
)
const result = await runApiBench(
  {
    scale,
    seconds: Number(values.duration),
    rounds: Number(values.rounds),
    connections: values.connections.split(',').map(Number),
    only,
    warmupSeconds: Number(values.warmup),
    logLevel: values['log-level'],
  },
  (line) => console.error(line),
)
console.log(
  `\n${result.institutions} institutions, ${result.interests} interests; ${result.notifications} notifications in the inbox measured\n`,
)
console.log(formatCapture(result.captures, values.sql))
console.log(
  '\nBefore measuring: status API / bare; the API process answers as the recording did; the bare rows are the rows the API got:',
)
for (const c of result.checks)
  console.log(
    `  ${c.endpoint.padEnd(14)} ${c.apiStatus} / ${c.bareStatus}  ${c.sameAnswer ? 'same answer' : '✘ other answer'}  ${c.sameRows ? 'same rows' : '✘ rows differ'}`,
  )
console.log(`\n${formatTable(result.rows)}`)
console.log(
  `load average at the end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
)
if (result.checks.some((c) => !c.sameRows || !c.sameAnswer || c.apiStatus !== 200 || c.bareStatus !== 200))
  process.exitCode = 1
