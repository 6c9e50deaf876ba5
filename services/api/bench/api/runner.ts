/**
 * Load with autocannon: one run is one target, one path, one connection count for a fixed time;
 * rounds alternate which of the two servers goes first, so drift in the machine's load (other
 * processes, PostgreSQL's caches, the planner's statistics) falls on both alike.
 */
import autocannon from 'autocannon'

export type Kind = 'api' | 'bare'

export interface Run {
  kind: Kind
  endpoint: string
  connections: number
  round: number
  requests: number
  seconds: number
  /** Per-response latency in ms, as autocannon measured it (for p50/p95/p99 across rounds). */
  latencies: number[]
  non2xx: number
  errors: number
}

export interface Target {
  kind: Kind
  /** Called before each run (e.g. to renew tokens). */
  prepare?(): Promise<void>
  url(endpoint: string): string
  headers(endpoint: string): Record<string, string>
}

export async function measure(
  target: Target,
  endpoint: string,
  connections: number,
  seconds: number,
  round: number,
): Promise<Run> {
  await target.prepare?.()
  const latencies: number[] = []
  const instance = autocannon({
    url: target.url(endpoint),
    connections,
    duration: seconds,
    headers: target.headers(endpoint),
  })
  instance.on('response', (_client, _status, _bytes, ms) => {
    latencies.push(ms)
  })
  const result = await instance
  return {
    kind: target.kind,
    endpoint,
    connections,
    round,
    requests: result.requests.total,
    seconds: result.duration,
    latencies,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }
}

export interface Plan {
  endpoints: string[]
  connections: number[]
  rounds: number
  seconds: number
  /** Unmeasured seconds per endpoint and target before the first round (JIT, caches, pools). */
  warmupSeconds: number
}

export async function runRounds(
  plan: Plan,
  targets: [Target, Target],
  progress: (line: string) => void,
): Promise<Run[]> {
  const top = Math.max(...plan.connections)
  if (plan.warmupSeconds > 0)
    for (const endpoint of plan.endpoints)
      for (const t of targets) await measure(t, endpoint, top, plan.warmupSeconds, 0)
  const runs: Run[] = []
  for (let round = 1; round <= plan.rounds; round++) {
    const order = round % 2 === 1 ? targets : ([targets[1], targets[0]] as const)
    for (const endpoint of plan.endpoints)
      for (const connections of plan.connections)
        for (const t of order) {
          const run = await measure(t, endpoint, connections, plan.seconds, round)
          runs.push(run)
          progress(
            `round ${round} ${endpoint.padEnd(14)} c=${String(connections).padEnd(4)} ${t.kind.padEnd(4)} ` +
              `${(run.requests / run.seconds).toFixed(0).padStart(6)} req/s` +
              (run.non2xx || run.errors ? `  (${run.non2xx} non-2xx, ${run.errors} errors)` : ''),
          )
        }
  }
  return runs
}
