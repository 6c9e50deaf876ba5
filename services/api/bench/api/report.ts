/**
 * Figures per endpoint and connection count, both servers over all rounds: req/s (requests over
 * seconds, all rounds together), p50/p95/p99 of every response's latency, the ratio API/bare of
 * req/s, and the spread of that ratio between rounds (how far one number can be trusted).
 */
import type { Capture } from './capture.js'
import type { Kind, Run } from './runner.js'

export interface Figures {
  rps: number
  p50: number
  p95: number
  p99: number
  requests: number
  non2xx: number
  errors: number
}

export interface Row {
  endpoint: string
  connections: number
  api: Figures
  bare: Figures
  ratio: number
  /** Lowest and highest API/bare ratio of a single round. */
  roundRatios: [number, number]
}

const pct = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

function figures(runs: Run[]): Figures {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b)
  const requests = runs.reduce((n, r) => n + r.requests, 0)
  const seconds = runs.reduce((n, r) => n + r.seconds, 0)
  return {
    rps: seconds > 0 ? requests / seconds : 0,
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    p99: pct(latencies, 0.99),
    requests,
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  }
}

export function summarise(runs: Run[]): Row[] {
  const rows: Row[] = []
  const keys = [...new Set(runs.map((r) => `${r.endpoint}\u0000${r.connections}`))]
  for (const key of keys) {
    const [endpoint, c] = key.split('\u0000') as [string, string]
    const of = (kind: Kind) =>
      runs.filter((r) => r.endpoint === endpoint && r.connections === Number(c) && r.kind === kind)
    const api = figures(of('api'))
    const bare = figures(of('bare'))
    const perRound = [...new Set(of('api').map((r) => r.round))].map((round) => {
      const a = figures(of('api').filter((r) => r.round === round))
      const b = figures(of('bare').filter((r) => r.round === round))
      return a.rps / b.rps
    })
    rows.push({
      endpoint,
      connections: Number(c),
      api,
      bare,
      ratio: api.rps / bare.rps,
      roundRatios: [Math.min(...perRound), Math.max(...perRound)],
    })
  }
  return rows
}

const n0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–')
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : '–')

export function formatTable(rows: Row[]): string {
  const head =
    'endpoint        conns │ API req/s  p50  p95  p99 │ bare req/s  p50  p95  p99 │ API/bare (rounds)'
  const lines = [head, '─'.repeat(head.length)]
  for (const r of rows) {
    const side = (f: Figures, width: number) =>
      `${n0(f.rps).padStart(width)} ${ms(f.p50).padStart(4)} ${ms(f.p95).padStart(4)} ${ms(f.p99).padStart(4)}`
    const bad = r.api.non2xx + r.api.errors + r.bare.non2xx + r.bare.errors
    lines.push(
      `${r.endpoint.padEnd(15)} ${String(r.connections).padStart(5)} │ ${side(r.api, 9)} │ ${side(r.bare, 10)} │ ` +
        `${r.ratio.toFixed(2)} (${r.roundRatios[0].toFixed(2)}–${r.roundRatios[1].toFixed(2)})` +
        (bad ? `  ✘ ${r.api.non2xx + r.bare.non2xx} non-2xx, ${r.api.errors + r.bare.errors} errors` : ''),
    )
  }
  lines.push(
    'latencies in ms; req/s and percentiles over all rounds; (rounds): lowest–highest ratio of one round',
  )
  return lines.join('\n')
}

/**
 * Database round trips postgres.js makes for a statement: simple protocol one; a named prepared
 * statement one (plus a describe the first time on each connection); an unnamed one with
 * parameters two (it describes first to learn the parameter types).
 */
function roundTrips(s: Capture['statements'][number]): number {
  if (s.simple || s.prepare || s.params.length === 0) return 1
  return 2
}

export function formatCapture(captures: Capture[], showSql: boolean): string {
  const lines = [
    'How the SQL was obtained: captured, not retyped. A recording instance of the API (same buildApp,',
    'config and database as the measured one, in the bench process) answered each endpoint 3 times to',
    'warm up, then once more while every postgres.js query of the process was recorded at the driver',
    '(Query#handle: text, parameters with their bound types, prepared or not, simple protocol, array',
    'rows, overlap with the previous query, and the rows returned). The statements of a request that',
    'authenticates and then fails validation were recorded the same way and taken out (the bare server',
    'authenticates nothing). The bare server replays the rest per request, in order, with the same',
    'protocol choices; before measuring, its rows were checked against the rows the API got.',
    '',
  ]
  for (const c of captures) {
    const trips = c.statements.reduce((n, s) => n + roundTrips(s), 0)
    const batches = c.statements.filter((s) => !s.concurrent).length
    lines.push(
      `${c.endpoint.name.padEnd(14)} ${c.path}`,
      `  ${c.all.length} statements, ${c.auth.length} of them authentication (not replayed); replayed ${c.statements.length} ` +
        `in ${batches} sequential step(s), ${c.statements.filter((s) => s.prepare).length} prepared; ` +
        `about ${trips} round trip(s) when warm (authentication's not counted)`,
    )
    for (const s of c.statements) {
      const text = s.text.replace(/\s+/g, ' ').trim()
      const mode = `${s.prepare ? 'prepared' : s.simple ? 'simple' : 'unnamed'}${s.concurrent ? ', concurrent' : ''}`
      lines.push(`    [${mode}] ${showSql ? text : text.length > 110 ? `${text.slice(0, 107)}...` : text}`)
    }
  }
  return lines.join('\n')
}
