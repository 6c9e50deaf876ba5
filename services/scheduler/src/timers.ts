import { type Db, type DbOrTx, timers } from '@dj/db'
import type { Producers } from '@dj/queue'
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm'

export type TimerRow = typeof timers.$inferSelect

export interface TimerSpec {
  id: string
  kind: string
  target: string
  fireAt: Date
  sequence?: number
  payload?: Record<string, unknown>
}

/** BullMQ refuses ':' in custom job ids, and the job id must equal the timer id. */
export const timerId = (...parts: (string | number)[]) => parts.join('_').replaceAll(':', '_')

/** Inserts timers that do not exist yet (ids are deterministic); returns only the new rows. */
export async function insertTimers(tx: DbOrTx, specs: readonly TimerSpec[]): Promise<TimerRow[]> {
  if (specs.length === 0) return []
  return tx
    .insert(timers)
    .values(
      specs.map((s) => ({
        id: s.id,
        kind: s.kind,
        target: s.target,
        fireAt: s.fireAt,
        sequence: s.sequence ?? 0,
        payload: s.payload ?? {},
      })),
    )
    .onConflictDoNothing({ target: timers.id })
    .returning()
}

/** Cancels a target's pending timers except `keep`; returns the ids cancelled. */
export async function cancelPendingTimers(
  tx: DbOrTx,
  target: string,
  keep: readonly string[] = [],
): Promise<string[]> {
  const rows = await tx
    .update(timers)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(
      and(
        eq(timers.target, target),
        eq(timers.status, 'pending'),
        keep.length > 0 ? notInArray(timers.id, [...keep]) : undefined,
      ),
    )
    .returning({ id: timers.id })
  return rows.map((r) => r.id)
}

/**
 * Redis side of the timers: one delayed `timer.fire` job per pending timer. Called after the DB
 * transaction committed; a failure here is repaired by the next re-sync, so it only logs.
 */
export class TimerClock {
  constructor(
    private readonly producers: Producers,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async arm(rows: readonly Pick<TimerRow, 'id' | 'fireAt'>[], now = Date.now()): Promise<number> {
    let armed = 0
    for (const row of rows) {
      try {
        await this.producers.add(
          'schedule',
          'timer.fire',
          { timerId: row.id },
          { jobId: row.id, delay: Math.max(0, row.fireAt.getTime() - now) },
        )
        armed += 1
      } catch (error) {
        this.onError(error)
      }
    }
    return armed
  }

  async disarm(ids: readonly string[]): Promise<void> {
    const queue = this.producers.queue('schedule')
    for (const id of ids) {
      try {
        // An active job cannot be removed; it will find its timer cancelled and do nothing.
        await queue.remove(id)
      } catch (error) {
        this.onError(error)
      }
    }
  }

  /**
   * Gives every pending timer a job again: after a Redis flush or a lost enqueue. A job that
   * finished (or failed for good) while its timer is still pending is replaced, so the timer gets
   * another chance; firing is idempotent, so an extra job can never fire a timer twice.
   */
  async resync(db: Db, now = Date.now()): Promise<{ pending: number; armed: number }> {
    const queue = this.producers.queue('schedule')
    const pending = await db
      .select({ id: timers.id, fireAt: timers.fireAt })
      .from(timers)
      .where(eq(timers.status, 'pending'))
      .orderBy(timers.fireAt)
    const missing: typeof pending = []
    for (const t of pending) {
      const state = await queue.getJobState(t.id)
      if (state === 'unknown') missing.push(t)
      else if (state === 'completed' || state === 'failed') {
        await queue.remove(t.id).catch(this.onError)
        missing.push(t)
      }
    }
    const armed = await this.arm(missing, now)
    return { pending: pending.length, armed }
  }
}

/** Ids of pending timers among `ids` (used by tests and the re-sync report). */
export async function pendingAmong(db: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return []
  const rows = await db
    .select({ id: timers.id })
    .from(timers)
    .where(and(inArray(timers.id, [...ids]), eq(timers.status, 'pending')))
  return rows.map((r) => r.id)
}

/** Locks one timer for firing; null when it is gone or no longer pending. */
export async function lockPendingTimer(tx: DbOrTx, id: string): Promise<TimerRow | null> {
  const [row] = await tx.select().from(timers).where(eq(timers.id, id)).for('update')
  if (row?.status !== 'pending') return null
  return row
}

export async function closeTimer(tx: DbOrTx, id: string, status: 'fired' | 'cancelled'): Promise<void> {
  await tx
    .update(timers)
    .set({ status, firedAt: status === 'fired' ? sql`now()` : null, updatedAt: new Date() })
    .where(eq(timers.id, id))
}
