import { type JobState, type JobsOptions, Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { createProducerConnection, type RedisConfig } from './connection.js'
import { type JobData, type JobName, QUEUE_NAMES, type QueueName } from './contracts.js'
import { QueueUnavailableError } from './errors.js'
import { DEFAULT_JOB_OPTIONS } from './retention.js'

export interface Producers {
  add<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    name: N,
    data: JobData<Q, N>,
    opts?: JobsOptions,
  ): Promise<string>
  /** Adds many jobs in one round trip; jobs whose id already exists are left as they are. */
  addBulk<Q extends QueueName, N extends JobName<Q>>(
    queue: Q,
    jobs: { name: N; data: JobData<Q, N>; opts?: JobsOptions }[],
  ): Promise<string[]>
  /**
   * The state of each job by id ('unknown' when Redis holds no such job): lets the outbox relay
   * tell a lost job from one that is only delayed or has failed for good.
   */
  jobStates(queue: QueueName, ids: string[]): Promise<Map<string, JobState | 'unknown'>>
  queue(name: QueueName): Queue
  connection: Redis
  ping(): Promise<void>
  close(): Promise<void>
}

/** Typed producers for every queue. Nothing connects until this factory is called. */
export function createProducers(config: RedisConfig): Producers {
  const connection = createProducerConnection(config.REDIS_URL)
  // ioredis emits 'error' on every failed reconnect; without a listener Node would crash.
  connection.on('error', () => {})
  const queues = new Map<QueueName, Queue>()
  const queueFor = (name: QueueName) => {
    let q = queues.get(name)
    if (!q) {
      q = new Queue(name, { connection, prefix: config.QUEUE_PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS })
      q.on('error', () => {})
      queues.set(name, q)
    }
    return q
  }
  return {
    async add(queue, name, data, opts) {
      if (!QUEUE_NAMES.includes(queue)) throw new Error(`unknown queue ${queue}`)
      if (connection.status !== 'ready') throw new QueueUnavailableError(`redis ${connection.status}`)
      try {
        const job = await queueFor(queue).add(name, data, opts)
        return job.id ?? ''
      } catch (error) {
        throw new QueueUnavailableError(error)
      }
    },
    async addBulk(queue, jobs) {
      if (!QUEUE_NAMES.includes(queue)) throw new Error(`unknown queue ${queue}`)
      if (connection.status !== 'ready') throw new QueueUnavailableError(`redis ${connection.status}`)
      if (jobs.length === 0) return []
      try {
        const added = await queueFor(queue).addBulk(jobs)
        return added.map((j) => j.id ?? '')
      } catch (error) {
        throw new QueueUnavailableError(error)
      }
    },
    async jobStates(queue, ids) {
      if (connection.status !== 'ready') throw new QueueUnavailableError(`redis ${connection.status}`)
      try {
        const q = queueFor(queue)
        const states = await Promise.all(ids.map((id) => q.getJobState(id)))
        return new Map(ids.map((id, i) => [id, states[i]!]))
      } catch (error) {
        throw new QueueUnavailableError(error)
      }
    },
    queue: queueFor,
    connection,
    async ping() {
      if (connection.status !== 'ready') throw new QueueUnavailableError(`redis ${connection.status}`)
      await connection.ping()
    },
    async close() {
      await Promise.allSettled([...queues.values()].map((q) => q.close()))
      connection.disconnect()
    },
  }
}
