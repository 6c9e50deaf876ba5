import type { Db } from '@dj/db'
import type { DomainEvent, Producers, QueueName } from '@dj/queue'
import { sql } from 'drizzle-orm'

export interface RelayOptions {
  db: Db
  producers: Producers
  /** Only relay rows for these queues (a worker relays what it consumes); all when omitted. */
  queues?: readonly QueueName[]
  batchSize?: number
  /** A row dispatched but not done for this long is dispatched again (Redis may have lost it). */
  redispatchAfterMs?: number
  onError?: (error: unknown) => void
}

export interface Relay {
  /** Moves one batch; returns how many rows were dispatched. */
  runOnce(): Promise<number>
  start(intervalMs?: number): void
  stop(): Promise<void>
}

interface PendingRow extends Record<string, unknown> {
  id: string
  queue: QueueName
  payload: DomainEvent
}

/**
 * Moves pending outbox rows to their queues. Rows are claimed with FOR UPDATE SKIP LOCKED inside
 * a transaction, so several relays never dispatch the same row at once; a row is marked
 * dispatched only after its enqueue succeeded, in that same transaction, so a relay killed
 * mid-batch leaves the row pending (its lock dies with the connection). The job id is the outbox
 * id, so a row enqueued twice (crash between enqueue and commit, or redispatch) is one job.
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 100
  const redispatchAfter = `${Math.max(1, Math.round((options.redispatchAfterMs ?? 5 * 60_000) / 1000))} seconds`
  const queues = options.queues ? [...options.queues] : null
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false

  async function runOnce(): Promise<number> {
    return options.db.transaction(async (tx) => {
      const queueFilter = queues
        ? sql`and queue in (${sql.join(
            queues.map((q) => sql`${q}`),
            sql`, `,
          )})`
        : sql``
      const rows = (await tx.execute(sql`
        select id, queue, payload from outbox
        where done_at is null and available_at <= now()
          and (dispatched_at is null or dispatched_at < now() - ${redispatchAfter}::interval)
          ${queueFilter}
        order by available_at, created_at
        limit ${batchSize}
        for update skip locked`)) as unknown as PendingRow[]
      if (rows.length === 0) return 0
      // One bulk enqueue per queue: a round trip per batch instead of per row.
      const byQueue = new Map<QueueName, PendingRow[]>()
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row])
      const dispatched: string[] = []
      for (const [queue, group] of byQueue) {
        try {
          await options.producers.addBulk(
            queue,
            group.map((row) => ({
              name: 'outbox.event' as const,
              data: { outboxId: row.id, event: row.payload },
              opts: { jobId: row.id },
            })),
          )
          dispatched.push(...group.map((r) => r.id))
        } catch (error) {
          // Redis is down: stop the batch; undispatched rows stay pending for the next run.
          options.onError?.(error)
          break
        }
      }
      if (dispatched.length > 0) {
        await tx.execute(sql`
          update outbox set dispatched_at = now(), dispatch_count = dispatch_count + 1
          where id in (${sql.join(
            dispatched.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`)
      }
      return dispatched.length
    })
  }

  async function loop(intervalMs: number) {
    if (stopped) return
    try {
      // Drain quickly while there is a backlog, then poll.
      let n: number
      do {
        running = runOnce()
        n = (await running) as number
      } while (n === batchSize && !stopped)
    } catch (error) {
      options.onError?.(error)
    }
    if (!stopped) timer = setTimeout(() => void loop(intervalMs), intervalMs)
  }

  return {
    runOnce,
    start(intervalMs = 500) {
      stopped = false
      void loop(intervalMs)
    },
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running?.catch(() => {})
    },
  }
}
