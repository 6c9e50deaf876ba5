import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Runs `work` and answers no sooner than `floorMs` after it started. For answers that must not
 * tell by their time which path they took (a reset request for a known or an unknown address):
 * both paths do the same work, and what is left of the difference (a known address writes a few
 * rows more) disappears under the floor.
 */
export async function noSoonerThan<T>(floorMs: number, work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  const rest = floorMs - (performance.now() - started)
  if (rest > 0) await sleep(rest)
  return result
}
