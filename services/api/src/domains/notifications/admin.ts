import { JOB_STATES } from '@dj/contracts'
import type { DbOrTx } from '@dj/db'
import { type DomainEvent, type Producers, QUEUE_NAMES } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { Errors } from '../errors.js'

export interface FailedDelivery {
  id: string
  idempotencyKey: string
  outboxId: string | null
  eventType: string
  userId: string | null
  email: string
  channel: string
  attempts: number
  lastError: string | null
  updatedAt: string
}

interface FailedRow extends Record<string, unknown> {
  id: string
  idempotency_key: string
  outbox_id: string | null
  event_type: string
  user_id: string | null
  email: string
  channel: string
  attempts: number
  last_error: string | null
  updated_at: string
}

export async function listFailed(
  db: DbOrTx,
  opts: { limit: number; before?: string | undefined },
): Promise<{ items: FailedDelivery[]; nextCursor: string | null }> {
  const rows = (await db.execute(sql`
    select id, idempotency_key, outbox_id, event_type, user_id, email, channel, attempts, last_error, updated_at
    from deliveries where status = 'failed'
      ${opts.before ? sql`and id < ${opts.before}::uuid` : sql``}
    order by id desc limit ${opts.limit + 1}`)) as unknown as FailedRow[]
  const page = rows.slice(0, opts.limit)
  return {
    items: page.map((r) => ({
      id: r.id,
      idempotencyKey: r.idempotency_key,
      outboxId: r.outbox_id,
      eventType: r.event_type,
      userId: r.user_id,
      email: r.email,
      channel: r.channel,
      attempts: r.attempts,
      lastError: r.last_error,
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
    nextCursor: rows.length > opts.limit ? (page.at(-1)?.id ?? null) : null,
  }
}

interface RetryRow extends Record<string, unknown> {
  id: string
  outbox_id: string | null
  user_id: string | null
  payload: DomainEvent | { day: string }
  attempts: number
}

/**
 * Puts a failed delivery back to pending and re-opens its outbox row (done_at and dispatched_at
 * cleared), in the caller's transaction. The returned job is what `enqueueRetry` adds after commit;
 * if that enqueue is lost, the notifier's relay dispatches the re-opened row anyway.
 */
export async function reopenFailed(tx: DbOrTx, deliveryId: string) {
  const [row] = (await tx.execute(sql`
    update deliveries set status = 'pending', lease_until = null, not_before = null, updated_at = now()
    where id = ${deliveryId}::uuid and status = 'failed'
    returning id, outbox_id, user_id, payload, attempts`)) as unknown as RetryRow[]
  if (!row) {
    const [exists] = await tx.execute(sql`select 1 from deliveries where id = ${deliveryId}::uuid`)
    if (!exists) throw new Errors.NotFound('delivery')
    throw new Errors.Conflict('only failed deliveries can be retried')
  }
  if (row.outbox_id) {
    await tx.execute(sql`update outbox set done_at = null, dispatched_at = null, last_error = null
      where id = ${row.outbox_id}::uuid`)
  }
  return row
}

export async function enqueueRetry(producers: Producers, row: RetryRow): Promise<boolean> {
  try {
    if (row.outbox_id) {
      // The failed job keeps the outbox id as its job id; clear it so the same id can run again.
      await producers
        .queue('notify')
        .remove(row.outbox_id)
        .catch(() => 0)
      await producers.add(
        'notify',
        'outbox.event',
        { outboxId: row.outbox_id, event: row.payload as DomainEvent },
        { jobId: row.outbox_id },
      )
    } else if (row.user_id && 'day' in row.payload) {
      await producers.add(
        'notify',
        'digest.send',
        { userId: row.user_id, day: row.payload.day },
        { jobId: `digest-${row.user_id}-${row.payload.day}-retry-${row.attempts}` },
      )
    }
    return true
  } catch {
    return false
  }
}

export async function queueCounts(producers: Producers) {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const counts = await producers.queue(name).getJobCounts(...JOB_STATES)
      return { name, counts: Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) }
    }),
  )
}
