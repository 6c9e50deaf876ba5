import { MEETING_STATUSES, VISIT_DIRECTIONS, VISIT_PLAN_STATUSES, VISIT_STATUSES } from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { institutions } from './institutions.js'
import { partnerships } from './matching.js'
import { SIDES, users } from './users.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export {
  MEETING_STATUSES,
  type MeetingStatus,
  VISIT_DIRECTIONS,
  VISIT_PLAN_STATUSES,
  VISIT_STATUSES,
  type VisitDirection,
  type VisitPlanStatus,
  type VisitStatus,
} from '@dj/vocabulary'

/** A proposed meeting slot as shown to both sides (UTC instants plus each side's local view). */
export interface StoredSlot {
  start: string
  end: string
  allInsideWorkingHours: boolean
  participants: { id: string; timeZone: string; localStart: string; localEnd: string; utcOffset: string }[]
}

/** Parts of a requested range outside a calendar's known data: holidays there are unknown. */
export interface StoredCoverageGap {
  calendarId: string
  role?: string
  participantId?: string
  gaps: { start: string; end: string }[]
}

/**
 * An intro (or later) meeting of a partnership: proposed slots first, then one booked time.
 * `uid` stays the same for the invitation's whole life; `sequence` rises on every change (RFC 5545).
 */
export const meetings = pgTable(
  'meetings',
  {
    id: pk(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    institutionA: uuid('institution_a')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    institutionB: uuid('institution_b')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().default('intro'),
    title: text('title').notNull(),
    status: text('status', { enum: MEETING_STATUSES }).notNull().default('proposed'),
    slotMinutes: integer('slot_minutes').notNull().default(60),
    slots: jsonb('slots').$type<StoredSlot[]>().notNull().default([]),
    coverageGaps: jsonb('coverage_gaps').$type<StoredCoverageGap[]>().notNull().default([]),
    startAt: ts('start_at'),
    endAt: ts('end_at'),
    uid: text('uid').notNull(),
    sequence: integer('sequence').notNull().default(0),
    organizerEmail: text('organizer_email').notNull(),
    chosenBy: uuid('chosen_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meetings_uid_uq').on(t.uid),
    // One intro meeting per partnership, however often partnership.confirmed is delivered.
    uniqueIndex('meetings_partnership_intro_uq').on(t.partnershipId).where(sql`${t.kind} = 'intro'`),
    index('meetings_institution_a_ix').on(t.institutionA),
    index('meetings_institution_b_ix').on(t.institutionB),
  ],
)

export interface StoredVisitWindow {
  start: string
  end: string
  days: number
  hostOpenDays: number
  conflictDays: number
  conflicts: unknown[]
}

/** A visit being planned: the finder's windows and each side's confirmation of one of them. */
export const visitPlans = pgTable(
  'visit_plans',
  {
    id: pk(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostInstitutionId: uuid('host_institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    travellerInstitutionId: uuid('traveller_institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    direction: text('direction', { enum: VISIT_DIRECTIONS }).notNull(),
    days: integer('days').notNull(),
    groupSize: integer('group_size').notNull(),
    rangeStart: date('range_start', { mode: 'string' }).notNull(),
    rangeEnd: date('range_end', { mode: 'string' }).notNull(),
    windows: jsonb('windows').$type<StoredVisitWindow[]>().notNull().default([]),
    rejected: jsonb('rejected').$type<unknown[]>().notNull().default([]),
    coverageGaps: jsonb('coverage_gaps').$type<StoredCoverageGap[]>().notNull().default([]),
    /** The window start each side confirmed; equal and non-null means booked. */
    hostConfirmedStart: date('host_confirmed_start', { mode: 'string' }),
    travellerConfirmedStart: date('traveller_confirmed_start', { mode: 'string' }),
    status: text('status', { enum: VISIT_PLAN_STATUSES }).notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('visit_plans_partnership_ix').on(t.partnershipId),
    check('visit_plans_days_ck', sql`${t.days} between 1 and 90`),
  ],
)

/** A booked visit: all-day dates (inclusive end), one invitation uid for its whole life. */
export const visits = pgTable(
  'visits',
  {
    id: pk(),
    visitPlanId: uuid('visit_plan_id')
      .notNull()
      .references(() => visitPlans.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    hostInstitutionId: uuid('host_institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    travellerInstitutionId: uuid('traveller_institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Zone whose midnight starts the visit (the host's): reminders count back from there. */
    timeZone: text('time_zone').notNull(),
    status: text('status', { enum: VISIT_STATUSES }).notNull().default('scheduled'),
    uid: text('uid').notNull(),
    sequence: integer('sequence').notNull().default(0),
    organizerEmail: text('organizer_email').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('visits_uid_uq').on(t.uid), uniqueIndex('visits_plan_uq').on(t.visitPlanId)],
)

export const TIMER_STATUSES = ['pending', 'fired', 'cancelled'] as const
export type TimerStatus = (typeof TIMER_STATUSES)[number]

/**
 * Every future action of the scheduler. PostgreSQL is the source of truth; Redis only holds a
 * delayed job per pending timer (job id = timer id), rebuilt from here when missing. Firing marks
 * the row fired in the same transaction as its outbox event, so no timer fires twice.
 */
export const timers = pgTable(
  'timers',
  {
    /** Deterministic, e.g. `reminder_meeting-<uuid>_0_7d`; no ':' (BullMQ job ids). */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    /** What it acts on, e.g. `meeting:<uuid>`, `proposal:<uuid>`. */
    target: text('target').notNull(),
    fireAt: ts('fire_at').notNull(),
    sequence: integer('sequence').notNull().default(0),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status', { enum: TIMER_STATUSES }).notNull().default('pending'),
    firedAt: ts('fired_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('timers_pending_ix').on(t.fireAt).where(sql`${t.status} = 'pending'`),
    index('timers_target_ix').on(t.target),
  ],
)

/** Calendar ids with DB additions: the builtin side calendars, `cn-school`, or `institution:<uuid>`. */
export const CALENDAR_IMPORT_FORMATS = ['ics', 'csv', 'manual'] as const

/**
 * One upload of calendar data (officer for a side calendar or an institution, coordinator for
 * their own institution). `coverage` declares the range for which the upload is complete (e.g. China's
 * 2027 holidays once published), which closes that calendar's coverage gap.
 */
export const calendarImports = pgTable(
  'calendar_imports',
  {
    id: pk(),
    calendarId: text('calendar_id').notNull(),
    side: text('side', { enum: SIDES }),
    institutionId: uuid('institution_id').references(() => institutions.id, { onDelete: 'cascade' }),
    format: text('format', { enum: CALENDAR_IMPORT_FORMATS }).notNull(),
    coverageStart: date('coverage_start', { mode: 'string' }),
    coverageEnd: date('coverage_end', { mode: 'string' }),
    entryCount: integer('entry_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('calendar_imports_calendar_ix').on(t.calendarId)],
)

/** Dated facts added to a calendar; merged with the builtin data when slots or windows are computed. */
export const calendarEntries = pgTable(
  'calendar_entries',
  {
    id: pk(),
    calendarId: text('calendar_id').notNull(),
    importId: uuid('import_id').references(() => calendarImports.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id').references(() => institutions.id, { onDelete: 'cascade' }),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    name: jsonb('name').$type<{ de?: string; en?: string; zh?: string }>().notNull().default({}),
    source: text('source').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('calendar_entries_calendar_ix').on(t.calendarId, t.startDate),
    check('calendar_entries_range_ck', sql`${t.endDate} >= ${t.startDate}`),
  ],
)
