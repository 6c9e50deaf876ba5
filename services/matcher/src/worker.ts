import { createDb, type DbHandle } from '@dj/db'
import { createRelay, type Relay } from '@dj/outbox'
import { createProducers, type Producers, type RunningWorker, startWorker } from '@dj/queue'
import type { FastifyServerOptions } from 'fastify'
import { buildHealthApp } from './app.js'
import type { MatcherConfig } from './config.js'
import { processRoundJob, type RoundDeps } from './round.js'
import { parseWeights } from './weights.js'

export interface Matcher {
  worker: RunningWorker
  relay: Relay
  health: Awaited<ReturnType<typeof buildHealthApp>>
  dbHandle: DbHandle
  producers: Producers
  /** Stops taking work, waits for the running round up to the deadline, then closes everything. */
  close(): Promise<void>
}

export interface StartOptions {
  config: MatcherConfig
  /** Fastify logger options; the health app's logger is the process logger. */
  logger?: FastifyServerOptions['logger']
  /** Listen for /health and /ready; tests may skip it. */
  listen?: boolean
  hooks?: RoundDeps['hooks']
  relayIntervalMs?: number
}

/** Worker on queue `match`, the relay for the rows it consumes, and the health endpoints. */
export async function startMatcher(options: StartOptions): Promise<Matcher> {
  const { config } = options
  let accepting = true
  const weights = parseWeights(config.MATCH_WEIGHTS)
  const dbHandle = createDb(config.DATABASE_URL, { applicationName: 'dj-matcher', max: 4 })
  const producers = createProducers(config)
  const health = await buildHealthApp({
    db: dbHandle.db,
    producers,
    accepting: () => accepting,
    logger: options.logger ?? false,
  })
  const log = health.log
  const deps: RoundDeps = {
    db: dbHandle.db,
    weights,
    proposalTtlDays: config.PROPOSAL_TTL_DAYS,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  }
  const worker = startWorker(
    config,
    'match',
    [
      [
        'outbox.event',
        async (job) => {
          if (job.data.event.type !== 'round.requested') {
            log.warn({ type: job.data.event.type }, 'matcher got an event it does not handle')
          }
          return processRoundJob(deps, {
            data: job.data,
            attemptsMade: job.attemptsMade,
            opts: job.opts,
            updateProgress: async (p) => {
              await job.updateProgress(p)
            },
          })
        },
      ],
    ],
    {
      concurrency: config.MATCH_CONCURRENCY,
      onError: (e) => log.error({ err: e }, 'match worker error'),
      onFailed: (job, e) => log.warn({ jobId: job?.id, err: e }, 'round job failed'),
    },
  )
  const relay = createRelay({
    db: dbHandle.db,
    producers,
    queues: ['match'],
    onError: (e) => log.warn({ err: e }, 'relay error'),
  })
  relay.start(options.relayIntervalMs ?? 500)
  if (options.listen) await health.listen({ port: config.MATCHER_PORT, host: config.MATCHER_HOST })

  let closing: Promise<void> | undefined
  return {
    worker,
    relay,
    health,
    dbHandle,
    producers,
    close() {
      closing ??= (async () => {
        accepting = false
        await relay.stop()
        await worker.close(config.SHUTDOWN_DEADLINE_MS)
        await health.close()
        await producers.close()
        await dbHandle.close()
      })()
      return closing
    },
  }
}
