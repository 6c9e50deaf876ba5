import { isMessageType } from '@dj/messages'
import { deferOutbox, markOutboxDone } from '@dj/outbox'
import { type Processor, type ProcessorEntry, type RedisConfig, startWorker } from '@dj/queue'
import { DelayedError, type Job, UnrecoverableError } from 'bullmq'
import { sql } from 'drizzle-orm'
import { createPlanBatcher, type PlanBatcher } from './batch.js'
import { type DeliverDeps, deliverOutboxEvent } from './deliver.js'
import { sendDigest } from './digest.js'
import { PermanentSendError } from './errors.js'

const lastAttempt = (job: Job) => job.attemptsMade + 1 >= (job.opts.attempts ?? 1)

export function processors(deps: DeliverDeps, batcher?: PlanBatcher): ProcessorEntry<'notify'>[] {
  const outboxEvent: Processor<'notify', 'outbox.event'> = async (job) => {
    const { outboxId, event } = job.data
    if (event.type === 'digest.due') {
      const [row] = (await deps.db.execute(
        sql`select done_at from outbox where id = ${outboxId}::uuid`,
      )) as unknown as { done_at: Date | null }[]
      if (!row || row.done_at) return 'skipped'
      const result = await digestOrUnrecoverable(deps, event.userId, event.day)
      await markOutboxDone(deps.db, outboxId)
      return result
    }
    // Message events are planned together with the other jobs running now (see batch.ts).
    const planned = batcher && isMessageType(event.type) ? await batcher.plan(outboxId, event) : undefined
    const outcome = await deliverOutboxEvent(
      deps,
      outboxId,
      event,
      { lastAttempt: lastAttempt(job) },
      planned,
    )
    if (outcome.kind === 'deferred') {
      // Quiet hours: the same job comes back when they end (no attempt is used up); the outbox
      // row says so, or the relay would take the delayed job for a lost one.
      await deferOutbox(deps.db, outboxId, outcome.until)
      await job.moveToDelayed(outcome.until.getTime(), job.token)
      throw new DelayedError()
    }
    if (outcome.kind === 'done' && outcome.failed.length > 0) {
      // Kept in the failed set for admins; the failed deliveries are in PostgreSQL too.
      throw new UnrecoverableError(outcome.failed.map((f) => f.message).join('; '))
    }
    return outcome.kind
  }
  const digest: Processor<'notify', 'digest.send'> = async (job) =>
    digestOrUnrecoverable(deps, job.data.userId, job.data.day)
  return [
    ['outbox.event', outboxEvent],
    ['digest.send', digest],
  ]
}

async function digestOrUnrecoverable(deps: DeliverDeps, userId: string, day: string) {
  try {
    return await sendDigest(deps, userId, day)
  } catch (error) {
    if (error instanceof PermanentSendError) throw new UnrecoverableError(error.message)
    throw error
  }
}

export interface NotifyWorkerOptions {
  concurrency: number
  lockMs: number
  onError?: (error: Error) => void
  onFailed?: (job: Job | undefined, error: Error) => void
}

/**
 * How the jobs running at once are planned together: batches of up to 128 outbox rows, as many
 * in flight as it takes to cover the concurrency (one statement each, on its own connection).
 * Measured with `pnpm bench:notify`: bigger batches cost less per notification (one statement,
 * one commit); a second batch in flight keeps the machine busy while the first commits.
 */
export function planBatching(concurrency: number) {
  const maxBatch = Math.min(concurrency, 128)
  return { maxBatch, maxInFlight: Math.min(4, Math.ceil(concurrency / maxBatch)) }
}

/** The notify worker: message jobs share a plan batcher; quiet hours defer a job with moveToDelayed. */
export function createNotifyWorker(redis: RedisConfig, deps: DeliverDeps, options: NotifyWorkerOptions) {
  const batcher = createPlanBatcher(deps, planBatching(options.concurrency))
  const running = startWorker(redis, 'notify', processors(deps, batcher), {
    concurrency: options.concurrency,
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.onFailed ? { onFailed: options.onFailed } : {}),
    worker: {
      autorun: false,
      // A killed worker's active job is noticed and retried after about one lock period.
      lockDuration: options.lockMs,
      stalledInterval: options.lockMs,
      maxStalledCount: 5,
    },
  })
  return {
    worker: running.worker,
    start() {
      void running.worker.run().catch((e) => options.onError?.(e as Error))
    },
    close: (deadlineMs: number) => running.close(deadlineMs),
  }
}
