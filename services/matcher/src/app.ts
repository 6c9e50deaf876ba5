import type { Db } from '@dj/db'
import type { Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyServerOptions } from 'fastify'
import Type from 'typebox'

export interface HealthDeps {
  db: Db
  producers: Pick<Producers, 'ping'>
  /** False once shutdown started, so a load balancer stops routing here first. */
  accepting?: () => boolean
  logger?: FastifyServerOptions['logger']
}

const Check = Type.Union([Type.Literal('ok'), Type.Literal('down')])
const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Object({ postgres: Check, redis: Check }),
})

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

/** The matcher's only HTTP surface: liveness and readiness for the orchestrator. */
export async function buildHealthApp(deps: HealthDeps) {
  const app = Fastify({ logger: deps.logger ?? false })
  app.get(
    '/health',
    { schema: { response: { 200: Type.Object({ status: Type.Literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  )
  app.get('/ready', { schema: { response: { 200: Readiness, 503: Readiness } } }, async (_request, reply) => {
    const [pg, redis] = await Promise.allSettled([
      within(2_000, deps.db.execute(sql`select 1`)),
      within(2_000, deps.producers.ping()),
    ])
    const checks = {
      postgres: pg.status === 'fulfilled' ? ('ok' as const) : ('down' as const),
      redis: redis.status === 'fulfilled' ? ('ok' as const) : ('down' as const),
    }
    const ready = checks.postgres === 'ok' && checks.redis === 'ok' && (deps.accepting?.() ?? true)
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
  })
  return app
}
