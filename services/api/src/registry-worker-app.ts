import { CommonEnv, type LoadOptions, loadConfig, Port, ShutdownDeadline } from '@dj/config'
import { createDb, type DbHandle } from '@dj/db'
import { healthRoutes } from '@dj/health'
import { createRelay, type Relay } from '@dj/outbox'
import { createProducers, type Producers, type RunningWorker, startWorker } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import Type, { type Static } from 'typebox'
import { handleRegistryEvent } from './domains/registry/import-job.js'

export const RegistryWorkerEnv = Type.Object({
  ...CommonEnv,
  REGISTRY_WORKER_PORT: Port(3011),
  HOST: Type.String({ default: '127.0.0.1' }),
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(),
})
export type RegistryWorkerConfig = Static<typeof RegistryWorkerEnv>

export function loadRegistryWorkerConfig(options?: LoadOptions): RegistryWorkerConfig {
  return loadConfig(RegistryWorkerEnv, options)
}

export interface RegistryWorkerParts {
  worker: RunningWorker
  relay: Relay
  dbHandle: DbHandle
  producers: Producers
}

export interface RegistryWorkerBuildOptions {
  config: RegistryWorkerConfig
  logger?: FastifyServerOptions['logger']
}

/** The registry worker's health app, which owns the worker: `app.registryWorker` holds its parts. */
export type RegistryWorkerApp = FastifyInstance & { readonly registryWorker: RegistryWorkerParts }

/**
 * The API's second process, in the shape of every service: built here (the health app owning the
 * worker on queue `registry`, CSV imports, and the relay of its own outbox rows, so imports run even
 * when no other relay is up); ready (`app.ready()`, `inject`, `listen`) starts the work and
 * `app.close()` stops it within SHUTDOWN_DEADLINE_MS. registry-worker.ts starts it.
 */
export async function buildRegistryWorkerApp(
  options: RegistryWorkerBuildOptions,
): Promise<RegistryWorkerApp> {
  const { config } = options
  const app: FastifyInstance = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL, name: 'dj-registry-worker' },
  })
  const log = app.log
  const dbHandle = createDb(config.DATABASE_URL, { applicationName: 'dj-registry-worker', max: 5 })
  const producers = createProducers(config)
  const worker = startWorker(
    config,
    'registry',
    [['outbox.event', (job) => handleRegistryEvent(dbHandle.db, job.data)]],
    {
      concurrency: 2,
      onError: (err) => log.warn({ err }, 'registry worker connection error'),
      onFailed: (job, err) => log.error({ err, jobId: job?.id }, 'registry job failed'),
      worker: { autorun: false },
    },
  )
  const relay = createRelay({
    db: dbHandle.db,
    producers,
    queues: ['registry'],
    onError: (err) => log.warn({ err }, 'registry relay error'),
  })
  let started = false
  let accepting = true
  app.decorate('registryWorker', { worker, relay, dbHandle, producers } satisfies RegistryWorkerParts)
  await app.register(healthRoutes, {
    checks: {
      postgres: () => dbHandle.db.execute(sql`select 1`),
      redis: () => producers.ping(),
      worker: () => worker.worker.isRunning(),
    },
    accepting: () => accepting,
  })
  app.addHook('onReady', async () => {
    started = true
    void worker.worker.run().catch((err) => log.error({ err }, 'registry worker error'))
    relay.start(250)
  })
  app.addHook('onClose', async () => {
    accepting = false
    await relay.stop()
    await worker.close(started ? config.SHUTDOWN_DEADLINE_MS : 0)
    await producers.close()
    await dbHandle.close()
  })
  return app as RegistryWorkerApp
}
