// /health and /ready of the API: infrastructure, like the other plugins, not a domain route.
import { healthRoutes } from '@dj/health'
import { sql } from 'drizzle-orm'
import type { FastifyPluginAsync } from 'fastify'

const apiHealth: FastifyPluginAsync = async (app) => {
  await app.register(healthRoutes, {
    checks: {
      postgres: () => app.db.execute(sql`select 1`),
      redis: () => app.producers.ping(),
    },
  })
}

export default apiHealth
