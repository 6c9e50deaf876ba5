import {
  type AgreementState,
  apply,
  pendingSigners,
  readiness,
  renderAgreement,
  type Signature,
  type Signer,
} from '@dj/agreement'
import type { Agreement, AgreementSignature } from '@dj/contracts'
import type { Language } from '@dj/vocabulary'
import type { AgreementRow, EditionRow } from './store.js'

/** `de,zh` → ['de', 'zh'] (the contract's pattern admits only de, zh and en), without repeats. */
export const languagesOf = (q: string): Language[] => [...new Set(q.split(',') as Language[])]

export const signatureView = (s: Signature): AgreementSignature => ({
  slot: s.slot,
  name: s.name,
  role: s.role,
  side: s.side,
  institutionId: s.institutionId,
  at: s.at,
  version: s.version,
  versionHash: s.versionHash,
})

/** Whether the caller has an open place on the signature block now (the state machine decides). */
export const canSign = (state: AgreementState, signer: Signer | null): boolean =>
  !!signer && apply(state, { type: 'sign', hash: state.hash, signer, at: new Date().toISOString() }).ok

/**
 * The agreement as its readers get it: fields, gaps, the clauses side by side, who signed and who
 * is next. Only the newest edition is edited or signed; an earlier one is a record.
 */
export function agreementView(
  row: AgreementRow,
  state: AgreementState,
  o: { languages: Language[]; canEdit: boolean; signer: Signer | null; editions: EditionRow[] },
): Agreement {
  const newest = o.editions.every((e) => e.edition <= row.edition)
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    edition: row.edition,
    editions: o.editions.map((e) => ({
      edition: e.edition,
      status: e.status,
      completedAt: e.completedAt?.toISOString() ?? null,
    })),
    version: state.version,
    hash: state.hash,
    status: state.status,
    config: { countersign: state.config.countersign, secondSigner: { ...state.config.secondSigner } },
    fields: state.fields as unknown as Record<string, unknown>,
    gaps: readiness(state.fields),
    sections: renderAgreement(state.fields, o.languages),
    signatures: state.signatures.map(signatureView),
    pending: pendingSigners(state).map(({ slot, side, kind }) => ({ slot, side, kind })),
    completedAt: row.completedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
    viewer: {
      canEdit: newest && o.canEdit && !row.completedAt,
      canSign: newest && canSign(state, o.signer),
    },
  }
}
