import { DIRECTIONS, IMPORT_STATUSES, INTEREST_STATUSES } from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { institutions, type Language, type LanguageLevel, MEMBERSHIP_ROLES } from './institutions.js'
import { SIDES, users } from './users.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export {
  DIRECTIONS,
  type Direction,
  FORMATS,
  type Format,
  IMPORT_STATUSES,
  type ImportStatus,
  INTEREST_STATUSES,
  type InterestStatus,
  TOPICS,
  type Topic,
} from '@dj/vocabulary'

export interface TimeWindow {
  /** ISO dates (YYYY-MM-DD), inclusive. */
  start: string
  end: string
}

/** What an institution is looking for; several per institution. No pupil data: sizes and ages only. */
export const interests = pgTable(
  'interests',
  {
    id: pk(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    formats: text('formats').array().notNull(),
    topics: text('topics').array().notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ageMin: integer('age_min').notNull(),
    ageMax: integer('age_max').notNull(),
    groupMin: integer('group_min').notNull(),
    groupMax: integer('group_max').notNull(),
    languages: jsonb('languages').$type<{ lang: Language; level: LanguageLevel }[]>().notNull(),
    windows: jsonb('windows').$type<TimeWindow[]>().notNull().default([]),
    durationMinDays: integer('duration_min_days').notNull(),
    durationMaxDays: integer('duration_max_days').notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    hostingGuests: integer('hosting_guests').notNull().default(0),
    hostFamilies: integer('host_families').notNull().default(0),
    maxPartners: integer('max_partners').notNull().default(1),
    status: text('status', { enum: INTEREST_STATUSES }).notNull().default('open'),
    lastConfirmedAt: ts('last_confirmed_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('interests_institution_ix').on(t.institutionId),
    index('interests_topics_ix').using('gin', t.topics),
    index('interests_formats_ix').using('gin', t.formats),
    // Language filters ask `languages @> '[{"lang": "de"}]'`; without this they scan every interest.
    index('interests_languages_ix').using('gin', t.languages.op('jsonb_path_ops')),
  ],
)

/** Invitations to join an institution; only the token's hash is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: pk(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull().default('member'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    acceptedBy: uuid('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_token_hash_uq').on(t.tokenHash),
    index('invitations_institution_ix').on(t.institutionId),
  ],
)

/** What is wrong with an import row, as a code the web says in the reader's language. */
export type ImportProblemCode =
  | 'required'
  | 'tooLong'
  | 'reservedPrefix'
  | 'length'
  | 'oneOf'
  | 'noSubtype'
  | 'sportOnly'
  | 'municipality'
  | 'website'
  | 'wholeNumber'
  | 'languages'
  | 'contactName'
  | 'email'
  | 'consent'

export interface ImportRowProblem {
  line: number
  column: string
  /** English, for the API and logs. */
  reason: string
  /** Absent on reports stored before codes existed. */
  code?: ImportProblemCode
  params?: Record<string, string | number>
}

/** An officer's CSV import, processed by the registry worker; the file is kept until it is done. */
export const imports = pgTable(
  'imports',
  {
    id: pk(),
    side: text('side', { enum: SIDES }).notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name'),
    content: text('content'),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('queued'),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    report: jsonb('report').$type<ImportRowProblem[]>().notNull().default([]),
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('imports_side_ix').on(t.side, t.createdAt)],
)
