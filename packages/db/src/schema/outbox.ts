import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts } from './columns.js'

/**
 * Transactional outbox: one row per (event, consuming queue), written in the same transaction
 * as the change that causes it. The relay sets dispatched_at after the enqueue succeeded; the
 * consumer sets done_at when it has finished. A row dispatched but not done after a timeout is
 * dispatched again (same job id), so a Redis that lost its data loses no event.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: pk(),
    eventType: text('event_type').notNull(),
    queue: text('queue').notNull(),
    payload: jsonb('payload').notNull(),
    availableAt: ts('available_at').notNull().defaultNow(),
    dispatchedAt: ts('dispatched_at'),
    dispatchCount: integer('dispatch_count').notNull().default(0),
    doneAt: ts('done_at'),
    /**
     * Its job failed for good (attempts used up; kept in the queue's failed set for an admin to
     * retry): the relay stops dispatching it again. Done when a retry succeeds.
     */
    failedAt: ts('failed_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [index('outbox_pending_ix').on(t.availableAt).where(sql`${t.doneAt} is null`)],
)
