import { type AgreementState, reminderStillDue } from '@dj/agreement'
import { type DbOrTx, timers } from '@dj/db'
import { and, eq, inArray } from 'drizzle-orm'

/**
 * Cancels, in the transaction of a signature, edit or completion, the scheduler's signature
 * reminders that the new state no longer owes (this signer's place, or an older version), so none
 * goes out once the person signed. Their Redis jobs then find the timer cancelled and do nothing;
 * the scheduler plans the reminders of a new version from the outbox event.
 */
export async function cancelOwedReminders(
  tx: DbOrTx,
  agreementId: string,
  next: AgreementState,
): Promise<void> {
  const pending = await tx
    .select({ id: timers.id, sequence: timers.sequence, payload: timers.payload })
    .from(timers)
    .where(and(eq(timers.target, `agreement:${agreementId}`), eq(timers.status, 'pending')))
  const stale = pending
    .filter((t) => !reminderStillDue(next, t.sequence, String(t.payload.slot)))
    .map((t) => t.id)
  if (stale.length === 0) return
  await tx
    .update(timers)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(inArray(timers.id, stale), eq(timers.status, 'pending')))
}
