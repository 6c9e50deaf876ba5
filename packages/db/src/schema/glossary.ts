import { integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, updatedAt } from './columns.js'
import { users } from './users.js'

/**
 * An entry of the bilingual search glossary (issue 14): the same thing's terms in German, Chinese
 * and English, the first of each the preferred one. Seeded from GLOSSARY of @dj/vocabulary by a
 * custom migration (`seed_key` is the shipped entry's key; entries officers add have none);
 * `version` makes two officers' concurrent edits conflict; every change is in the audit log.
 */
export const glossaryEntries = pgTable(
  'glossary_entries',
  {
    id: pk(),
    seedKey: text('seed_key'),
    de: text('de').array().notNull(),
    zh: text('zh').array().notNull(),
    en: text('en').array().notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('glossary_entries_seed_key_uq').on(t.seedKey)],
)
