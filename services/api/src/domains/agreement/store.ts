import type { AgreementFields, AgreementState, Effect, Signature, SigningConfig, SlotId } from '@dj/agreement'
import { agreementSignatures, agreements, agreementVersions, type DbOrTx } from '@dj/db'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { AgreementErrors } from './errors.js'

export type AgreementRow = typeof agreements.$inferSelect

/** A stored signature as the domain's Signature. */
export const signatureOf = (r: typeof agreementSignatures.$inferSelect): Signature => ({
  slot: r.slot as SlotId,
  userId: r.userId ?? '',
  name: r.name,
  role: r.role as Signature['role'],
  side: r.side,
  institutionId: r.institutionId,
  at: r.signedAt.toISOString(),
  version: r.version,
  versionHash: r.versionHash,
})

/**
 * The partnership's agreement with its state for the signing machine, or null. `lock` takes the
 * row for the rest of the transaction, so two instances applying events to one agreement queue
 * up instead of both deciding on the same old state. `edition` reads an earlier one.
 */
export async function loadAgreement(
  db: DbOrTx,
  partnershipId: string,
  o: { lock?: boolean; edition?: number | undefined } = {},
): Promise<{ row: AgreementRow; state: AgreementState } | null> {
  // The current agreement is the newest edition ("plan the next one" starts another).
  const q = db
    .select()
    .from(agreements)
    .where(
      and(
        eq(agreements.partnershipId, partnershipId),
        o.edition === undefined ? undefined : eq(agreements.edition, o.edition),
      ),
    )
    .orderBy(desc(agreements.edition))
    .limit(1)
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) return null
  const sigs = await db
    .select()
    .from(agreementSignatures)
    .where(
      and(
        eq(agreementSignatures.agreementId, row.id),
        eq(agreementSignatures.version, row.version),
        isNull(agreementSignatures.voidedAt),
      ),
    )
    .orderBy(asc(agreementSignatures.signedAt), asc(agreementSignatures.id))
  const state: AgreementState = {
    version: row.version,
    hash: row.hash,
    fields: row.fields as unknown as AgreementFields,
    status: row.status,
    config: row.config as SigningConfig,
    signatures: sigs.map(signatureOf),
  }
  return { row, state }
}

/** Every edition of the partnership's agreement, oldest first. */
export async function listEditions(db: DbOrTx, partnershipId: string) {
  return db
    .select({ edition: agreements.edition, status: agreements.status, completedAt: agreements.completedAt })
    .from(agreements)
    .where(eq(agreements.partnershipId, partnershipId))
    .orderBy(asc(agreements.edition))
}
export type EditionRow = Awaited<ReturnType<typeof listEditions>>[number]

/** A new agreement (edition 1, or the next one when renewed) and its first version. */
export async function insertAgreement(
  tx: DbOrTx,
  partnershipId: string,
  state: AgreementState,
  by: string,
  edition = 1,
): Promise<AgreementRow> {
  const [row] = await tx
    .insert(agreements)
    .values({
      partnershipId,
      edition,
      version: state.version,
      hash: state.hash,
      fields: state.fields as unknown as Record<string, unknown>,
      status: state.status,
      config: state.config,
      createdBy: by,
    })
    .onConflictDoNothing({ target: [agreements.partnershipId, agreements.edition] })
    .returning()
  // Two coordinators creating at once: the unique index lets one through.
  if (!row) throw new AgreementErrors.Exists()
  await tx.insert(agreementVersions).values({
    agreementId: row.id,
    version: state.version,
    fields: row.fields,
    hash: state.hash,
    createdBy: by,
  })
  return row
}

/**
 * Writes what a transition did: the new current state, a version row per edit, the time a version
 * went out for signature, each new signature, the void time of the signatures an edit voided.
 */
export async function saveTransition(
  tx: DbOrTx,
  row: AgreementRow,
  next: AgreementState,
  effects: Effect[],
  by: string,
  at: Date,
): Promise<AgreementRow> {
  for (const e of effects) {
    if (e.type === 'edited')
      await tx.insert(agreementVersions).values({
        agreementId: row.id,
        version: e.version,
        fields: next.fields as unknown as Record<string, unknown>,
        hash: e.hash,
        createdBy: by,
      })
    if (e.type === 'voided')
      await tx
        .update(agreementSignatures)
        .set({ voidedAt: at })
        .where(
          and(
            eq(agreementSignatures.agreementId, row.id),
            eq(agreementSignatures.version, e.version),
            isNull(agreementSignatures.voidedAt),
          ),
        )
    if (e.type === 'ready')
      await tx
        .update(agreementVersions)
        .set({ readyAt: at })
        .where(and(eq(agreementVersions.agreementId, row.id), eq(agreementVersions.version, e.version)))
    if (e.type === 'signed') {
      const s = e.signature
      await tx.insert(agreementSignatures).values({
        agreementId: row.id,
        version: s.version,
        versionHash: s.versionHash,
        slot: s.slot,
        userId: s.userId,
        name: s.name,
        role: s.role,
        side: s.side,
        institutionId: s.institutionId,
        officer: s.institutionId === null,
        signedAt: new Date(s.at),
      })
    }
  }
  const completed = effects.some((e) => e.type === 'completed')
  const [saved] = await tx
    .update(agreements)
    .set({
      version: next.version,
      hash: next.hash,
      fields: next.fields as unknown as Record<string, unknown>,
      status: next.status,
      updatedAt: sql`now()`,
      ...(completed ? { completedAt: at } : {}),
    })
    .where(eq(agreements.id, row.id))
    .returning()
  return saved!
}
