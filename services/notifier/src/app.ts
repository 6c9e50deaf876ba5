import { createDb, type DbHandle } from '@dj/db'
import { healthRoutes } from '@dj/health'
import { createRelay } from '@dj/outbox'
import { createProducers, type Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify'
import { type NotifierConfig, smtpTarget } from './config.js'
import type { DeliverDeps } from './deliver.js'
import { sweepDigests } from './digest.js'
import { concurrencyLimit } from './limit.js'
import { createSmtpMailer, type Mailer } from './mailer.js'
import { createNotifyWorker } from './worker.js'

export interface BuildNotifierOptions {
  config: NotifierConfig
  dbHandle?: DbHandle
  mailer?: Mailer
  /** Clock for quiet hours and digests; tests move it. */
  now?: () => Date
  logger?: FastifyServerOptions['logger']
}

/**
 * Builds the notifier without starting anything: the health server (Fastify), the notify worker,
 * the outbox relay for the notify queue and the digest sweeper. `start()` runs them, `close()`
 * stops them within SHUTDOWN_DEADLINE_MS.
 */
export async function buildNotifier(options: BuildNotifierOptions) {
  const { config } = options
  const app = Fastify({ logger: options.logger ?? { level: config.LOG_LEVEL } })
  const log: FastifyBaseLogger = app.log
  const dbHandle = options.dbHandle ?? createDb(config.DATABASE_URL, { applicationName: 'dj-notifier' })
  const producers: Producers = createProducers(config)
  const mailer =
    options.mailer ?? createSmtpMailer(smtpTarget(config), config.MAIL_FROM, config.SMTP_TIMEOUT_MS)
  const deps: DeliverDeps = {
    db: dbHandle.db,
    mailer,
    webUrl: config.PUBLIC_WEB_URL,
    linkSecret: config.EMAIL_LINK_SECRET,
    messageIdDomain: config.MAIL_ID_DOMAIN,
    sendLeaseMs: config.SEND_LEASE_MS,
    now: options.now ?? (() => new Date()),
    smtpSlot: concurrencyLimit(config.SMTP_MAX_CONNECTIONS),
  }
  const worker = createNotifyWorker(config, deps, {
    concurrency: config.WORKER_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    onError: (err) => log.warn({ err }, 'notify worker error'),
    onFailed: (job, err) => log.warn({ err, jobId: job?.id, name: job?.name }, 'notify job failed'),
  })
  const relay = createRelay({
    db: dbHandle.db,
    producers,
    queues: ['notify'],
    redispatchAfterMs: config.REDISPATCH_AFTER_MS,
    onError: (err) => log.warn({ err }, 'notify relay error'),
  })

  let sweepTimer: NodeJS.Timeout | undefined
  let sweeping: Promise<unknown> | undefined
  const sweep = async () => {
    try {
      sweeping = sweepDigests(deps, producers)
      await sweeping
    } catch (err) {
      log.warn({ err }, 'digest sweep failed')
    }
  }

  await app.register(healthRoutes, {
    checks: {
      postgres: () => dbHandle.db.execute(sql`select 1`),
      redis: () => producers.ping(),
      worker: () => worker.worker.isRunning(),
    },
  })

  let started = false
  return {
    app,
    deps,
    producers,
    relay,
    worker,
    sweep,
    /** Starts the worker, the relay and the digest sweeper (the health server is listened to separately). */
    start() {
      started = true
      worker.start()
      relay.start(config.RELAY_INTERVAL_MS)
      void sweep()
      sweepTimer = setInterval(() => void sweep(), config.SWEEP_INTERVAL_MS)
    },
    /** Stops taking work, lets active jobs finish up to the deadline, then closes everything. */
    async close(deadlineMs = config.SHUTDOWN_DEADLINE_MS) {
      clearInterval(sweepTimer)
      await relay.stop()
      await sweeping?.catch(() => {})
      if (started) await worker.close(deadlineMs)
      else await worker.close(0)
      await app.close()
      await producers.close()
      mailer.close()
      if (!options.dbHandle) await dbHandle.close()
    },
  }
}

export type Notifier = Awaited<ReturnType<typeof buildNotifier>>
