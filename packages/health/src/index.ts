import type { FastifyPluginAsync } from 'fastify'
import Type from 'typebox'

/** Each check resolves when its dependency answers; a rejection or a timeout means down. */
export type ReadinessCheck = () => Promise<unknown> | boolean

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>
  /** Per check; a dependency that hangs must not hang the probe. */
  timeoutMs?: number
  /** False once shutdown started, so a load balancer stops routing here before the checks fail. */
  accepting?: () => boolean
}

const Check = Type.Union([Type.Literal('ok'), Type.Literal('down')])
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('unavailable')]),
  checks: Type.Record(Type.String(), Check),
})

async function passes(check: ReadinessCheck, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    const outcome = check()
    if (typeof outcome === 'boolean') return outcome
    return await Promise.race([outcome.then(() => true), timeout])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}

/**
 * `/health` (the process is alive) and `/ready` (every dependency answers, else 503), the same in
 * every service so orchestrators probe them alike.
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, options) => {
  const timeoutMs = options.timeoutMs ?? 2_000
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
        summary: 'Every dependency is reachable (else 503)',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const names = Object.keys(options.checks)
      const results = await Promise.all(names.map((n) => passes(options.checks[n]!, timeoutMs)))
      const checks = Object.fromEntries(
        names.map((n, i) => [n, results[i] ? ('ok' as const) : ('down' as const)]),
      )
      const ready = results.every(Boolean) && (options.accepting?.() ?? true)
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks })
    },
  )
}
