import { boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, updatedAt } from './columns.js'
import { users } from './users.js'

/**
 * A funding programme of the officers' catalogue (issue 13). Its rules, rates and deadlines are one
 * jsonb document shaped by FundingProgramme of @dj/exchange (checked on every write), so a funder's
 * new rule is a data change, not a migration. `slug` is stable (seed data and checklist keys use it);
 * `version` makes two officers' concurrent edits conflict; every change is in the audit log.
 */
export const fundingProgrammes = pgTable(
  'funding_programmes',
  {
    id: pk(),
    slug: text('slug').notNull(),
    version: integer('version').notNull().default(1),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    active: boolean('active').notNull().default(true),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('funding_programmes_slug_uq').on(t.slug)],
)
