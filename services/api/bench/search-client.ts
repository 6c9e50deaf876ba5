/**
 * Load generator for bench/search.ts, run in a worker thread so the clients do not share the
 * event loop (and core) with the API they measure. Plain node:http with keep-alive: cheaper per
 * request than fetch, so the figures are the server's, not the client's.
 */
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'

interface Input {
  base: string
  mix: { url: string; side: 'duren' | 'jinhua' }[]
  tokens: Record<'duren' | 'jinhua', string>
  clients: number
  requests: number
  seconds: number
  warmup: number
  slowMs: number | null
}

const input = workerData as Input
const agent = new http.Agent({ keepAlive: true, maxSockets: input.clients })
const { hostname, port } = new URL(input.base)

function get(i: number): Promise<number> {
  const m = input.mix[i % input.mix.length]!
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = http.get(
      { hostname, port, path: m.url, agent, headers: { authorization: `Bearer ${input.tokens[m.side]}` } },
      (res) => {
        res.resume()
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`${m.url} → ${res.statusCode}`))
          const ms = performance.now() - started
          if (input.slowMs !== null && ms > input.slowMs) console.log(`slow ${ms.toFixed(0)} ms ${m.url}`)
          resolve(ms)
        })
      },
    )
    req.on('error', reject)
  })
}

let next = 0
for (; next < input.warmup; next += input.clients)
  await Promise.all(Array.from({ length: input.clients }, (_, k) => get(next + k)))

const latencies: number[] = []
const deadline = performance.now() + input.seconds * 1000
const begun = performance.now()
const end = input.warmup + input.requests
await Promise.all(
  Array.from({ length: input.clients }, async () => {
    while (next < end && performance.now() < deadline) latencies.push(await get(next++))
  }),
)
agent.destroy()
parentPort!.postMessage({ latencies, seconds: (performance.now() - begun) / 1000 })
