/**
 * At most `max` calls of the returned function run at once in this process; the others wait in
 * arrival order. A finishing call hands its slot straight to the next waiter, so the limit holds
 * even for callers arriving in between.
 */
export function concurrencyLimit(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`limit must be a positive integer, not ${max}`)
  let active = 0
  const waiting: (() => void)[] = []
  return async function limited<T>(fn: () => Promise<T>): Promise<T> {
    if (active < max) active += 1
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await fn()
    } finally {
      const next = waiting.shift()
      if (next) next()
      else active -= 1
    }
  }
}
