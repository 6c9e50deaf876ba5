import type { Db, DbOrTx, Tx } from '@dj/db'
import { outbox } from '@dj/db'
import type { OutboxEnvelope } from '@dj/queue'
import { and, eq, isNull, sql } from 'drizzle-orm'

/**
 * Runs a consumer's handler for one outbox job at most once to completion: the row is locked
 * for the duration, skipped when already done, and marked done in the same transaction as the
 * handler's own writes. A handler with external side effects (email) must make them idempotent
 * itself (see the notifier's delivery records); this only guarantees the DB side.
 */
export async function consumeOutboxJob<T>(
  db: Db,
  envelope: OutboxEnvelope,
  handler: (tx: Tx) => Promise<T>,
): Promise<{ skipped: true } | { skipped: false; result: T }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute(
      sql`select done_at from outbox where id = ${envelope.outboxId}::uuid for update`,
    )
    if (!row || (row as { done_at: unknown }).done_at !== null) return { skipped: true as const }
    const result = await handler(tx)
    await markOutboxDone(tx, envelope.outboxId)
    return { skipped: false as const, result }
  })
}

export async function markOutboxDone(tx: DbOrTx, outboxId: string): Promise<void> {
  await tx
    .update(outbox)
    .set({ doneAt: new Date(), lastError: null })
    .where(and(eq(outbox.id, outboxId), isNull(outbox.doneAt)))
}

/**
 * A consumer that put its job off until `until` (the notifier in quiet hours) says so, so the
 * relay does not take the waiting job for a lost one and re-add it every redispatch period.
 */
export async function deferOutbox(db: DbOrTx, outboxId: string, until: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ availableAt: until })
    .where(and(eq(outbox.id, outboxId), isNull(outbox.doneAt)))
}

export async function recordOutboxError(db: DbOrTx, outboxId: string, message: string): Promise<void> {
  await db
    .update(outbox)
    .set({ lastError: message.slice(0, 2000) })
    .where(eq(outbox.id, outboxId))
}
