import Type, { type Static } from 'typebox'
import { DateTime, Email, IsoDate, Nullable, Uuid } from '../common.js'
import {
  Direction,
  Format,
  ImportStatus,
  InstitutionStatus,
  InterestStatus,
  Kind,
  Lang,
  Level,
  MembershipRole,
  Side,
  Topic,
} from '../enums.js'

/** The registry's shapes: institution profiles, exchange interests, CSV imports. */

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max })
export const NameI18n = Type.Object(
  { de: Type.Optional(Text(300)), zh: Type.Optional(Text(300)), en: Type.Optional(Text(300)) },
  { additionalProperties: false },
)
export type NameI18n = Static<typeof NameI18n>
export const LanguageUse = Type.Object(
  { lang: Lang, level: Level, use: Type.Union([Type.Literal('used'), Type.Literal('taught')]) },
  { additionalProperties: false },
)
export type LanguageUse = Static<typeof LanguageUse>
export const Description = Type.Object(
  {
    original: Type.Object({ lang: Lang, text: Text(2000) }, { additionalProperties: false }),
    translations: Type.Array(
      Type.Object({ lang: Lang, text: Text(2000), machine: Type.Boolean() }, { additionalProperties: false }),
      { maxItems: 3 },
    ),
  },
  { additionalProperties: false },
)
export type Description = Static<typeof Description>
export const Contact = Type.Object(
  { name: Text(200), role: Text(200), email: Email },
  { additionalProperties: false },
)
export type Contact = Static<typeof Contact>

const profileFields = {
  name: Type.String({ minLength: 2, maxLength: 300 }),
  kind: Kind,
  subtype: Type.Union([Text(40), Type.Null()]),
  discipline: Type.Union([Text(100), Type.Null()]),
  municipalityId: Text(40),
  nameI18n: NameI18n,
  website: Type.Union([Type.String({ format: 'uri', pattern: '^https?://', maxLength: 500 }), Type.Null()]),
  size: Type.Union([Type.Integer({ minimum: 1, maximum: 100_000 }), Type.Null()]),
  languages: Type.Array(LanguageUse, { maxItems: 6 }),
  description: Type.Union([Description, Type.Null()]),
  contact: Type.Union([Contact, Type.Null()]),
  /** Must be true whenever a contact person is given: their consent was recorded. */
  contactConsent: Type.Boolean(),
}

export const InstitutionCreate = Type.Object(
  {
    side: Side,
    name: profileFields.name,
    kind: Type.Optional(profileFields.kind),
    subtype: Type.Optional(profileFields.subtype),
    discipline: Type.Optional(profileFields.discipline),
    municipalityId: Type.Optional(profileFields.municipalityId),
    nameI18n: Type.Optional(profileFields.nameI18n),
    website: Type.Optional(profileFields.website),
    size: Type.Optional(profileFields.size),
    languages: Type.Optional(profileFields.languages),
    description: Type.Optional(profileFields.description),
    contact: Type.Optional(profileFields.contact),
    contactConsent: Type.Optional(profileFields.contactConsent),
  },
  { additionalProperties: false },
)
export type InstitutionCreate = Static<typeof InstitutionCreate>

export const InstitutionPatch = Type.Object(
  {
    name: Type.Optional(profileFields.name),
    kind: Type.Optional(profileFields.kind),
    subtype: Type.Optional(profileFields.subtype),
    discipline: Type.Optional(profileFields.discipline),
    municipalityId: Type.Optional(profileFields.municipalityId),
    nameI18n: Type.Optional(profileFields.nameI18n),
    website: Type.Optional(profileFields.website),
    size: Type.Optional(profileFields.size),
    languages: Type.Optional(profileFields.languages),
    description: Type.Optional(profileFields.description),
    contact: Type.Optional(profileFields.contact),
    contactConsent: Type.Optional(profileFields.contactConsent),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type InstitutionPatch = Static<typeof InstitutionPatch>

/** What the other side sees: no contact person, no internal status details. */
export const PublicInstitution = Type.Object({
  id: Uuid,
  side: Side,
  name: Type.String(),
  nameI18n: Type.Record(Type.String(), Type.String()),
  kind: Nullable(Kind),
  subtype: Nullable(Type.String()),
  discipline: Nullable(Type.String()),
  municipalityId: Nullable(Type.String()),
  website: Nullable(Type.String()),
  size: Nullable(Type.Integer()),
  languages: Type.Array(LanguageUse),
  description: Nullable(Description),
  status: InstitutionStatus,
})
export type PublicInstitution = Static<typeof PublicInstitution>

export const FullInstitution = Type.Object({
  ...PublicInstitution.properties,
  access: Type.Union([Type.Literal('full'), Type.Literal('public')]),
  contact: Type.Optional(Nullable(Contact)),
  contactConsentAt: Type.Optional(Nullable(DateTime)),
  statusReason: Type.Optional(Nullable(Type.String())),
  externalKey: Type.Optional(Nullable(Type.String())),
  demo: Type.Optional(Type.Boolean()),
  /** Where the entry came from when it was imported from open data (its licence is shown with it). */
  source: Type.Optional(Type.String()),
  myRole: Type.Optional(Nullable(MembershipRole)),
  createdAt: Type.Optional(DateTime),
  updatedAt: Type.Optional(DateTime),
})
export type FullInstitution = Static<typeof FullInstitution>

export const Window = Type.Object({ start: IsoDate, end: IsoDate }, { additionalProperties: false })
export type Window = Static<typeof Window>
export const InterestLanguage = Type.Object({ lang: Lang, level: Level }, { additionalProperties: false })
export type InterestLanguage = Static<typeof InterestLanguage>

const interestFields = {
  formats: Type.Array(Format, { minItems: 1, maxItems: 8, uniqueItems: true }),
  topics: Type.Array(Topic, { minItems: 1, maxItems: 8, uniqueItems: true }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20, uniqueItems: true }),
  ageMin: Type.Integer({ minimum: 0, maximum: 120 }),
  ageMax: Type.Integer({ minimum: 0, maximum: 120 }),
  groupMin: Type.Integer({ minimum: 0, maximum: 10_000 }),
  groupMax: Type.Integer({ minimum: 0, maximum: 10_000 }),
  languages: Type.Array(InterestLanguage, { minItems: 1, maxItems: 3 }),
  windows: Type.Array(Window, { maxItems: 12 }),
  durationMinDays: Type.Integer({ minimum: 0, maximum: 1000 }),
  durationMaxDays: Type.Integer({ minimum: 0, maximum: 1000 }),
  direction: Direction,
  hostingGuests: Type.Integer({ minimum: -1000, maximum: 10_000 }),
  hostFamilies: Type.Integer({ minimum: -1000, maximum: 10_000 }),
  maxPartners: Type.Integer({ minimum: -1000, maximum: 1000 }),
  status: InterestStatus,
}
type FieldKey = keyof typeof interestFields
const optionalFields = (keys: FieldKey[]) =>
  Object.fromEntries(keys.map((k) => [k, Type.Optional(interestFields[k])])) as {
    [K in FieldKey]: ReturnType<typeof Type.Optional<(typeof interestFields)[K]>>
  }

export const InterestCreate = Type.Object(
  {
    ...interestFields,
    tags: Type.Optional(interestFields.tags),
    windows: Type.Optional(interestFields.windows),
    hostingGuests: Type.Optional(interestFields.hostingGuests),
    hostFamilies: Type.Optional(interestFields.hostFamilies),
    maxPartners: Type.Optional(interestFields.maxPartners),
    status: Type.Optional(interestFields.status),
  },
  { additionalProperties: false },
)
export type InterestCreate = Static<typeof InterestCreate>
export const InterestPatch = Type.Object(
  { ...optionalFields(Object.keys(interestFields) as FieldKey[]), reconfirm: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export type InterestPatch = Static<typeof InterestPatch>

export const Interest = Type.Object({
  id: Uuid,
  institutionId: Uuid,
  formats: Type.Array(Format),
  topics: Type.Array(Topic),
  tags: Type.Array(Type.String()),
  ageMin: Type.Integer(),
  ageMax: Type.Integer(),
  groupMin: Type.Integer(),
  groupMax: Type.Integer(),
  languages: Type.Array(InterestLanguage),
  windows: Type.Array(Window),
  durationMinDays: Type.Integer(),
  durationMaxDays: Type.Integer(),
  direction: Direction,
  hostingGuests: Type.Integer(),
  hostFamilies: Type.Integer(),
  maxPartners: Type.Integer(),
  status: InterestStatus,
  lastConfirmedAt: DateTime,
})
export type Interest = Static<typeof Interest>

/** An import's progress and row report. */
export const ImportProgress = Type.Object({
  id: Uuid,
  side: Side,
  status: ImportStatus,
  fileName: Nullable(Type.String()),
  total: Type.Integer(),
  processed: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  failed: Type.Integer(),
  report: Type.Array(
    Type.Object({
      line: Type.Integer(),
      column: Type.String(),
      reason: Type.String({ description: 'English text' }),
      code: Type.Optional(Type.String({ description: 'What is wrong, for a text in the reader language' })),
      params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
    }),
  ),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
})
export type ImportProgress = Static<typeof ImportProgress>
