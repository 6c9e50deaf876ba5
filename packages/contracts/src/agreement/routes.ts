import Type, { type Static } from 'typebox'
import { DateTime, IdParams, Items, Literals, Nullable, problems, Uuid } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

/**
 * The exchange agreement of a partnership (issue 12): one per partnership, generated from it,
 * edited by either institution's coordinators, signed by both institutions and countersigned by
 * both county offices. Who may see it is the workspace's rule; who may sign is the signing's
 * (packages/agreement). Every version is kept and printable.
 */

const tags = ['agreement'] as const
/** Everyone who may see partnership data; object-level access narrows it to the pair's people. */
/** Who may read an agreement: the pair's people, and admins (who help with signing). */
export const AGREEMENT_READERS = ['coordinator', 'officer', 'admin'] as const

export const AGREEMENT_STATUSES = [
  'draft',
  'ready_for_signature',
  'signed_by_institutions',
  'countersigned',
] as const
export const AGREEMENT_LANGUAGES = ['de', 'zh', 'en'] as const

/** `de,zh` (the default), `de,en`, `de,zh,en`, …: the columns the agreement is shown in, in order. */
export const AgreementLanguagesQuery = Type.Object(
  {
    languages: Type.String({
      pattern: '^(de|zh|en)(,(de|zh|en)){0,2}$',
      default: 'de,zh',
      description: 'the columns, comma separated, from de, zh, en',
    }),
  },
  { additionalProperties: false },
)

/**
 * Which edition to read: "plan the next one" (issue 13) starts edition n+1 of the agreement as
 * a draft; the earlier ones stay readable as they were signed. Absent: the newest.
 */
export const AgreementEdition = Type.Integer({ minimum: 1, description: 'the edition; default the newest' })
export const AgreementEditionQuery = Type.Object(
  { edition: Type.Optional(AgreementEdition) },
  { additionalProperties: false },
)
export const AgreementReadQuery = Type.Object(
  { ...AgreementLanguagesQuery.properties, ...AgreementEditionQuery.properties },
  { additionalProperties: false },
)

/**
 * The agreement's fields: the document AgreementFields of @dj/agreement describes (parties,
 * purpose, topics, period, groups, hosting, languages, data protection, term). The API checks
 * it against that schema (422 with the failing paths).
 */
export const AgreementFieldsDoc = Type.Record(Type.String(), Type.Unknown(), {
  description: 'AgreementFields of @dj/agreement',
})

export const AgreementSignature = Type.Object({
  slot: Type.String({ description: 'place on the signature block: duren.first, jinhua.officer, …' }),
  name: Type.String(),
  role: Type.String(),
  side: Side,
  institutionId: Nullable(Uuid),
  at: DateTime,
  version: Type.Integer({ minimum: 1 }),
  versionHash: Type.String(),
})
export type AgreementSignature = Static<typeof AgreementSignature>

export const AgreementFieldChange = Type.Object({
  path: Type.String({ description: 'dotted, e.g. parties.jinhua.name.zh' }),
  /** Absent when the field was added (before) or removed (after). */
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
})
export type AgreementFieldChange = Static<typeof AgreementFieldChange>

export const AgreementSection = Type.Object({
  id: Type.String(),
  columns: Type.Array(
    Type.Object({
      lang: Literals(AGREEMENT_LANGUAGES),
      heading: Type.String(),
      paragraphs: Type.Array(Type.String()),
    }),
  ),
})

export const AgreementSigningConfig = Type.Object(
  {
    /** Both county offices countersign after the institutions (default on). */
    countersign: Type.Boolean({ default: true }),
    /** A second signer per institution, e.g. the head of school besides the coordinator. */
    secondSigner: Type.Object(
      { duren: Type.Boolean({ default: false }), jinhua: Type.Boolean({ default: false }) },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
)

/** One edition of the partnership's agreement, as the list of editions names it. */
export const AgreementEditionSummary = Type.Object({
  edition: AgreementEdition,
  status: Literals(AGREEMENT_STATUSES),
  completedAt: Nullable(DateTime),
})

export const Agreement = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  /** 1 for the first agreement, n+1 for each "plan the next one"; only the newest is edited or signed. */
  edition: AgreementEdition,
  /** Every edition of the partnership's agreement, oldest first. */
  editions: Type.Array(AgreementEditionSummary),
  version: Type.Integer({ minimum: 1 }),
  /** SHA-256 of the current version's fields: what a signature names. */
  hash: Type.String(),
  status: Literals(AGREEMENT_STATUSES),
  config: Type.Object({
    countersign: Type.Boolean(),
    secondSigner: Type.Object({ duren: Type.Boolean(), jinhua: Type.Boolean() }),
  }),
  fields: AgreementFieldsDoc,
  /** What the current version lacks before it can go out for signature. */
  gaps: Type.Array(Type.Object({ path: Type.String(), problem: Type.String() })),
  /** The clauses in the requested languages, side by side. */
  sections: Type.Array(AgreementSection),
  /** Signatures on the current version. */
  signatures: Type.Array(AgreementSignature),
  /** Who still has to sign now (empty while a draft or once complete). */
  pending: Type.Array(
    Type.Object({
      slot: Type.String(),
      side: Side,
      kind: Literals(['first', 'second', 'officer'] as const),
    }),
  ),
  completedAt: Nullable(DateTime),
  updatedAt: DateTime,
  viewer: Type.Object({
    /** A coordinator of one of the two institutions (edits and submits). */
    canEdit: Type.Boolean(),
    /** Whether a place on the signature block is open to the caller now. */
    canSign: Type.Boolean(),
  }),
})
export type Agreement = Static<typeof Agreement>

export const agreement = route({
  method: 'GET',
  path: '/v1/partnerships/:id/agreement',
  tags,
  summary: 'The partnership’s agreement: fields, clauses in the reader’s languages, signatures',
  description: 'The newest edition, or the one `edition` names (earlier editions only read).',
  access: { roles: AGREEMENT_READERS },
  params: IdParams,
  query: AgreementReadQuery,
  response: { 200: Agreement, ...problems(400, 401, 403, 404) },
})

export const CreateAgreementBody = Type.Object(
  { config: Type.Optional(AgreementSigningConfig) },
  { additionalProperties: false },
)

export const createAgreement = route({
  method: 'POST',
  path: '/v1/partnerships/:id/agreement',
  tags,
  summary: 'Draft the agreement from the partnership (the two institutions and their interests)',
  description: 'One agreement per partnership: a second draft is refused with 409.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  query: AgreementLanguagesQuery,
  body: CreateAgreementBody,
  response: { 201: Agreement, ...problems(400, 401, 403, 404, 409) },
})

export const EditAgreementBody = Type.Object(
  {
    /** The hash of the version the edit was made on; another one is answered with 409. */
    baseHash: Type.String({ minLength: 64, maxLength: 64 }),
    fields: AgreementFieldsDoc,
  },
  { additionalProperties: false },
)

export const EditedAgreement = Type.Object({
  agreement: Agreement,
  /** What changed against the previous version. */
  changes: Type.Array(AgreementFieldChange),
  /** The signatures the edit voided (everyone is asked to sign again). */
  voided: Type.Array(AgreementSignature),
})
export type EditedAgreement = Static<typeof EditedAgreement>

export const editAgreement = route({
  method: 'PUT',
  path: '/v1/partnerships/:id/agreement',
  tags,
  summary: 'Edit the fields (a new version; voids every signature and returns the diff)',
  description:
    'A `baseHash` that is not the current version’s is refused with 409 problem+json carrying the ' +
    'current version and hash; fields the schema refuses with 422.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  query: AgreementLanguagesQuery,
  body: EditAgreementBody,
  response: { 200: EditedAgreement, ...problems(400, 401, 403, 404, 409, 422) },
})

export const HashBody = Type.Object(
  { hash: Type.String({ minLength: 64, maxLength: 64, description: 'the version being acted on' }) },
  { additionalProperties: false },
)

export const submitAgreement = route({
  method: 'POST',
  path: '/v1/partnerships/:id/agreement/submit',
  tags,
  summary: 'Send the current version out for signature (every required field filled)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  query: AgreementLanguagesQuery,
  body: HashBody,
  response: { 200: Agreement, ...problems(400, 401, 403, 404, 409, 422) },
})

/** What a person signs as (PERSON_ROLES of @dj/agreement); an institution's first signer is its coordinator. */
export const SIGNER_ROLES = ['head', 'deputy_head', 'coordinator', 'teacher', 'staff'] as const

export const SignBody = Type.Object(
  { ...HashBody.properties, role: Type.Optional(Literals(SIGNER_ROLES)) },
  { additionalProperties: false },
)

export const signAgreement = route({
  method: 'POST',
  path: '/v1/partnerships/:id/agreement/sign',
  tags,
  summary: 'Sign the version with this hash (institutions first, then the county offices)',
  description:
    'Signing happens in the signed-in session. A hash that is not the current version’s is ' +
    'refused with 409 problem+json carrying the current version and hash.',
  access: { roles: ['coordinator', 'officer'], verifiedEmail: true },
  params: IdParams,
  query: AgreementLanguagesQuery,
  body: SignBody,
  response: { 200: Agreement, ...problems(400, 401, 403, 404, 409) },
})

export const AgreementVersion = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  hash: Type.String(),
  createdAt: DateTime,
  createdBy: Nullable(Uuid),
  /** When it went out for signature (null: it stayed a draft). */
  readyAt: Nullable(DateTime),
  /** Changes against the version before (empty for the first). */
  changes: Type.Array(AgreementFieldChange),
  /** Every signature given on this version, also those an edit voided. */
  signatures: Type.Array(Type.Object({ ...AgreementSignature.properties, voidedAt: Nullable(DateTime) })),
})
export type AgreementVersion = Static<typeof AgreementVersion>

export const agreementVersions = route({
  method: 'GET',
  path: '/v1/partnerships/:id/agreement/versions',
  tags,
  summary: 'Every version of the agreement, newest first, with its changes and signatures',
  access: { roles: AGREEMENT_READERS },
  params: IdParams,
  query: AgreementEditionQuery,
  response: { 200: Items(AgreementVersion), ...problems(401, 403, 404) },
})

export const VersionParams = Type.Object({ id: Uuid, version: Type.Integer({ minimum: 1 }) })

export const agreementVersionPdf = route({
  method: 'GET',
  path: '/v1/partnerships/:id/agreement/versions/:version/pdf',
  tags,
  summary: 'The PDF of a version: A4, the languages side by side, signatures and version hash',
  access: { roles: AGREEMENT_READERS },
  params: VersionParams,
  query: AgreementReadQuery,
  produces: ['application/pdf'],
  response: { 200: Type.Unknown(), ...problems(400, 401, 403, 404) },
})
