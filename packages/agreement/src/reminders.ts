import type { Side } from '@dj/vocabulary'
import { type AgreementState, pendingSigners, type SlotId, type SlotKind, slotKind } from './signing.js'

const DAY_MS = 86_400_000

/**
 * Days after a place became due to sign (the version went out, or the institutions finished for
 * the offices) at which its signer is reminded. Two reminders, as issue 12 asks: the first after a
 * school week has had time to pass the text around (3 days), the last a week after it went out.
 * Exact 24 h days: the due instant is absolute, so the reminder time does not move with DST.
 */
export const SIGNATURE_REMINDER_DAYS = [3, 7] as const

/** Days after which, still unsigned after both reminders, the office of that side is told. */
export const SIGNATURE_OVERDUE_DAYS = 10

/** 1 and 2: the reminders to the signer; 3: the notice to the office of that side. */
export type ReminderStep = 1 | 2 | 3

export interface PlannedSignatureReminder {
  slot: SlotId
  side: Side
  kind: SlotKind
  /** Set when the place is reserved for one person: the reminder goes to that person only. */
  userId?: string
  step: ReminderStep
  /** The instant it is due (ISO, UTC). */
  fireAt: string
}

/**
 * When the open places of the current phase became due: the time the version went out for the
 * institutions' places, the last institution signature for the offices' countersignatures.
 */
export function phaseStart(s: AgreementState, readyAt: string): string {
  if (s.status !== 'signed_by_institutions') return readyAt
  const times = s.signatures
    .filter((sig) => slotKind(sig.slot) !== 'officer')
    .map((sig) => Date.parse(sig.at))
  return times.length > 0 ? new Date(Math.max(...times)).toISOString() : readyAt
}

/**
 * The reminders the current state calls for: two per place still to sign, then the office's
 * notice. Empty once nobody has to sign (draft, complete). Deterministic for one state and
 * readyAt, so the scheduler can re-plan on every event and keep the timers that already exist.
 */
export function planSignatureReminders(s: AgreementState, readyAt: string): PlannedSignatureReminder[] {
  const start = Date.parse(phaseStart(s, readyAt))
  const days = [...SIGNATURE_REMINDER_DAYS, SIGNATURE_OVERDUE_DAYS]
  return pendingSigners(s).flatMap((p) =>
    days.map((d, i) => ({
      slot: p.slot,
      side: p.side,
      kind: p.kind,
      ...(p.userId ? { userId: p.userId } : {}),
      step: (i + 1) as ReminderStep,
      fireAt: new Date(start + d * DAY_MS).toISOString(),
    })),
  )
}

/** Whether a reminder planned for `slot` of `version` is still owed in this state (checked again on firing). */
export function reminderStillDue(s: AgreementState, version: number, slot: string): boolean {
  return s.version === version && pendingSigners(s).some((p) => p.slot === slot)
}
