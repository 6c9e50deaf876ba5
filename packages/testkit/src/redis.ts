import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'

export const TEST_REDIS_URL = 'redis://127.0.0.1:6379'

export interface TestRedis {
  url: string
  prefix: string
  cleanup(): Promise<void>
}

/** A key prefix unique to this run; cleanup deletes every key under it. */
export function createTestRedis(label = 'test'): TestRedis {
  const prefix = `djtest:${label}:${process.pid}:${randomBytes(4).toString('hex')}`
  return {
    url: TEST_REDIS_URL,
    prefix,
    async cleanup() {
      const r = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 })
      try {
        let cursor = '0'
        do {
          const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500)
          cursor = next
          if (keys.length > 0) await r.del(...keys)
        } while (cursor !== '0')
      } finally {
        r.disconnect()
      }
    },
  }
}
