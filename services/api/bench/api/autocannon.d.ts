// The part of autocannon 8's programmatic API the bench uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  interface Options {
    url: string
    connections?: number
    duration?: number
    headers?: Record<string, string>
    timeout?: number
  }
  interface Histogram {
    average: number
    p50: number
    p99: number
  }
  interface Result {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    latency: Histogram
    requests: Histogram & { total: number }
    statusCodeStats: Record<string, { count: number }>
  }
  interface Instance extends EventEmitter, PromiseLike<Result> {
    on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): this
    on(event: string, fn: (...args: unknown[]) => void): this
    stop(): void
  }
  function autocannon(options: Options): Instance
  export default autocannon
}
