import type { DbHandle } from '@dj/db'
import { healthRoutes } from '@dj/health'
import type { Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { SchedulerConfig } from './config.js'
import { createScheduler, type Scheduler } from './scheduler.js'

export interface BuildOptions {
  config: SchedulerConfig
  /** Connections the caller owns (tests); they are left open on close. */
  dbHandle?: DbHandle
  producers?: Producers
  logger?: FastifyServerOptions['logger']
  /** Relay poll interval (tests use a short one). */
  relayIntervalMs?: number
}

/** The scheduler's health app, which owns the work: `app.scheduler` holds its parts. */
export type App = FastifyInstance & { readonly scheduler: Scheduler }

/**
 * Builds the scheduler without starting it: its only HTTP surface (/health, /ready) and, decorated
 * on it as `app.scheduler`, the worker on queue `schedule`, its relay and the timer re-sync.
 * Ready (`app.ready()`, `inject`, `listen`) starts them; `app.close()` stops them within
 * SHUTDOWN_DEADLINE_MS.
 */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL, name: 'scheduler' },
  })
  const scheduler = createScheduler({
    config,
    log: app.log,
    ...(options.dbHandle ? { dbHandle: options.dbHandle } : {}),
    ...(options.producers ? { producers: options.producers } : {}),
    ...(options.relayIntervalMs !== undefined ? { relayIntervalMs: options.relayIntervalMs } : {}),
  })
  app.decorate('scheduler', scheduler)
  await app.register(healthRoutes, {
    checks: {
      postgres: () => scheduler.dbHandle.db.execute(sql`select 1`),
      redis: () => scheduler.producers.ping(),
      // False while the worker is not running (not started yet, or stopping).
      worker: () => scheduler.isRunning(),
    },
  })
  app.addHook('onReady', async () => {
    await scheduler.start()
  })
  app.addHook('onClose', async () => {
    await scheduler.stop(config.SHUTDOWN_DEADLINE_MS)
  })
  return app as App
}
