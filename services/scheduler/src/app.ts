import type { DbHandle } from '@dj/db'
import type { Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyServerOptions } from 'fastify'

export interface HealthDeps {
  dbHandle: DbHandle
  producers: Producers
  /** False while the worker is not running (starting or shutting down). */
  isRunning: () => boolean
}

export interface HealthOptions {
  deps: () => HealthDeps | undefined
  logger?: FastifyServerOptions['logger']
}

async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms)
  })
  try {
    return await Promise.race([p, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The scheduler's only HTTP surface: liveness and readiness for the orchestrator. */
export async function buildHealthApp(options: HealthOptions) {
  const app = Fastify({ logger: options.logger ?? false })
  app.get('/health', async () => ({ status: 'ok' }))
  app.get('/ready', async (_request, reply) => {
    const deps = options.deps()
    const [pg, redis] = await Promise.allSettled([
      deps ? within(2_000, deps.dbHandle.db.execute(sql`select 1`)) : Promise.reject(new Error('starting')),
      deps ? within(2_000, deps.producers.ping()) : Promise.reject(new Error('starting')),
    ])
    const checks = {
      postgres: pg.status === 'fulfilled' ? 'ok' : 'down',
      redis: redis.status === 'fulfilled' ? 'ok' : 'down',
      worker: deps?.isRunning() ? 'ok' : 'down',
    }
    const ready = Object.values(checks).every((c) => c === 'ok')
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
  })
  return app
}
