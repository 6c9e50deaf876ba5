import type { DbHandle } from '@dj/db'
import { healthRoutes } from '@dj/health'
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

/** The scheduler's only HTTP surface: liveness and readiness for the orchestrator. */
export async function buildHealthApp(options: HealthOptions) {
  const app = Fastify({ logger: options.logger ?? false })
  const starting = () => Promise.reject(new Error('starting'))
  await app.register(healthRoutes, {
    checks: {
      postgres: () => options.deps()?.dbHandle.db.execute(sql`select 1`) ?? starting(),
      redis: () => options.deps()?.producers.ping() ?? starting(),
      worker: () => options.deps()?.isRunning() ?? false,
    },
  })
  return app
}
