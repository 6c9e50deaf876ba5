import { SIDES, type Side } from '@dj/vocabulary'
import { Value } from 'typebox/value'
import { diffFields, type FieldChange } from './diff.js'
import { AgreementFields, type PersonRole } from './fields.js'
import { versionHash } from './hash.js'
import { type Gap, readiness } from './readiness.js'

/**
 * The signing of an agreement as pure transitions: a state and an event in, the next state and
 * what happened out (or a typed error). The API stores the state and turns the effects into
 * outbox events; nothing here reads a clock: every event carries its own time.
 *
 *   draft ─submit→ ready_for_signature ─(all institution signers)→ signed_by_institutions
 *         ─(both officers, if countersigning is on)→ countersigned
 *
 * Any edit after a signature voids all signatures and returns the diff, so everyone is asked again.
 */
export const STATUSES = ['draft', 'ready_for_signature', 'signed_by_institutions', 'countersigned'] as const
export type Status = (typeof STATUSES)[number]

/** A place on the signature block: first and (optional) second signer per institution, then each side's officer. */
export type SlotKind = 'first' | 'second' | 'officer'
export type SlotId = `${Side}.${SlotKind}`

export interface SigningConfig {
  /** Both sides' officers countersign after the institutions (off: the institutions' signatures complete it). */
  countersign: boolean
  /** Whether an institution signs with two people (e.g. head of school and coordinator). */
  secondSigner: Record<Side, boolean>
  /** Slots kept for one person (user id), e.g. the head of school as `duren.second`. */
  designated?: Partial<Record<SlotId, string>>
}

export type SignerRole = PersonRole | 'officer'

/** The signed-in person who signs: an institution's member or a side's officer. */
export interface Signer {
  userId: string
  name: string
  role: SignerRole
  side: Side
  capacity: 'institution' | 'officer'
  /** The institution the person signs for (institution capacity). */
  institutionId?: string
}

/** Who signed which version, when (the caller's clock, ISO instant). */
export interface Signature {
  slot: SlotId
  userId: string
  name: string
  role: SignerRole
  side: Side
  institutionId: string | null
  at: string
  version: number
  versionHash: string
}

export interface AgreementState {
  version: number
  /** `versionHash(fields)`: what a signature names. */
  hash: string
  fields: AgreementFields
  status: Status
  config: SigningConfig
  /** Signatures on the current version only: an edit clears them. */
  signatures: Signature[]
}

export type AgreementEvent =
  | { type: 'edit'; fields: AgreementFields; baseHash: string; by: string; at: string }
  | { type: 'submit'; hash: string; by: string; at: string }
  | { type: 'sign'; hash: string; signer: Signer; at: string }

/** What a transition did, for the timeline and the outbox (agreement.ready / signed / voided / completed). */
export type Effect =
  | { type: 'edited'; version: number; hash: string; by: string; changes: FieldChange[] }
  | { type: 'voided'; version: number; signatures: Signature[]; changes: FieldChange[] }
  | { type: 'ready'; version: number; hash: string }
  | { type: 'signed'; signature: Signature }
  | { type: 'institutions_signed'; version: number; hash: string }
  | { type: 'completed'; version: number; hash: string }

export type SigningError =
  /** The event names another version than the current one (409 in the API). */
  | { code: 'stale_version'; current: { version: number; hash: string } }
  /** The agreement is complete; it is not edited or signed any more. */
  | { code: 'completed' }
  /** A draft is not signed; it is submitted first. */
  | { code: 'not_ready' }
  /** Submitting needs every required field (the gaps say which). */
  | { code: 'incomplete'; gaps: Gap[] }
  /** The fields do not match the schema. */
  | { code: 'invalid_fields'; errors: { path: string; message: string }[] }
  /** The edit changes nothing, so no signature is voided for it. */
  | { code: 'no_change' }
  /** Submitting what is already out for signature. */
  | { code: 'already_submitted' }
  /** This person already signed this version, or every place they could sign is taken. */
  | { code: 'already_signed'; slot?: SlotId }
  /** No place on the signature block for this person (side, institution, role or reserved slot). */
  | { code: 'wrong_signer' }
  /** The officers countersign after both institutions have signed. */
  | { code: 'institutions_first' }

/**
 * The HTTP status each refusal maps to in the API (problem+json): a conflict with the stored state
 * is 409, fields that cannot be accepted 422, a person with no place on the signature block 403.
 */
export const SIGNING_ERROR_STATUS: Record<SigningError['code'], 403 | 409 | 422> = {
  stale_version: 409,
  completed: 409,
  not_ready: 409,
  already_submitted: 409,
  already_signed: 409,
  institutions_first: 409,
  no_change: 409,
  incomplete: 422,
  invalid_fields: 422,
  wrong_signer: 403,
}

export type Transition =
  | { ok: true; state: AgreementState; effects: Effect[] }
  | { ok: false; error: SigningError }

const fail = (error: SigningError): Transition => ({ ok: false, error })

/** The signature block's places in order: Düren's signers, Jinhua's, then the officers if they countersign. */
export function slots(config: SigningConfig): SlotId[] {
  const out: SlotId[] = []
  for (const side of SIDES) {
    out.push(`${side}.first`)
    if (config.secondSigner[side]) out.push(`${side}.second`)
  }
  if (config.countersign) for (const side of SIDES) out.push(`${side}.officer`)
  return out
}

export const slotSide = (slot: SlotId): Side => slot.split('.')[0] as Side
export const slotKind = (slot: SlotId): SlotKind => slot.split('.')[1] as SlotKind

/** Whether the agreement needs no further signature. */
export const isComplete = (s: AgreementState): boolean =>
  s.status === 'countersigned' || (s.status === 'signed_by_institutions' && !s.config.countersign)

function schemaErrors(fields: unknown): { path: string; message: string }[] {
  if (Value.Check(AgreementFields, fields)) return []
  return Value.Errors(AgreementFields, fields).map((e) => ({ path: e.instancePath, message: e.message }))
}

/** A new agreement in draft, version 1. */
export function createAgreement(fields: AgreementFields, config: SigningConfig): Transition {
  const errors = schemaErrors(fields)
  if (errors.length > 0) return fail({ code: 'invalid_fields', errors })
  return {
    ok: true,
    state: { version: 1, hash: versionHash(fields), fields, status: 'draft', config, signatures: [] },
    effects: [],
  }
}

export interface PendingSlot {
  slot: SlotId
  side: Side
  kind: SlotKind
  /** The one person who may sign it, when the slot is reserved. */
  userId?: string
}

/**
 * Who still has to sign now, for reminders: the open institution places while the agreement is
 * out for signature, then the open officer places. Reminders stop once a slot leaves this list.
 */
export function pendingSigners(s: AgreementState): PendingSlot[] {
  const phase: SlotKind[] | null =
    s.status === 'ready_for_signature'
      ? ['first', 'second']
      : s.status === 'signed_by_institutions' && s.config.countersign
        ? ['officer']
        : null
  if (!phase) return []
  const taken = new Set(s.signatures.map((sig) => sig.slot))
  return slots(s.config)
    .filter((slot) => phase.includes(slotKind(slot)) && !taken.has(slot))
    .map((slot) => {
      const userId = s.config.designated?.[slot]
      return { slot, side: slotSide(slot), kind: slotKind(slot), ...(userId ? { userId } : {}) }
    })
}

/** The place this signer takes: their reserved one if open, else the first open unreserved one. */
function placeFor(s: AgreementState, signer: Signer): { slot: SlotId } | { error: SigningError } {
  const taken = new Set(s.signatures.map((sig) => sig.slot))
  const designated = s.config.designated ?? {}
  const candidates = slots(s.config).filter(
    (slot) =>
      slotSide(slot) === signer.side && (slotKind(slot) === 'officer') === (signer.capacity === 'officer'),
  )
  if (candidates.length === 0) return { error: { code: 'wrong_signer' } }
  const reserved = candidates.find((slot) => designated[slot] === signer.userId)
  if (reserved)
    return taken.has(reserved) ? { error: { code: 'already_signed', slot: reserved } } : { slot: reserved }
  const open = candidates.filter((slot) => !taken.has(slot))
  if (open.length === 0) return { error: { code: 'already_signed' } }
  const free = open.find((slot) => designated[slot] === undefined)
  return free ? { slot: free } : { error: { code: 'wrong_signer' } }
}

function sign(s: AgreementState, e: Extract<AgreementEvent, { type: 'sign' }>): Transition {
  if (s.status === 'draft') return fail({ code: 'not_ready' })
  if (e.hash !== s.hash) return fail({ code: 'stale_version', current: { version: s.version, hash: s.hash } })
  const { signer } = e
  if (
    signer.capacity === 'institution' &&
    signer.institutionId !== s.fields.parties[signer.side].institutionId
  )
    return fail({ code: 'wrong_signer' })
  if (signer.capacity === 'officer' && !s.config.countersign) return fail({ code: 'wrong_signer' })
  if (signer.capacity === 'officer' && s.status === 'ready_for_signature')
    return fail({ code: 'institutions_first' })
  // One person, one signature per version: a second signer is there to be a second person.
  const own = s.signatures.find((sig) => sig.userId === signer.userId)
  if (own) return fail({ code: 'already_signed', slot: own.slot })
  const place = placeFor(s, signer)
  if ('error' in place) return fail(place.error)
  const signature: Signature = {
    slot: place.slot,
    userId: signer.userId,
    name: signer.name,
    role: signer.role,
    side: signer.side,
    institutionId: signer.capacity === 'institution' ? (signer.institutionId ?? null) : null,
    at: e.at,
    version: s.version,
    versionHash: s.hash,
  }
  const signatures = [...s.signatures, signature]
  const next: AgreementState = { ...s, signatures }
  const effects: Effect[] = [{ type: 'signed', signature }]
  const signed = new Set(signatures.map((sig) => sig.slot))
  const all = (kinds: SlotKind[]) =>
    slots(s.config)
      .filter((slot) => kinds.includes(slotKind(slot)))
      .every((slot) => signed.has(slot))
  const done = { version: s.version, hash: s.hash }
  if (s.status === 'ready_for_signature' && all(['first', 'second'])) {
    next.status = 'signed_by_institutions'
    effects.push({ type: 'institutions_signed', ...done })
    if (!s.config.countersign) effects.push({ type: 'completed', ...done })
  } else if (s.status === 'signed_by_institutions' && all(['officer'])) {
    next.status = 'countersigned'
    effects.push({ type: 'completed', ...done })
  }
  return { ok: true, state: next, effects }
}

function edit(s: AgreementState, e: Extract<AgreementEvent, { type: 'edit' }>): Transition {
  if (e.baseHash !== s.hash)
    return fail({ code: 'stale_version', current: { version: s.version, hash: s.hash } })
  const errors = schemaErrors(e.fields)
  if (errors.length > 0) return fail({ code: 'invalid_fields', errors })
  const changes = diffFields(s.fields, e.fields)
  if (changes.length === 0) return fail({ code: 'no_change' })
  const version = s.version + 1
  const hash = versionHash(e.fields)
  // A draft stays a draft; a version out for signature goes out again at once if it is still
  // complete (everyone is asked again), else back to draft until the gaps are filled.
  const status: Status =
    s.status === 'draft' || readiness(e.fields).length > 0 ? 'draft' : 'ready_for_signature'
  const effects: Effect[] = [{ type: 'edited', version, hash, by: e.by, changes }]
  if (s.signatures.length > 0)
    effects.push({ type: 'voided', version: s.version, signatures: s.signatures, changes })
  if (status === 'ready_for_signature') effects.push({ type: 'ready', version, hash })
  return { ok: true, state: { ...s, version, hash, fields: e.fields, status, signatures: [] }, effects }
}

function submit(s: AgreementState, e: Extract<AgreementEvent, { type: 'submit' }>): Transition {
  if (e.hash !== s.hash) return fail({ code: 'stale_version', current: { version: s.version, hash: s.hash } })
  if (s.status !== 'draft') return fail({ code: 'already_submitted' })
  const gaps = readiness(s.fields)
  if (gaps.length > 0) return fail({ code: 'incomplete', gaps })
  return {
    ok: true,
    state: { ...s, status: 'ready_for_signature' },
    effects: [{ type: 'ready', version: s.version, hash: s.hash }],
  }
}

/** The next state after an event, or why the event is refused. */
export function apply(s: AgreementState, e: AgreementEvent): Transition {
  if (isComplete(s)) return fail({ code: 'completed' })
  switch (e.type) {
    case 'edit':
      return edit(s, e)
    case 'submit':
      return submit(s, e)
    case 'sign':
      return sign(s, e)
  }
}
