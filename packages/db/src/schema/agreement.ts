import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
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
import { institutions } from './institutions.js'
import { partnerships } from './matching.js'
import { SIDES, users } from './users.js'

/**
 * The exchange agreement of a partnership (issue 12). The fields are one jsonb document: their
 * shape is the TypeBox schema of @dj/agreement, which checks every write (the database does not
 * depend on the domain package, so it keeps them as a document). The statuses mirror STATUSES
 * of @dj/agreement.
 */
export const AGREEMENT_STATUSES = [
  'draft',
  'ready_for_signature',
  'signed_by_institutions',
  'countersigned',
] as const
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number]

/** The signing configuration, as SigningConfig of @dj/agreement. */
export interface AgreementConfigRow {
  countersign: boolean
  secondSigner: { duren: boolean; jinhua: boolean }
  designated?: Record<string, string>
}

/** One agreement per partnership, at its current version; each version is also kept below. */
export const agreements = pgTable(
  'agreements',
  {
    id: pk(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    /**
     * 1 for the partnership's first agreement; "plan the next one" (issue 13) starts edition n+1 as
     * a draft, and the earlier editions stay as they were signed.
     */
    edition: integer('edition').notNull().default(1),
    version: integer('version').notNull(),
    /** SHA-256 hex of the canonical fields (versionHash of @dj/agreement): what a signature names. */
    hash: text('hash').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull().default('draft'),
    config: jsonb('config').$type<AgreementConfigRow>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** When the last signature completed it (null until then). */
    completedAt: ts('completed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agreements_partnership_edition_uq').on(t.partnershipId, t.edition),
    check('agreements_version_ck', sql`${t.version} >= 1`),
  ],
)

/** Every version ever written, so each one's PDF can be printed and the changes shown. */
export const agreementVersions = pgTable(
  'agreement_versions',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    hash: text('hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** When this version went out for signature (null: it stayed a draft). */
    readyAt: ts('ready_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.version] })],
)

/**
 * Who signed which version, when, and the hash they signed. Signatures of older versions stay
 * (with the time the edit voided them) so the history shows who had signed what.
 */
export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: pk(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    versionHash: text('version_hash').notNull(),
    /** The place on the signature block (SlotId of @dj/agreement: `duren.first`, `jinhua.officer`, …). */
    slot: text('slot').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The name and role as signed; they stay when the account changes or goes. */
    name: text('name').notNull(),
    role: text('role').notNull(),
    side: text('side', { enum: SIDES }).notNull(),
    /** The institution signed for (null for an officer's countersignature). */
    institutionId: uuid('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
    officer: boolean('officer').notNull().default(false),
    signedAt: ts('signed_at').notNull(),
    /** Set when an edit voided this signature. */
    voidedAt: ts('voided_at'),
  },
  (t) => [
    uniqueIndex('agreement_signatures_slot_uq').on(t.agreementId, t.version, t.slot),
    index('agreement_signatures_agreement_ix').on(t.agreementId, t.signedAt),
  ],
)
