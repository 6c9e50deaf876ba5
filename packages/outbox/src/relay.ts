import type { Db, DbOrTx } from '@dj/db'
import { type DomainEvent, type Producers, QUEUE_NAMES, type QueueName } from '@dj/queue'
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
  /** Moves one batch per queue it relays; returns how many rows were dispatched. */
  runOnce(): Promise<number>
  start(intervalMs?: number): void
  stop(): Promise<void>
}

interface PendingRow extends Record<string, unknown> {
  id: string
  payload: DomainEvent
  /** Dispatched before and still not done: is its job lost, or only waiting, delayed, failed? */
  again: boolean
}

const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

/** Namespace of the relay's advisory locks (one lock per queue inside it): "dj" in ASCII. */
const RELAY_LOCK_CLASS = 0x646a

/**
 * Moves pending outbox rows to their queues. One relay at a time works on a queue: it holds a
 * transaction-scoped advisory lock on the queue while it reads a batch, enqueues it and marks it
 * dispatched, so several relays never dispatch the same row at once, and a row is marked
 * dispatched only after its enqueue succeeded (same transaction). A relay killed mid-batch leaves
 * its rows pending (the lock dies with the connection). The job id is the outbox id, so a row
 * enqueued twice (crash between enqueue and commit, or redispatch) is one job.
 *
 * Why an advisory lock and not FOR UPDATE on the rows: consumers mark rows done while the relay
 * is still enqueueing the rest of the batch; row locks held across the enqueue made every early
 * consumer wait for the relay's commit. One relay per queue moves several thousand rows a second,
 * more than the consumers of a queue take, so the serialisation costs nothing.
 */
export function createRelay(options: RelayOptions): Relay {
  const batchSize = options.batchSize ?? 500
  const redispatchAfter = `${Math.max(1, Math.round((options.redispatchAfterMs ?? 5 * 60_000) / 1000))} seconds`
  const queues: readonly QueueName[] = options.queues ?? QUEUE_NAMES
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false

  /** One batch of one queue; 0 when another relay holds the queue or nothing is pending. */
  async function relayQueue(queue: QueueName): Promise<number> {
    return options.db.transaction(async (tx) => {
      const [lock] = (await tx.execute(
        sql`select pg_try_advisory_xact_lock(${RELAY_LOCK_CLASS}, hashtext(${queue})) as held`,
      )) as unknown as { held: boolean }[]
      if (!lock?.held) return 0
      // A consumer that defers a job (quiet hours) moves available_at to when it comes back, so
      // the row is not even looked at before then.
      const rows = (await tx.execute(sql`
        select id, payload, dispatched_at is not null as again from outbox
        where done_at is null and failed_at is null and available_at <= now() and queue = ${queue}
          and (dispatched_at is null or dispatched_at < now() - ${redispatchAfter}::interval)
        order by available_at, created_at
        limit ${batchSize}`)) as unknown as PendingRow[]
      if (rows.length === 0) return 0
      let send: PendingRow[]
      try {
        send = await lostOrNew(tx, queue, rows)
        await options.producers.addBulk(
          queue,
          send.map((row) => ({
            name: 'outbox.event' as const,
            data: { outboxId: row.id, event: row.payload },
            opts: { jobId: row.id },
          })),
        )
      } catch (error) {
        // Redis is down: nothing is marked; the rows stay pending for the next run.
        options.onError?.(error)
        return 0
      }
      if (send.length > 0)
        await tx.execute(sql`
          update outbox set dispatched_at = now(), dispatch_count = dispatch_count + 1
          where id = any(${uuidArray(send.map((r) => r.id))})`)
      return send.length
    })
  }

  /**
   * Which rows to enqueue: new ones, and dispatched ones whose job Redis no longer holds (lost
   * with its data). A job still there is left alone: one that failed for good marks its row
   * failed (it waits for an admin's retry, not for the relay); one waiting, running or delayed
   * only has its check postponed by a redispatch period.
   */
  async function lostOrNew(tx: DbOrTx, queue: QueueName, rows: PendingRow[]): Promise<PendingRow[]> {
    const again = rows.filter((r) => r.again)
    if (again.length === 0) return rows
    const states = await options.producers.jobStates(
      queue,
      again.map((r) => r.id),
    )
    const failed = again.filter((r) => states.get(r.id) === 'failed').map((r) => r.id)
    const present = again.filter((r) => !['failed', 'unknown'].includes(states.get(r.id) ?? 'unknown'))
    if (failed.length > 0)
      await tx.execute(sql`
        update outbox set failed_at = now(),
          last_error = coalesce(last_error, 'the job failed for good; retry it from the queue board')
        where id = any(${uuidArray(failed)})`)
    if (present.length > 0)
      await tx.execute(
        sql`update outbox set dispatched_at = now() where id = any(${uuidArray(present.map((r) => r.id))})`,
      )
    return rows.filter((r) => !r.again || states.get(r.id) === 'unknown')
  }

  async function runOnce(): Promise<number> {
    let dispatched = 0
    for (const queue of queues) dispatched += await relayQueue(queue)
    return dispatched
  }

  async function loop(intervalMs: number) {
    if (stopped) return
    try {
      // Drain quickly while there is a backlog, then poll.
      let n: number
      do {
        running = runOnce()
        n = (await running) as number
      } while (n > 0 && !stopped)
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
