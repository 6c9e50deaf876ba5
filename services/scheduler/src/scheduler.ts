import { createDb, type DbHandle } from '@dj/db'
import { createRelay, type Relay } from '@dj/outbox'
import { createProducers, type Producers, type RunningWorker, startWorker } from '@dj/queue'
import type { SchedulerConfig } from './config.js'
import { schedulerProcessors } from './processors.js'
import { openEndedVisitReports } from './reports.js'
import { planTimers } from './sweeps.js'
import { TimerClock } from './timers.js'

export interface SchedulerOptions {
  config: SchedulerConfig
  dbHandle?: DbHandle
  producers?: Producers
  log?: { error(obj: unknown, msg?: string): void; info(obj: unknown, msg?: string): void }
  /** Relay poll interval (tests use a short one). */
  relayIntervalMs?: number
}

/** Periodic sweeps, as BullMQ job schedulers (BullMQ 6: no repeatable jobs). */
const JOB_SCHEDULERS = [
  { id: 'timers.plan', repeat: { pattern: '7 * * * *', tz: 'Europe/Berlin' }, sweep: 'timers.plan' },
  { id: 'accounts.purge', repeat: { pattern: '30 3 * * *', tz: 'Europe/Berlin' }, sweep: 'accounts.purge' },
  // Hourly: a visit ends at midnight in its own zone (Berlin or Shanghai), either is caught within the hour.
  { id: 'reports.open', repeat: { pattern: '17 * * * *', tz: 'Europe/Berlin' }, sweep: 'reports.open' },
] as const

/**
 * Worker on queue `schedule`, the outbox relay for it, and the timer re-sync loop. The re-sync runs
 * in-process (not only as a BullMQ job) so it also works right after Redis lost everything.
 */
export function createScheduler(options: SchedulerOptions) {
  const { config } = options
  const log = options.log ?? { error: () => {}, info: () => {} }
  const dbHandle = options.dbHandle ?? createDb(config.DATABASE_URL, { applicationName: 'dj-scheduler' })
  const producers = options.producers ?? createProducers(config)
  const clock = new TimerClock(producers, (err) => log.error({ err }, 'timer clock'))
  const ctx = { db: dbHandle.db, clock, config }
  let worker: RunningWorker | undefined
  let relay: Relay | undefined
  let resyncTimer: NodeJS.Timeout | undefined
  let syncing: Promise<unknown> | undefined
  let running = false

  async function upsertSchedulers() {
    const queue = producers.queue('schedule')
    for (const s of JOB_SCHEDULERS) {
      await queue.upsertJobScheduler(s.id, s.repeat, { name: 'sweep.run', data: { sweep: s.sweep } })
    }
  }

  /** Start-up and every RESYNC_INTERVAL_MS: job schedulers present, every pending timer armed. */
  async function resync() {
    await upsertSchedulers()
    return clock.resync(dbHandle.db)
  }

  function loop() {
    if (!running) return
    syncing = resync()
      .catch((err) => log.error({ err }, 'timer re-sync failed'))
      .finally(() => {
        if (running) resyncTimer = setTimeout(loop, config.RESYNC_INTERVAL_MS)
      })
  }

  return {
    dbHandle,
    producers,
    clock,
    ctx,
    resync,
    planTimers: () => planTimers(dbHandle.db, clock, config),
    /** The reports sweep now (tests, and after a visit was booked into the past). */
    openReports: (now?: Date) => openEndedVisitReports(dbHandle.db, clock, now),
    isRunning: () => running,
    async start() {
      running = true
      worker = startWorker(config, 'schedule', schedulerProcessors(ctx), {
        onError: (err) => log.error({ err }, 'worker error'),
        onFailed: (job, err) => log.error({ err, jobId: job?.id, name: job?.name }, 'job failed'),
      })
      relay = createRelay({
        db: dbHandle.db,
        producers,
        queues: ['schedule'],
        onError: (err) => log.error({ err }, 'relay error'),
      })
      relay.start(options.relayIntervalMs)
      await planTimers(dbHandle.db, clock, config).catch((err) => log.error({ err }, 'timer planning failed'))
      loop()
    },
    /** Stops taking work, waits for running jobs up to the deadline, then closes connections. */
    async stop(deadlineMs = config.SHUTDOWN_DEADLINE_MS) {
      running = false
      clearTimeout(resyncTimer)
      await relay?.stop()
      await syncing
      await worker?.close(deadlineMs)
      if (!options.producers) await producers.close()
      if (!options.dbHandle) await dbHandle.close()
    },
  }
}

export type Scheduler = ReturnType<typeof createScheduler>
