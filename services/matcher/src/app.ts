import { healthRoutes } from '@dj/health'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { MatcherConfig } from './config.js'
import type { RoundDeps } from './round.js'
import { createMatcher, type MatcherParts } from './worker.js'

export interface BuildOptions {
  config: MatcherConfig
  /** Fastify logger options; the app's logger is the process logger. */
  logger?: FastifyServerOptions['logger']
  hooks?: RoundDeps['hooks']
  relayIntervalMs?: number
}

/** The matcher's health app, which owns the worker: `app.matcher` holds its parts. */
export type App = FastifyInstance & { readonly matcher: MatcherParts }

/**
 * Builds the matcher without starting it: its only HTTP surface (/health, /ready) and the worker
 * on queue `match` with its relay. Ready (`app.ready()`, `inject`, `listen`) starts the work;
 * `app.close()` stops it within SHUTDOWN_DEADLINE_MS.
 */
export async function buildApp(options: BuildOptions): Promise<App> {
  const { config } = options
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL, name: 'dj-matcher' },
  })
  const matcher = createMatcher({
    config,
    log: app.log,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    ...(options.relayIntervalMs !== undefined ? { relayIntervalMs: options.relayIntervalMs } : {}),
  })
  app.decorate('matcher', matcher)
  await app.register(healthRoutes, {
    checks: {
      postgres: () => matcher.dbHandle.db.execute(sql`select 1`),
      redis: () => matcher.producers.ping(),
    },
    accepting: () => matcher.accepting(),
  })
  app.addHook('onReady', async () => {
    matcher.start()
    app.log.info({ concurrency: config.MATCH_CONCURRENCY }, 'matcher started')
  })
  app.addHook('onClose', async () => {
    await matcher.stop(config.SHUTDOWN_DEADLINE_MS)
  })
  return app as App
}
