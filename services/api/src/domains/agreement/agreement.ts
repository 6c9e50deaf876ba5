import {
  type AgreementEvent,
  type AgreementState,
  apply,
  createAgreement as createState,
  diffFields,
  draftAgreement,
  type PersonRole,
  type Signer,
  type SigningConfig,
} from '@dj/agreement'
import type { Agreement, AgreementVersion, EditedAgreement } from '@dj/contracts'
import { agreementSignatures, agreementVersions, type DbOrTx } from '@dj/db'
import { agreementPdf } from '@dj/pdf'
import type { Language } from '@dj/vocabulary'
import { and, asc, desc, eq, isNull } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { requireWriter, type WorkspaceAccess, workspaceAccess } from '../workspace/access.js'
import { AgreementErrors, signingError } from './errors.js'
import { writeAgreementEvents } from './events.js'
import { cancelOwedReminders } from './reminders.js'
import {
  type AgreementRow,
  insertAgreement,
  listEditions,
  loadAgreement,
  saveTransition,
  signatureOf,
} from './store.js'
import { partnershipSummary } from './summary.js'
import { agreementView, signatureView } from './view.js'

/** Who the caller is to this agreement: a writer for an institution, a countersigning officer, or a reader. */
interface Party {
  access: WorkspaceAccess
  writer: { institutionId: string; side: 'duren' | 'jinhua' } | null
  signer: Signer | null
}

/**
 * The workspace's rule (404 for everyone outside the pair and both offices), then the caller's
 * place: members of either institution edit and sign for it, officers countersign for their
 * side, admins only read.
 */
async function partyOf(db: DbOrTx, actor: Actor, partnershipId: string, role?: PersonRole): Promise<Party> {
  const access = await workspaceAccess(db, actor, partnershipId)
  if (access.level === 'act' && access.ownInstitutionId) {
    const writer = await requireWriter(db, access)
    return {
      access,
      writer,
      signer: {
        userId: actor.userId,
        name: actor.displayName,
        role: role ?? 'coordinator',
        side: writer.side,
        capacity: 'institution',
        institutionId: writer.institutionId,
      },
    }
  }
  if (actor.role === 'officer' && actor.side)
    return {
      access,
      writer: null,
      signer: {
        userId: actor.userId,
        name: actor.displayName,
        role: 'officer',
        side: actor.side,
        capacity: 'officer',
      },
    }
  return { access, writer: null, signer: null }
}

/** The newest edition (the one edited and signed), or the earlier one `edition` names. */
async function loaded(db: DbOrTx, partnershipId: string, lock = false, edition?: number) {
  const found = await loadAgreement(db, partnershipId, { lock, edition })
  if (!found) throw new Errors.NotFound('agreement')
  return found
}

const view = async (
  db: DbOrTx,
  row: AgreementRow,
  state: AgreementState,
  party: Party,
  languages: Language[],
): Promise<Agreement> =>
  agreementView(row, state, {
    languages,
    canEdit: party.writer !== null,
    signer: party.signer,
    editions: await listEditions(db, row.partnershipId),
  })

export async function viewAgreement(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
  languages: Language[],
  edition?: number,
): Promise<Agreement> {
  const party = await partyOf(db, actor, partnershipId)
  const { row, state } = await loaded(db, partnershipId, false, edition)
  return view(db, row, state, party, languages)
}

const DEFAULT_CONFIG: SigningConfig = { countersign: true, secondSigner: { duren: false, jinhua: false } }

/** The first draft from the partnership: its institutions, a coordinator each, their interests. */
export async function createAgreement(
  tx: DbOrTx,
  actor: Actor,
  partnershipId: string,
  config: Partial<SigningConfig> | undefined,
  languages: Language[],
): Promise<Agreement> {
  const party = await partyOf(tx, actor, partnershipId)
  if (!party.writer) await requireWriter(tx, party.access)
  if (await loadAgreement(tx, partnershipId)) throw new AgreementErrors.Exists()
  const fields = draftAgreement(await partnershipSummary(tx, party.access.partnership))
  const created = createState(fields, {
    countersign: config?.countersign ?? DEFAULT_CONFIG.countersign,
    secondSigner: { ...DEFAULT_CONFIG.secondSigner, ...config?.secondSigner },
  })
  if (!created.ok) throw signingError(created.error)
  const row = await insertAgreement(tx, partnershipId, created.state, actor.userId)
  return view(tx, row, created.state, party, languages)
}

/**
 * One event of the signing machine on the locked current state: refused as problem+json, or
 * stored with its effects and their outbox rows in the caller's transaction.
 */
async function transition(
  tx: DbOrTx,
  actor: Actor,
  party: Party,
  event: (state: AgreementState, at: string) => AgreementEvent,
) {
  const { row, state } = await loaded(tx, party.access.partnership.id, true)
  const now = new Date()
  const result = apply(state, event(state, now.toISOString()))
  if (!result.ok) throw signingError(result.error)
  const saved = await saveTransition(tx, row, result.state, result.effects, actor.userId, now)
  await cancelOwedReminders(tx, row.id, result.state)
  await writeAgreementEvents(tx, party.access.partnership, row.id, result.state, result.effects, {
    userId: actor.userId,
    institutionId: party.writer?.institutionId ?? null,
    side: party.writer?.side ?? party.signer?.side ?? 'duren',
  })
  return { saved, next: result.state, effects: result.effects }
}

async function writerOf(tx: DbOrTx, actor: Actor, partnershipId: string): Promise<Party> {
  const party = await partyOf(tx, actor, partnershipId)
  if (!party.writer) await requireWriter(tx, party.access)
  return party
}

/** A new version: every signature is voided and the diff returned, so everyone is asked again. */
export async function editAgreement(
  tx: DbOrTx,
  actor: Actor,
  partnershipId: string,
  body: { baseHash: string; fields: unknown },
  languages: Language[],
): Promise<EditedAgreement> {
  const party = await writerOf(tx, actor, partnershipId)
  const { saved, next, effects } = await transition(tx, actor, party, (_s, at) => ({
    type: 'edit',
    fields: body.fields as AgreementState['fields'],
    baseHash: body.baseHash,
    by: actor.userId,
    at,
  }))
  const edited = effects.find((e) => e.type === 'edited')
  const voided = effects.find((e) => e.type === 'voided')
  return {
    agreement: await view(tx, saved, next, party, languages),
    changes: edited?.type === 'edited' ? edited.changes : [],
    voided: voided?.type === 'voided' ? voided.signatures.map(signatureView) : [],
  }
}

export async function submitAgreement(
  tx: DbOrTx,
  actor: Actor,
  partnershipId: string,
  hash: string,
  languages: Language[],
): Promise<Agreement> {
  const party = await writerOf(tx, actor, partnershipId)
  const { saved, next } = await transition(tx, actor, party, (_s, at) => ({
    type: 'submit',
    hash,
    by: actor.userId,
    at,
  }))
  return view(tx, saved, next, party, languages)
}

/** Signs the version with this hash, in the signed-in session (no link that could expire). */
export async function signAgreement(
  tx: DbOrTx,
  actor: Actor,
  partnershipId: string,
  body: { hash: string; role?: PersonRole | undefined },
  languages: Language[],
): Promise<Agreement> {
  const party = await partyOf(tx, actor, partnershipId, body.role)
  if (!party.signer) throw new Errors.Forbidden()
  const signer = party.signer
  const { saved, next } = await transition(tx, actor, party, (_s, at) => ({
    type: 'sign',
    hash: body.hash,
    signer,
    at,
  }))
  return view(tx, saved, next, party, languages)
}

/** Every version, newest first, with its changes against the one before and its signatures. */
export async function listVersions(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
  edition?: number,
): Promise<{ items: AgreementVersion[] }> {
  await workspaceAccess(db, actor, partnershipId)
  const { row } = await loaded(db, partnershipId, false, edition)
  const [versions, sigs] = await Promise.all([
    db
      .select()
      .from(agreementVersions)
      .where(eq(agreementVersions.agreementId, row.id))
      .orderBy(asc(agreementVersions.version)),
    db
      .select()
      .from(agreementSignatures)
      .where(eq(agreementSignatures.agreementId, row.id))
      .orderBy(asc(agreementSignatures.signedAt), asc(agreementSignatures.id)),
  ])
  const items = versions.map((v, i) => ({
    version: v.version,
    hash: v.hash,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    readyAt: v.readyAt?.toISOString() ?? null,
    changes: i === 0 ? [] : diffFields(versions[i - 1]!.fields, v.fields),
    signatures: sigs
      .filter((s) => s.version === v.version)
      .map((s) => ({ ...signatureView(signatureOf(s)), voidedAt: s.voidedAt?.toISOString() ?? null })),
  }))
  return { items: items.reverse() }
}

/**
 * The PDF of one version: its fields and the signatures still valid on it (an older version's
 * were voided by the edit that followed, so it prints unsigned), dated by the version itself so
 * the same version prints the same document.
 */
export async function versionPdf(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
  version: number,
  languages: Language[],
  edition?: number,
): Promise<{ fileName: string; bytes: Buffer }> {
  await workspaceAccess(db, actor, partnershipId)
  const { row, state } = await loaded(db, partnershipId, false, edition)
  const [v] = await db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, row.id), eq(agreementVersions.version, version)))
  if (!v) throw new Errors.NotFound('agreement version')
  const current = version === row.version
  const sigs = current
    ? state.signatures
    : (
        await db
          .select()
          .from(agreementSignatures)
          .where(
            and(
              eq(agreementSignatures.agreementId, row.id),
              eq(agreementSignatures.version, version),
              isNull(agreementSignatures.voidedAt),
            ),
          )
          .orderBy(desc(agreementSignatures.signedAt))
      ).map(signatureOf)
  const printed: AgreementState = {
    ...state,
    version: v.version,
    hash: v.hash,
    fields: v.fields as unknown as AgreementState['fields'],
    status: current ? state.status : v.readyAt ? 'ready_for_signature' : 'draft',
    signatures: sigs,
  }
  const at = current ? row.updatedAt : v.createdAt
  const bytes = await agreementPdf(printed, { languages, createdAt: at.toISOString() })
  // Edition 1 keeps the file name it always had; later editions say which one they are.
  const ed = row.edition > 1 ? `-e${row.edition}` : ''
  return { fileName: `agreement-${partnershipId.slice(0, 8)}${ed}-v${version}.pdf`, bytes }
}
