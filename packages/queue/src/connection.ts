import { Redis, type RedisOptions } from 'ioredis'

export interface RedisConfig {
  REDIS_URL: string
  QUEUE_PREFIX: string
}

/**
 * Producer connections fail fast: with the offline queue off, a command while Redis is down
 * rejects at once instead of waiting, so the API can answer 503 instead of hanging.
 */
export function createProducerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
    ...extra,
  })
}

/** Worker connections must block and retry forever (BullMQ requires maxRetriesPerRequest null). */
export function createWorkerConnection(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    ...extra,
  })
}
