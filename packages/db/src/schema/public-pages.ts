import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk } from './columns.js'
import { users } from './users.js'

/**
 * The Welcome-Center's public pages (issue 14): one row per saved version of a page (by slug) in
 * one language. Rows are never updated: every save, restore included, appends the next version, so
 * earlier versions stay readable; the newest is what the public sees. The shipped texts live in the
 * API's code as version 0, so a language without a row reads the shipped text (or falls back).
 * Two officers saving on the same version collide on the unique index (409, not a lost edit).
 */
export const publicPageVersions = pgTable(
  'public_page_versions',
  {
    id: pk(),
    slug: text('slug').notNull(),
    locale: text('locale').notNull(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Markdown as the officer wrote it; rendered and sanitised on every read. */
    body: text('body').notNull(),
    /** The version this one copies when it was a restore. */
    restoredFrom: integer('restored_from'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('public_page_versions_uq').on(t.slug, t.locale, t.version),
    index('public_page_versions_slug_ix').on(t.slug),
  ],
)
