/**
 * The exchange agreement of a partnership (issue 12), pure: its fields (TypeBox schema), a first
 * draft from the partnership, the clauses rendered side by side from the catalogs, the version
 * hash, and the signing as state transitions. The API stores and notifies; @dj/pdf prints.
 */
export { type AgreementKey, SOURCES, text } from './catalogs.js'
export { diffFields, type FieldChange } from './diff.js'
export {
  draftAgreement,
  type InstitutionSummary,
  type InterestSummary,
  type PartnershipSummary,
} from './draft.js'
export {
  ACCOMMODATIONS,
  type Accommodation,
  type AgeBand,
  AgreementFields,
  COST_ITEMS,
  ContactPerson,
  type CostItem,
  DATA_PROTECTION_CLAUSE,
  Group,
  Hosting,
  LocalText,
  PARTICIPANT_KINDS,
  PAYERS,
  type ParticipantKind,
  Party,
  type Payer,
  PERSON_ROLES,
  Person,
  type PersonRole,
} from './fields.js'
export { canonicalJson, shortHash, versionHash } from './hash.js'
export { type Gap, OWN_LANGUAGE, readiness } from './readiness.js'
export {
  type PlannedSignatureReminder,
  phaseStart,
  planSignatureReminders,
  type ReminderStep,
  reminderStillDue,
  SIGNATURE_OVERDUE_DAYS,
  SIGNATURE_REMINDER_DAYS,
} from './reminders.js'
export {
  changedSections,
  DEFAULT_LANGUAGES,
  HEADINGS,
  localText,
  renderAgreement,
  SECTION_IDS,
  type Section,
  type SectionColumn,
  type SectionId,
  sectionOf,
} from './render.js'
export {
  renderSignatureBlock,
  SIDE_ZONES,
  type SignatureBlock,
  type SignatureLine,
} from './signature-block.js'
export {
  type AgreementEvent,
  type AgreementState,
  apply,
  createAgreement,
  type Effect,
  isComplete,
  type PendingSlot,
  pendingSigners,
  SIGNING_ERROR_STATUS,
  type Signature,
  type Signer,
  type SignerRole,
  type SigningConfig,
  type SigningError,
  type SlotId,
  type SlotKind,
  STATUSES,
  type Status,
  slotKind,
  slotSide,
  slots,
  type Transition,
} from './signing.js'
