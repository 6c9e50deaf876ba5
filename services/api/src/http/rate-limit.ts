import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'
import { Errors } from './errors.js'

export interface Limit {
  /** What is limited, e.g. "login:ip". */
  scope: string
  /** Who is limited, e.g. an IP address or an email; hashed before it becomes a key. */
  subject: string
  max: number
  windowSeconds: number
}

/**
 * Fixed-window counters in Redis, shared by every API instance (no in-process state).
 * If Redis is unreachable the limiter lets the request through and says so in the log:
 * sign-in must keep working while the queue is down; the argon2 cost still slows guessing.
 */
export async function enforceLimits(
  redis: Redis,
  prefix: string,
  limits: Limit[],
  log: { warn(obj: object, msg: string): void },
): Promise<void> {
  if (redis.status !== 'ready') {
    log.warn({ limits: limits.map((l) => l.scope) }, 'rate limiter skipped: redis unavailable')
    return
  }
  try {
    const multi = redis.multi()
    const keys = limits.map((l) => {
      const digest = createHash('sha256').update(l.subject.toLowerCase()).digest('base64url').slice(0, 22)
      return `${prefix}:ratelimit:${l.scope}:${digest}`
    })
    keys.forEach((key, i) => {
      multi.incr(key)
      multi.expire(key, limits[i]!.windowSeconds, 'NX')
    })
    const results = (await multi.exec()) ?? []
    for (let i = 0; i < limits.length; i++) {
      const count = Number(results[i * 2]?.[1] ?? 0)
      if (count > limits[i]!.max) throw new Errors.RateLimited()
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'RATE_LIMITED') throw error
    log.warn({ err: error }, 'rate limiter skipped: redis error')
  }
}
