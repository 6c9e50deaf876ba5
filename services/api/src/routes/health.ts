import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import Type from 'typebox'

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

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['ops'],
        summary: 'The process is alive',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )
  app.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'PostgreSQL and Redis are reachable (else 503)',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const [pg, redis] = await Promise.allSettled([
        within(2_000, app.db.execute(sql`select 1`)),
        within(2_000, app.producers.ping()),
      ])
      const checks = {
        postgres: pg.status === 'fulfilled' ? ('ok' as const) : ('down' as const),
        redis: redis.status === 'fulfilled' ? ('ok' as const) : ('down' as const),
      }
      const ready = checks.postgres === 'ok' && checks.redis === 'ok'
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
    },
  )
}

export default healthRoutes
