import { LOCALES, ROLES, SIDES, USER_STATUSES } from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export {
  LOCALES,
  type Locale,
  ROLES,
  type Role,
  SIDES,
  type Side,
  USER_STATUSES,
  type UserStatus,
} from '@dj/vocabulary'

export const users = pgTable(
  'users',
  {
    id: pk(),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    displayName: text('display_name').notNull(),
    locale: text('locale', { enum: LOCALES }).notNull().default('de'),
    timeZone: text('time_zone').notNull().default('Europe/Berlin'),
    role: text('role', { enum: ROLES }).notNull().default('coordinator'),
    /** Only officers have a side: they act for one county office. */
    officerSide: text('officer_side', { enum: SIDES }),
    status: text('status', { enum: USER_STATUSES }).notNull().default('active'),
    emailVerifiedAt: ts('email_verified_at'),
    /** Bumped to invalidate every access token issued before (logout, password change, disable). */
    sessionVersion: integer('session_version').notNull().default(0),
    deletedAt: ts('deleted_at'),
    /** When the retention sweep erased what was left of a deleted account (RETENTION_DAYS later). */
    erasedAt: ts('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_uq').on(sql`lower(${t.email})`),
    check('users_officer_side_ck', sql`(${t.role} = 'officer') = (${t.officerSide} is not null)`),
  ],
)

export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password'] as const
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number]

/** Single-use tokens sent by email; only their hash is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: pk(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: EMAIL_TOKEN_PURPOSES }).notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('email_tokens_hash_uq').on(t.tokenHash), index('email_tokens_user_ix').on(t.userId)],
)
