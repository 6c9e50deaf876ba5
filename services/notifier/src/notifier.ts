import { createDb, type DbHandle } from '@dj/db'
import { createRelay } from '@dj/outbox'
import { createProducers, type Producers } from '@dj/queue'
import type { FastifyBaseLogger } from 'fastify'
import { type NotifierConfig, smtpTarget } from './config.js'
import type { DeliverDeps } from './deliver.js'
import { sweepDigests } from './digest.js'
import { concurrencyLimit } from './limit.js'
import { createSmtpMailer, type Mailer } from './mailer.js'
import { createNotifyWorker } from './worker.js'

export interface NotifierOptions {
  config: NotifierConfig
  log: FastifyBaseLogger
  /** A connection the caller owns (tests, the benchmark); it is left open on stop. */
  dbHandle?: DbHandle
  mailer?: Mailer
  /** Clock for quiet hours and digests; tests move it. */
  now?: () => Date
}

/**
 * The notifier's work, built without HTTP and without starting anything: the notify worker, the
 * outbox relay for the notify queue and the digest sweeper. app.ts owns it (start on ready, stop
 * on close); the benchmark drives it directly.
 */
export function createNotifier(options: NotifierOptions) {
  const { config, log } = options
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

  let started = false
  let stopping: Promise<void> | undefined
  return {
    dbHandle,
    deps,
    producers,
    relay,
    worker,
    sweep,
    /** Starts the worker, the relay and the digest sweeper. */
    start() {
      if (started || stopping) return
      started = true
      worker.start()
      relay.start(config.RELAY_INTERVAL_MS)
      void sweep()
      sweepTimer = setInterval(() => void sweep(), config.SWEEP_INTERVAL_MS)
    },
    /** Stops taking work, lets active jobs finish up to the deadline, then closes connections. */
    stop(deadlineMs = config.SHUTDOWN_DEADLINE_MS) {
      stopping ??= (async () => {
        clearInterval(sweepTimer)
        await relay.stop()
        await sweeping?.catch(() => {})
        await worker.close(started ? deadlineMs : 0)
        await producers.close()
        mailer.close()
        if (!options.dbHandle) await dbHandle.close()
      })()
      return stopping
    },
  }
}

export type NotifierParts = ReturnType<typeof createNotifier>
