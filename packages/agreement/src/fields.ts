import { FORMATS, LANGUAGES, SIDES, TOPICS } from '@dj/vocabulary'
import Type, { type Static, type TLiteral, type TUnion } from 'typebox'

/**
 * What the exchange agreement says, as data. The clauses are texts in the catalogs; these fields
 * fill them. Only adults appear by name (responsible and contact persons); the pupils and trainees
 * are counts by age band, never people: the platform holds no pupil's personal data.
 *
 * The schema admits an unfinished draft (open dates, empty lists) so coordinators can fill it in
 * turns; `readiness()` says what is still missing before it can go out for signature.
 */

type LiteralsOf<T extends readonly string[]> = T extends readonly [
  infer H extends string,
  ...infer R extends readonly string[],
]
  ? [TLiteral<H>, ...LiteralsOf<R>]
  : []
/** A word list as a union of literals (the shape @dj/contracts publishes its word lists in). */
const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [...LiteralsOf<T>]) as TUnion<LiteralsOf<T>>

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })
const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
/** A date the coordinators have not agreed yet (a draft may leave it open; readiness requires it). */
const OpenDate = Type.Union([IsoDate, Type.Null()])

export const Side = literals(SIDES)
export const Format = literals(FORMATS)
export const Topic = literals(TOPICS)
export const Language = literals(LANGUAGES)

/**
 * A text the coordinators write, in the agreement's languages. Each column of the rendered
 * agreement shows its own language; a language left empty falls back to another (see render.ts).
 */
export const LocalText = Type.Object(
  { de: Type.Optional(Text(2000)), zh: Type.Optional(Text(2000)), en: Type.Optional(Text(2000)) },
  { additionalProperties: false },
)
export type LocalText = Static<typeof LocalText>

/** What a person does for their institution; the words are translated in the catalogs. */
export const PERSON_ROLES = ['head', 'deputy_head', 'coordinator', 'teacher', 'staff'] as const
export type PersonRole = (typeof PERSON_ROLES)[number]

/**
 * A responsible or contact person. `adult: true` is the coordinator's statement that this is an
 * adult acting for the institution: the agreement names no minors (issue 12).
 */
export const Person = Type.Object(
  {
    name: Text(200),
    role: literals(PERSON_ROLES),
    adult: Type.Literal(true),
  },
  { additionalProperties: false },
)
export type Person = Static<typeof Person>

export const ContactPerson = Type.Object(
  {
    ...Person.properties,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
  },
  { additionalProperties: false },
)
export type ContactPerson = Static<typeof ContactPerson>

/** One signing party: an institution on one side, named in both scripts. */
export const Party = Type.Object(
  {
    institutionId: Text(100),
    name: LocalText,
    address: LocalText,
    responsible: Type.Array(Person, { maxItems: 4 }),
    contacts: Type.Array(ContactPerson, { maxItems: 4 }),
  },
  { additionalProperties: false },
)
export type Party = Static<typeof Party>

export const PARTICIPANT_KINDS = ['pupils', 'trainees'] as const
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number]

/** Participants of one age band: a count, no names, no birth dates. */
export const AgeBand = Type.Object(
  {
    kind: literals(PARTICIPANT_KINDS),
    ageMin: Type.Integer({ minimum: 3, maximum: 99 }),
    ageMax: Type.Integer({ minimum: 3, maximum: 99 }),
    count: Type.Integer({ minimum: 1, maximum: 10_000 }),
  },
  { additionalProperties: false },
)
export type AgeBand = Static<typeof AgeBand>

/** The group one side sends or hosts: participants per age band and the accompanying adults. */
export const Group = Type.Object(
  {
    bands: Type.Array(AgeBand, { maxItems: 6 }),
    accompanyingAdults: Type.Integer({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
)
export type Group = Static<typeof Group>

export const COST_ITEMS = [
  'travel',
  'accommodation',
  'meals',
  'local_transport',
  'programme',
  'insurance',
  'visa',
] as const
export type CostItem = (typeof COST_ITEMS)[number]
/** Who bears a cost: one side, the side that hosts, each side for its own participants, half each, or the participants. */
export const PAYERS = ['duren', 'jinhua', 'host', 'each_own', 'shared', 'participants'] as const
export type Payer = (typeof PAYERS)[number]
export const ACCOMMODATIONS = ['host_families', 'hostel', 'hotel', 'boarding', 'none'] as const
export type Accommodation = (typeof ACCOMMODATIONS)[number]

export const Hosting = Type.Object(
  {
    /** The sides that receive guests (both for a reciprocal exchange, none for a virtual one). */
    hosts: Type.Array(Side, { maxItems: 2, uniqueItems: true }),
    accommodation: literals(ACCOMMODATIONS),
    costs: Type.Array(Type.Object({ item: literals(COST_ITEMS), payer: literals(PAYERS) }), {
      maxItems: COST_ITEMS.length,
    }),
  },
  { additionalProperties: false },
)
export type Hosting = Static<typeof Hosting>

/**
 * The data-protection clause is fixed text, not editable: its id names the wording in the
 * catalogs, so the hash of a version also pins which clause was agreed.
 */
export const DATA_PROTECTION_CLAUSE = 'no_pupil_data.v1'

export const AgreementFields = Type.Object(
  {
    parties: Type.Object({ duren: Party, jinhua: Party }, { additionalProperties: false }),
    purpose: Type.Object(
      {
        formats: Type.Array(Format, { maxItems: FORMATS.length, uniqueItems: true }),
        aims: LocalText,
      },
      { additionalProperties: false },
    ),
    topics: Type.Array(Topic, { maxItems: TOPICS.length, uniqueItems: true }),
    period: Type.Object({ start: OpenDate, end: OpenDate }, { additionalProperties: false }),
    groups: Type.Object({ duren: Group, jinhua: Group }, { additionalProperties: false }),
    hosting: Hosting,
    languages: Type.Array(Language, { maxItems: LANGUAGES.length, uniqueItems: true }),
    dataProtection: Type.Literal(DATA_PROTECTION_CLAUSE),
    term: Type.Object(
      {
        /** The agreement ends on this day unless renewed. */
        validUntil: OpenDate,
        /** Either party may end it in writing with this notice. */
        noticeDays: Type.Integer({ minimum: 0, maximum: 365 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
)
export type AgreementFields = Static<typeof AgreementFields>
