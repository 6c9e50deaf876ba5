import type { Db } from '@dj/db'
import { healthRoutes } from '@dj/health'
import type { Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyServerOptions } from 'fastify'

export interface HealthDeps {
  db: Db
  producers: Pick<Producers, 'ping'>
  /** False once shutdown started, so a load balancer stops routing here first. */
  accepting?: () => boolean
  logger?: FastifyServerOptions['logger']
}

/** The matcher's only HTTP surface: liveness and readiness for the orchestrator. */
export async function buildHealthApp(deps: HealthDeps) {
  const app = Fastify({ logger: deps.logger ?? false })
  await app.register(healthRoutes, {
    checks: {
      postgres: () => deps.db.execute(sql`select 1`),
      redis: () => deps.producers.ping(),
    },
    accepting: () => deps.accepting?.() ?? true,
  })
  return app
}
