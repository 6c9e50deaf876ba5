import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { institutions } from './institutions.js'
import { partnerships } from './matching.js'
import { visits } from './scheduling.js'
import { users } from './users.js'

export const REPORT_STATUSES = ['open', 'filed'] as const
export type ReportStatus = (typeof REPORT_STATUSES)[number]
/** A public story's way to the Welcome-Center pages: an officer reviews it before it is published. */
export const STORY_STATUSES = ['pending_review', 'published', 'rejected', 'withdrawn'] as const
export type StoryStatus = (typeof STORY_STATUSES)[number]

/**
 * The report of one institution after a visit ended (issue 13): opened for both institutions when
 * the visit ends, at most two reminders, then the officers are told. The answers are one jsonb
 * document shaped by ReportFields of @dj/exchange (participants as counts per band, never names).
 * The optional public story is kept apart with its own consent and review state.
 */
export const exchangeReports = pgTable(
  'exchange_reports',
  {
    id: pk(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    status: text('status', { enum: REPORT_STATUSES }).notNull().default('open'),
    version: integer('version').notNull().default(1),
    fields: jsonb('fields').$type<Record<string, unknown>>(),
    /** { language, title, text, consent: true, consentedBy, consentedAt } or null. */
    story: jsonb('story').$type<Record<string, unknown>>(),
    storyStatus: text('story_status', { enum: STORY_STATUSES }),
    remindersSent: integer('reminders_sent').notNull().default(0),
    officersToldAt: ts('officers_told_at'),
    openedAt: ts('opened_at').notNull().defaultNow(),
    filedAt: ts('filed_at'),
    filedBy: uuid('filed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('exchange_reports_visit_institution_uq').on(t.visitId, t.institutionId),
    index('exchange_reports_partnership_ix').on(t.partnershipId),
  ],
)
