import type { AgreementState, Effect } from '@dj/agreement'
import type { InstitutionRef } from '@dj/contracts'
import { type DbOrTx, institutions } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { SIDES, type Side } from '@dj/vocabulary'
import { inArray } from 'drizzle-orm'
import type { Partnership } from '../workspace/access.js'

const otherSide = (side: Side): Side => (side === 'duren' ? 'jinhua' : 'duren')

/** Who acted: the institution of a coordinator, or null for a county office. */
export interface Acting {
  userId: string
  institutionId: string | null
  side: Side
}

/**
 * The outbox rows of one transition, in its transaction: ids, version and hash only (the fields
 * are read in the workspace, behind its access check). Recipients:
 * ready → both institutions (everyone who must sign now); signed → the other parties (and both
 * offices once the institutions are done and they countersign); voided → everyone who had signed
 * and the other institution; completed → both institutions and both offices.
 */
export async function writeAgreementEvents(
  tx: DbOrTx,
  p: Partnership,
  agreementId: string,
  next: AgreementState,
  effects: Effect[],
  acting: Acting,
): Promise<void> {
  const rows = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(inArray(institutions.id, [p.institutionA, p.institutionB]))
  const ref = (id: string | null): InstitutionRef | null => rows.find((r) => r.id === id) ?? null
  const both = [p.institutionA, p.institutionB]
  const otherInstitution = acting.institutionId === p.institutionA ? p.institutionB : p.institutionA
  const ids = { agreementId, partnershipId: p.id }
  const institutionsSigned = effects.some((e) => e.type === 'institutions_signed')
  for (const e of effects) {
    switch (e.type) {
      case 'ready':
        await writeOutbox(tx, {
          type: 'agreement.ready',
          audience: { institutionIds: both },
          ...ids,
          version: e.version,
          hash: e.hash,
          by: ref(acting.institutionId),
        })
        break
      case 'signed': {
        const s = e.signature
        const officer = s.institutionId === null
        const offices: Side[] = officer
          ? [otherSide(s.side)]
          : institutionsSigned && next.config.countersign
            ? [...SIDES]
            : []
        await writeOutbox(tx, {
          type: 'agreement.signed',
          audience: {
            institutionIds: officer ? both : [otherInstitution],
            ...(offices.length > 0 ? { officerSides: offices } : {}),
          },
          ...ids,
          version: s.version,
          hash: s.versionHash,
          slot: s.slot,
          side: s.side,
          by: ref(s.institutionId),
          institutionsSigned,
        })
        break
      }
      case 'voided': {
        const signers = [...new Set(e.signatures.map((s) => s.userId))].filter((u) => u !== acting.userId)
        await writeOutbox(tx, {
          type: 'agreement.voided',
          audience: { institutionIds: [otherInstitution], ...(signers.length ? { userIds: signers } : {}) },
          ...ids,
          voidedVersion: e.version,
          version: next.version,
          hash: next.hash,
          by: ref(acting.institutionId)!,
          changes: e.changes.length,
        })
        break
      }
      case 'completed':
        await writeOutbox(tx, {
          type: 'agreement.completed',
          audience: { institutionIds: both, officerSides: [...SIDES] },
          ...ids,
          version: e.version,
          hash: e.hash,
        })
        break
      default:
        // edited / institutions_signed: shown in the workspace; told through the events above.
        break
    }
  }
}
