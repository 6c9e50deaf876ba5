import {
  type AgreementFields,
  type AgreementState,
  planSignatureReminders,
  type SigningConfig,
  type SlotId,
} from '@dj/agreement'
import { agreementSignatures, agreements, agreementVersions, type DbOrTx } from '@dj/db'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { cancelPendingTimers, insertTimers, type TimerRow, type TimerSpec, timerId } from './timers.js'

export const agreementTarget = (agreementId: string) => `agreement:${agreementId}`

/** Timer kinds: the two reminders to a signer, and the notice to the office of that side. */
export const AGREEMENT_REMINDER = 'agreement.reminder'
export const AGREEMENT_OVERDUE = 'agreement.overdue'

export interface LoadedAgreement {
  id: string
  partnershipId: string
  state: AgreementState
  /** When the current version went out for signature (null: a draft). */
  readyAt: Date | null
}

/**
 * The agreement as the signing machine sees it: the current version and its valid signatures.
 * `lock` takes the row so a firing and a signature on the same agreement queue up.
 */
export async function loadAgreementState(
  tx: DbOrTx,
  agreementId: string,
  o: { lock?: boolean } = {},
): Promise<LoadedAgreement | null> {
  const q = tx.select().from(agreements).where(eq(agreements.id, agreementId))
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) return null
  const sigs = await tx
    .select()
    .from(agreementSignatures)
    .where(
      and(
        eq(agreementSignatures.agreementId, row.id),
        eq(agreementSignatures.version, row.version),
        isNull(agreementSignatures.voidedAt),
      ),
    )
    .orderBy(asc(agreementSignatures.signedAt))
  const [v] = await tx
    .select({ readyAt: agreementVersions.readyAt })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, row.id), eq(agreementVersions.version, row.version)))
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    readyAt: v?.readyAt ?? null,
    state: {
      version: row.version,
      hash: row.hash,
      fields: row.fields as unknown as AgreementFields,
      status: row.status,
      config: row.config as SigningConfig,
      signatures: sigs.map((r) => ({
        slot: r.slot as SlotId,
        userId: r.userId ?? '',
        name: r.name,
        role: r.role as AgreementState['signatures'][number]['role'],
        side: r.side,
        institutionId: r.institutionId,
        at: r.signedAt.toISOString(),
        version: r.version,
        versionHash: r.versionHash,
      })),
    },
  }
}

/**
 * Makes the pending reminder timers of an agreement match its current state (as syncReminders
 * does for meetings): the plan of @dj/agreement for the open places of the current version, none
 * once it is signed or back in draft. Reads the rows rather than the event, so late or repeated
 * events converge on the latest state; timers that fired keep their ids, so nothing fires twice.
 */
export async function syncAgreementReminders(
  tx: DbOrTx,
  agreementId: string,
): Promise<{ added: TimerRow[]; cancelled: string[] }> {
  const a = await loadAgreementState(tx, agreementId)
  const desired: TimerSpec[] =
    a?.readyAt != null
      ? planSignatureReminders(a.state, a.readyAt.toISOString()).map((r) => ({
          id: timerId('agreement-reminder', agreementId, a.state.version, r.slot, r.step),
          kind: r.step === 3 ? AGREEMENT_OVERDUE : AGREEMENT_REMINDER,
          target: agreementTarget(agreementId),
          fireAt: new Date(r.fireAt),
          sequence: a.state.version,
          payload: { agreementId, slot: r.slot, step: r.step },
        }))
      : []
  const cancelled = await cancelPendingTimers(
    tx,
    agreementTarget(agreementId),
    desired.map((d) => d.id),
  )
  const added = await insertTimers(tx, desired)
  return { added, cancelled }
}
