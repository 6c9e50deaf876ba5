import { type DbOrTx, outbox } from '@dj/db'
import { type DomainEvent, EVENT_SUBSCRIBERS } from '@dj/queue'

export interface WriteOptions {
  /** Deliver no earlier than this (e.g. a reminder); defaults to now. */
  availableAt?: Date
}

/**
 * Records an event in the same transaction as the change that causes it: if the change rolls
 * back, so does the event; if it commits, the relay will deliver it. Pass the transaction.
 * Returns the outbox ids, one per subscribing queue.
 */
export async function writeOutbox(
  tx: DbOrTx,
  event: DomainEvent,
  options: WriteOptions = {},
): Promise<string[]> {
  const subscribers = EVENT_SUBSCRIBERS[event.type]
  if (subscribers.length === 0) return []
  const rows = await tx
    .insert(outbox)
    .values(
      subscribers.map((queue) => ({
        eventType: event.type,
        queue,
        payload: event,
        availableAt: options.availableAt ?? new Date(),
      })),
    )
    .returning({ id: outbox.id })
  return rows.map((r) => r.id)
}
