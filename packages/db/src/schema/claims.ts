import { sql } from 'drizzle-orm'
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts } from './columns.js'
import { institutions } from './institutions.js'
import { users } from './users.js'

export const CLAIM_STATUSES = ['pending', 'confirmed', 'refused'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]

/**
 * A coordinator's request to take over an unclaimed registry entry (imported from open data).
 * The officer of the entry's side decides; confirming makes the coordinator its owner member.
 */
export const institutionClaims = pgTable(
  'institution_claims',
  {
    id: pk(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('pending'),
    /** The coordinator's role at the school, in their words (e.g. "Schulleitung"). */
    role: text('role'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: ts('decided_at'),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    // One open claim per school at a time: a second claimant waits for the first decision.
    uniqueIndex('institution_claims_pending_uq').on(t.institutionId).where(sql`${t.status} = 'pending'`),
    index('institution_claims_status_ix').on(t.status, t.createdAt),
  ],
)
