import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { partnerships } from './matching.js'
import { visits } from './scheduling.js'
import { users } from './users.js'

/**
 * The trip plan of a booked visit (issue 13), or the draft of the next one (renew: no visit yet).
 * The fields are one jsonb document shaped by TripPlanFields of @dj/exchange, which checks every
 * write: travel dates, arrival and departure, the group as counts per age band (never a pupil's
 * name), the named adult leaders with their consent, accommodation and the programme by day.
 * `version` makes concurrent edits by the two sides conflict instead of overwriting each other.
 */
export const tripPlans = pgTable(
  'trip_plans',
  {
    id: pk(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    visitId: uuid('visit_id').references(() => visits.id, { onDelete: 'cascade' }),
    /** The plan this one was renewed from ("plan the next one"). */
    renewedFromId: uuid('renewed_from_id'),
    version: integer('version').notNull().default(1),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('trip_plans_partnership_ix').on(t.partnershipId),
    uniqueIndex('trip_plans_visit_uq').on(t.visitId).where(sql`${t.visitId} is not null`),
    check('trip_plans_version_ck', sql`${t.version} >= 1`),
  ],
)

/**
 * One checklist item of a trip plan. `key` names a derived item (`visa_f`, `visa_schengen`,
 * `insurance`, `parental_consent`, `funding:<slug>`, `report`, …) or `custom:<n>` for one a
 * coordinator added; derived items are re-derived when the dates change, keeping what was ticked.
 */
export const tripChecklistItems = pgTable(
  'trip_checklist_items',
  {
    id: pk(),
    tripPlanId: uuid('trip_plan_id')
      .notNull()
      .references(() => tripPlans.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** Only for custom items: the coordinator's own words. */
    label: text('label'),
    dueDate: date('due_date', { mode: 'string' }),
    position: integer('position').notNull().default(0),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('trip_checklist_items_key_uq').on(t.tripPlanId, t.key)],
)
