import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, updatedAt } from './columns.js'
import { SIDES, users } from './users.js'

export const institutions = pgTable('institutions', {
  id: pk(),
  side: text('side', { enum: SIDES }).notNull(),
  name: text('name').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

export const MEMBERSHIP_ROLES = ['owner', 'member'] as const
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number]

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
