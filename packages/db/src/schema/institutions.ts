import {
  INSTITUTION_KINDS,
  INSTITUTION_STATUSES,
  type Language,
  type LanguageLevel,
  MEMBERSHIP_ROLES,
} from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { SIDES, users } from './users.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export {
  CLUB_FIELDS,
  type ClubField,
  INSTITUTION_KINDS,
  INSTITUTION_STATUSES,
  type InstitutionKind,
  type InstitutionStatus,
  LANGUAGE_LEVELS,
  LANGUAGES,
  type Language,
  type LanguageLevel,
  MEMBERSHIP_ROLES,
  type MembershipRole,
  SCHOOL_TYPES,
  VOCATIONAL_TYPES,
} from '@dj/vocabulary'

export interface LanguageUse {
  lang: Language
  level: LanguageLevel
  /** Used in daily life at the institution, or taught there as a subject. */
  use: 'used' | 'taught'
}
export interface LocalText {
  lang: Language
  text: string
}
export interface Description {
  original: LocalText
  translations: (LocalText & { machine: boolean })[]
}
/** Lifecycle of a registry entry imported from open data; null for institutions that signed up. */
export const CLAIM_STATES = ['unclaimed', 'claim_pending', 'claimed'] as const
export type ClaimState = (typeof CLAIM_STATES)[number]
/** Open-data sources an entry can come from (the Jinhua list uses the platform's own template). */
export const OPEN_DATA_SOURCES = ['schulgrunddaten', 'jinhua_list'] as const
export type OpenDataSource = (typeof OPEN_DATA_SOURCES)[number]
/** A school's public postal address as published (no person's data). */
export interface PostalAddress {
  street: string
  postcode: string
  town: string
}
export interface ContactPerson {
  name: string
  role: string
  email: string
}

/**
 * Normalised search document and its character bigrams, both computed by PostgreSQL functions
 * from migration 0001 (dj_search_doc, dj_search_norm, dj_bigrams): bigrams make 2-character
 * Chinese words and German words findable through one GIN index without a word segmenter.
 */
const searchDoc = sql`dj_search_norm(dj_search_doc(name, name_i18n, description))`

export const institutions = pgTable(
  'institutions',
  {
    id: pk(),
    side: text('side', { enum: SIDES }).notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: INSTITUTION_STATUSES }).notNull().default('pending'),
    kind: text('kind', { enum: INSTITUTION_KINDS }),
    /** School type, club field or vocational type, depending on kind (and side for schools). */
    subtype: text('subtype'),
    /** Free text for sport clubs, e.g. "Tischtennis". */
    discipline: text('discipline'),
    municipalityId: text('municipality_id'),
    /** Translations of the name, keyed by language; `name` is the original. */
    nameI18n: jsonb('name_i18n').$type<Partial<Record<Language, string>>>().notNull().default({}),
    website: text('website'),
    /** Pupils or members. */
    size: integer('size'),
    languages: jsonb('languages').$type<LanguageUse[]>().notNull().default([]),
    description: jsonb('description').$type<Description | null>(),
    contact: jsonb('contact').$type<ContactPerson | null>(),
    contactConsentAt: ts('contact_consent_at'),
    /** Key of the row in an officer's import file; re-imports match on it. */
    externalKey: text('external_key'),
    demo: boolean('demo').notNull().default(false),
    claimState: text('claim_state', { enum: CLAIM_STATES }),
    source: text('source', { enum: OPEN_DATA_SOURCES }),
    /** The source's own key (the NRW school number); re-imports update by (source, source_key). */
    sourceKey: text('source_key'),
    /** Domain of the published email or homepage, compared with a claimant's email domain. */
    emailDomain: text('email_domain'),
    address: jsonb('address').$type<PostalAddress | null>(),
    lat: doublePrecision('lat'),
    lon: doublePrecision('lon'),
    statusReason: text('status_reason'),
    statusChangedAt: ts('status_changed_at'),
    searchText: text('search_text').generatedAlwaysAs(searchDoc),
    searchGrams: text('search_grams')
      .array()
      .generatedAlwaysAs(sql`dj_bigrams(dj_search_norm(dj_search_doc(name, name_i18n, description)))`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('institutions_external_key_uq').on(t.externalKey),
    uniqueIndex('institutions_source_key_uq').on(t.source, t.sourceKey),
    index('institutions_side_status_ix').on(t.side, t.status, t.id),
    index('institutions_search_grams_ix').using('gin', t.searchGrams),
  ],
)

export const memberships = pgTable(
  'memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull().default('member'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.institutionId] }),
    index('memberships_institution_ix').on(t.institutionId),
  ],
)
