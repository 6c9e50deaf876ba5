import { CommonEnv, type LoadOptions, loadConfig, Port } from '@dj/config'
import { createDb } from '@dj/db'
import { healthRoutes } from '@dj/health'
import { createRelay } from '@dj/outbox'
import { createProducers, startWorker } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify from 'fastify'
import Type, { type Static } from 'typebox'
import { handleRegistryEvent } from './domains/registry/import-job.js'

export const RegistryWorkerEnv = Type.Object({
  ...CommonEnv,
  REGISTRY_WORKER_PORT: Port(3011),
  HOST: Type.String({ default: '127.0.0.1' }),
})
export type RegistryWorkerConfig = Static<typeof RegistryWorkerEnv>

export function loadRegistryWorkerConfig(options?: LoadOptions): RegistryWorkerConfig {
  return loadConfig(RegistryWorkerEnv, options)
}

export interface RunningRegistryWorker {
  port: number
  close(): Promise<void>
}

/**
 * The registry worker: processes queue `registry` (CSV imports), relays its own outbox rows
 * (so imports run even when no other relay is up) and answers /health for the supervisor.
 */
export async function startRegistryWorker(config: RegistryWorkerConfig): Promise<RunningRegistryWorker> {
  const handle = createDb(config.DATABASE_URL, { applicationName: 'dj-registry-worker', max: 5 })
  const producers = createProducers(config)
  const health = Fastify({ logger: { level: config.LOG_LEVEL } })
  const log = health.log
  const worker = startWorker(
    config,
    'registry',
    [['outbox.event', (job) => handleRegistryEvent(handle.db, job.data)]],
    {
      concurrency: 2,
      onError: (err) => log.warn({ err }, 'registry worker connection error'),
      onFailed: (job, err) => log.error({ err, jobId: job?.id }, 'registry job failed'),
    },
  )
  const relay = createRelay({
    db: handle.db,
    producers,
    queues: ['registry'],
    onError: (err) => log.warn({ err }, 'registry relay error'),
  })
  relay.start(250)
  await health.register(healthRoutes, {
    checks: {
      postgres: () => handle.db.execute(sql`select 1`),
      redis: () => producers.ping(),
      worker: () => worker.worker.isRunning(),
    },
  })
  await health.listen({ port: config.REGISTRY_WORKER_PORT, host: config.HOST })
  const address = health.server.address()
  return {
    port: typeof address === 'object' && address ? address.port : config.REGISTRY_WORKER_PORT,
    async close() {
      await relay.stop()
      await worker.close()
      await health.close()
      await producers.close()
      await handle.close()
    },
  }
}
