import { type Job, Worker, type WorkerOptions } from 'bullmq'
import { createWorkerConnection, type RedisConfig } from './connection.js'
import { JOB_NAMES, type JobData, type JobName, type QueueName } from './contracts.js'
import { ProcessorRegistryError } from './errors.js'

export type Processor<Q extends QueueName, N extends JobName<Q>> = (
  job: Job<JobData<Q, N>, unknown, N>,
) => Promise<unknown>

export type ProcessorEntry<Q extends QueueName> = {
  [N in JobName<Q>]: readonly [N, Processor<Q, N>]
}[JobName<Q>]

/**
 * Refuses to start a worker unless every job name of its queue has exactly one processor:
 * a job nobody handles would fail silently in production, two handlers would race.
 */
export function checkProcessors<Q extends QueueName>(
  queue: Q,
  entries: readonly ProcessorEntry<Q>[],
): Map<string, (job: Job) => Promise<unknown>> {
  const map = new Map<string, (job: Job) => Promise<unknown>>()
  for (const [name, fn] of entries) {
    if (map.has(name)) throw new ProcessorRegistryError(`queue ${queue}: two processors for job ${name}`)
    map.set(name, fn as (job: Job) => Promise<unknown>)
  }
  const expected = JOB_NAMES[queue] as readonly string[]
  const missing = expected.filter((n) => !map.has(n))
  const unknown = [...map.keys()].filter((n) => !expected.includes(n))
  if (missing.length > 0)
    throw new ProcessorRegistryError(`queue ${queue}: no processor for ${missing.join(', ')}`)
  if (unknown.length > 0)
    throw new ProcessorRegistryError(`queue ${queue}: unknown job ${unknown.join(', ')}`)
  return map
}

export interface StartWorkerOptions {
  concurrency?: number
  onError?: (error: Error) => void
  onFailed?: (job: Job | undefined, error: Error) => void
  worker?: Partial<WorkerOptions>
}

export interface RunningWorker {
  worker: Worker
  /** Waits for active jobs up to the deadline, then force-closes so shutdown never hangs. */
  close(deadlineMs?: number): Promise<void>
}

export function startWorker<Q extends QueueName>(
  config: RedisConfig,
  queue: Q,
  entries: readonly ProcessorEntry<Q>[],
  options: StartWorkerOptions = {},
): RunningWorker {
  const processors = checkProcessors(queue, entries)
  const connection = createWorkerConnection(config.REDIS_URL)
  connection.on('error', (e) => options.onError?.(e))
  const worker = new Worker(
    queue,
    async (job) => {
      const fn = processors.get(job.name)
      if (!fn) throw new ProcessorRegistryError(`no processor for ${job.name}`)
      return fn(job)
    },
    {
      connection,
      prefix: config.QUEUE_PREFIX,
      concurrency: options.concurrency ?? 4,
      ...options.worker,
    },
  )
  worker.on('error', (e) => options.onError?.(e))
  worker.on('failed', (job, e) => options.onFailed?.(job, e))
  return {
    worker,
    async close(deadlineMs = 10_000) {
      await closeWorkerWithin(worker, deadlineMs)
      connection.disconnect()
    },
  }
}

/**
 * Lets active jobs finish for up to the deadline, then closes for good. BullMQ keeps one closing
 * promise, so a forced close after a graceful one has started would wait for the same jobs; pausing
 * first (no new jobs, wait for active ones) keeps the forced close available. A job cut off here
 * keeps its lock until it lapses and is then picked up again as stalled, so it is never lost.
 */
export async function closeWorkerWithin(worker: Worker, deadlineMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs)
  })
  const drained = worker.pause().then(() => 'drained' as const)
  const outcome = await Promise.race([drained, deadline])
  clearTimeout(timer)
  await worker.close(outcome === 'timeout')
}
