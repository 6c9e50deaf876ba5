import type { DbHandle } from '@dj/db'
import { healthRoutes } from '@dj/health'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { NotifierConfig } from './config.js'
import type { Mailer } from './mailer.js'
import { createNotifier, type NotifierParts } from './notifier.js'

export interface BuildOptions {
  config: NotifierConfig
  /** A connection the caller owns; it is left open on close. */
  dbHandle?: DbHandle
  mailer?: Mailer
  /** Clock for quiet hours and digests; tests move it. */
  now?: () => Date
  logger?: FastifyServerOptions['logger']
}

/** The notifier's health app, which owns the work: `app.notifier` holds its parts. */
export type App = FastifyInstance & { readonly notifier: NotifierParts }

/**
 * Builds the notifier without starting anything: the health app (/health, /ready) and, decorated
 * on it as `app.notifier`, the notify worker, the outbox relay and the digest sweeper. Ready
 * (`app.ready()`, `inject`, `listen`) starts them; `app.close()` stops them within SHUTDOWN_DEADLINE_MS.
 */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options
  const app: FastifyInstance = Fastify({ logger: options.logger ?? { level: config.LOG_LEVEL } })
  const notifier = createNotifier({
    config,
    log: app.log,
    ...(options.dbHandle ? { dbHandle: options.dbHandle } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.now ? { now: options.now } : {}),
  })
  app.decorate('notifier', notifier)
  await app.register(healthRoutes, {
    checks: {
      postgres: () => notifier.dbHandle.db.execute(sql`select 1`),
      redis: () => notifier.producers.ping(),
      worker: () => notifier.worker.worker.isRunning(),
    },
  })
  app.addHook('onReady', async () => {
    notifier.start()
    app.log.info({ concurrency: config.WORKER_CONCURRENCY }, 'notifier started')
  })
  app.addHook('onClose', async () => {
    await notifier.stop(config.SHUTDOWN_DEADLINE_MS)
  })
  return app as App
}
