import { createDb, type DbHandle } from '@dj/db'
import { createRelay, type Relay } from '@dj/outbox'
import { createProducers, type Producers, type RunningWorker, startWorker } from '@dj/queue'
import type { FastifyBaseLogger } from 'fastify'
import type { MatcherConfig } from './config.js'
import { processRoundJob, type RoundDeps } from './round.js'
import { parseWeights } from './weights.js'

export interface MatcherOptions {
  config: MatcherConfig
  log: FastifyBaseLogger
  hooks?: RoundDeps['hooks']
  relayIntervalMs?: number
}

/** The matcher's work, built but not started; app.ts owns it (start on ready, stop on close). */
export interface MatcherParts {
  worker: RunningWorker
  relay: Relay
  dbHandle: DbHandle
  producers: Producers
  /** False once stopping started, so /ready answers 503 first. */
  accepting(): boolean
  /** Takes jobs from queue `match` and dispatches its outbox rows. */
  start(): void
  /** Stops taking work, waits for the running round up to the deadline, then closes connections. */
  stop(deadlineMs: number): Promise<void>
}

/** Worker on queue `match` and the relay for the rows it consumes, without HTTP and not started. */
export function createMatcher(options: MatcherOptions): MatcherParts {
  const { config, log } = options
  const weights = parseWeights(config.MATCH_WEIGHTS)
  const dbHandle = createDb(config.DATABASE_URL, { applicationName: 'dj-matcher', max: 4 })
  const producers = createProducers(config)
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
      worker: { autorun: false },
    },
  )
  const relay = createRelay({
    db: dbHandle.db,
    producers,
    queues: ['match'],
    onError: (e) => log.warn({ err: e }, 'relay error'),
  })

  let accepting = true
  let started = false
  let stopping: Promise<void> | undefined
  return {
    worker,
    relay,
    dbHandle,
    producers,
    accepting: () => accepting,
    start() {
      if (started || stopping) return
      started = true
      void worker.worker.run().catch((e) => log.error({ err: e }, 'match worker error'))
      relay.start(options.relayIntervalMs ?? 500)
    },
    stop(deadlineMs) {
      stopping ??= (async () => {
        accepting = false
        await relay.stop()
        await worker.close(started ? deadlineMs : 0)
        await producers.close()
        await dbHandle.close()
      })()
      return stopping
    },
  }
}
