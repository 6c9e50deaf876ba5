import Type, { type Static } from 'typebox'
import { DateTime, IsoDate, Literals, Nullable, TimeZone, Uuid } from '../common.js'
import { EntryKind, MeetingStatus, Side, VisitDirection, VisitPlanStatus, VisitStatus } from '../enums.js'

/** Scheduling's shapes: meetings and their slots, visit plans and visits, calendars and entries. */

/** The side calendars every institution's days are checked against (calendar-store has their data). */
export const SIDE_CALENDAR_IDS = ['de-nw-public', 'de-nw-school', 'cn-public', 'cn-school'] as const
export type SideCalendarId = (typeof SIDE_CALENDAR_IDS)[number]

/** Kinds an institution may add to its own calendar (holidays of a whole side come from officers). */
export const INSTITUTION_ENTRY_KINDS = [
  'blackout',
  'exam',
  'closure',
  'movable_day_off',
  'school_holiday',
] as const satisfies readonly EntryKind[]
export type InstitutionEntryKind = (typeof INSTITUTION_ENTRY_KINDS)[number]

/** Why the visit finder rules a period out or ranks it lower (the codes of `reasons`). */
export const VISIT_REASON_CODES = [
  'HOST_SCHOOL_HOLIDAY',
  'HOST_PUBLIC_HOLIDAY',
  'HOST_CLOSURE',
  'HOST_BLACKOUT',
  'HOST_EXAM',
  'HOST_MOVABLE_DAY_OFF',
  'TRAVELLER_BLACKOUT',
  'TRAVELLER_EXAM',
  'TRAVELLER_TERM_TIME',
  'TRAVELLER_SCHOOL_HOLIDAY',
  'TRAVEL_PEAK_SPRING_FESTIVAL',
  'TRAVEL_PEAK_GOLDEN_WEEK',
  'TRAVEL_DAY_NOT_ALLOWED',
  'CALENDAR_DATA_MISSING',
] as const
export type VisitReasonCode = (typeof VISIT_REASON_CODES)[number]

export const DateRange = Type.Object({ start: IsoDate, end: IsoDate }, { additionalProperties: false })
const Gap = Type.Object({ start: Type.String(), end: Type.String() })

/** Parts of the range outside a calendar's known data: holidays there are unknown, not absent. */
export const CoverageGaps = Type.Array(
  Type.Object({
    calendarId: Type.String(),
    role: Type.Optional(Type.String()),
    participantId: Type.Optional(Type.String()),
    gaps: Type.Array(Gap),
  }),
  { description: 'date ranges beyond the known calendar data (e.g. China 2027 before it is published)' },
)
export type CoverageGaps = Static<typeof CoverageGaps>

export const SlotView = Type.Object({
  start: Type.String(),
  end: Type.String(),
  allInsideWorkingHours: Type.Boolean(),
  minutesOutsideWorkingHours: Type.Optional(Type.Integer()),
  participants: Type.Array(
    Type.Object({
      id: Type.String(),
      timeZone: Type.String(),
      localStart: Type.String(),
      localEnd: Type.String(),
      utcOffset: Type.String(),
      insideWorkingHours: Type.Optional(Type.Boolean()),
      makeupWorkday: Type.Optional(Type.Boolean()),
    }),
  ),
})
export type SlotView = Static<typeof SlotView>

export const Meeting = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  institutionIds: Type.Array(Uuid),
  title: Type.String(),
  status: MeetingStatus,
  slotMinutes: Type.Integer(),
  slots: Type.Array(SlotView),
  coverageGaps: CoverageGaps,
  start: Nullable(Type.String()),
  end: Nullable(Type.String()),
  uid: Type.String(),
  sequence: Type.Integer(),
  canAct: Type.Boolean({ description: 'false for officers and admins (read-only)' }),
})
export type Meeting = Static<typeof Meeting>

export const PickBody = Type.Object(
  {
    slotIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
    start: Type.Optional(DateTime),
  },
  { additionalProperties: false },
)
export type PickBody = Static<typeof PickBody>

const NameOut = Type.Object({
  de: Type.Optional(Type.String()),
  en: Type.Optional(Type.String()),
  zh: Type.Optional(Type.String()),
})

/** One of the finder's reasons a period does not fit (code: one of VISIT_REASON_CODES). */
export const FinderReason = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  date: Type.String(),
  endDate: Type.Optional(Type.String()),
  name: Type.Optional(NameOut),
  calendarId: Type.Optional(Type.String()),
})
export type FinderReason = Static<typeof FinderReason>

export const VisitWindowView = Type.Object({
  start: Type.String(),
  end: Type.String(),
  days: Type.Integer(),
  hostOpenDays: Type.Integer(),
  conflictDays: Type.Integer(),
  conflicts: Type.Array(FinderReason),
})

export const VisitPlan = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  direction: VisitDirection,
  hostInstitutionId: Uuid,
  travellerInstitutionId: Uuid,
  days: Type.Integer(),
  groupSize: Type.Integer(),
  range: DateRange,
  status: VisitPlanStatus,
  windows: Type.Array(VisitWindowView),
  rejected: Type.Array(
    Type.Object({ start: Type.String(), end: Type.String(), reasons: Type.Array(FinderReason) }),
  ),
  coverageGaps: CoverageGaps,
  confirmations: Type.Object({ host: Nullable(Type.String()), travellers: Nullable(Type.String()) }),
  visitId: Nullable(Uuid),
  canAct: Type.Boolean(),
})
export type VisitPlan = Static<typeof VisitPlan>

export const VisitPlanBody = Type.Object(
  {
    direction: VisitDirection,
    days: Type.Integer({ minimum: 1, maximum: 90 }),
    groupSize: Type.Integer({ minimum: 1, maximum: 500 }),
    range: DateRange,
  },
  { additionalProperties: false },
)
export type VisitPlanBody = Static<typeof VisitPlanBody>

export const Visit = Type.Object({
  id: Uuid,
  visitPlanId: Uuid,
  partnershipId: Uuid,
  hostInstitutionId: Uuid,
  travellerInstitutionId: Uuid,
  title: Type.String(),
  start: IsoDate,
  end: IsoDate,
  timeZone: Type.String(),
  status: VisitStatus,
  uid: Type.String(),
  sequence: Type.Integer(),
  canAct: Type.Boolean(),
})
export type Visit = Static<typeof Visit>

/** A new start date for a visit, or the window a side confirms. */
export const StartBody = Type.Object({ start: IsoDate }, { additionalProperties: false })

export const Schedule = Type.Object({
  meetings: Type.Array(Meeting),
  visitPlans: Type.Array(VisitPlan),
  visits: Type.Array(Visit),
})
export type Schedule = Static<typeof Schedule>

const LocalizedName = Type.Object(
  {
    de: Type.Optional(Type.String({ maxLength: 200 })),
    en: Type.Optional(Type.String({ maxLength: 200 })),
    zh: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
)

export const CalendarSummary = Type.Object({
  id: Type.String(),
  scope: Type.Union([Type.Literal('side'), Type.Literal('institution')]),
  side: Nullable(Side),
  institutionId: Nullable(Uuid),
  coverage: Type.Array(Gap),
  coverageGaps: Type.Array(Gap),
  entryCount: Type.Integer(),
  attribution: Nullable(Type.String()),
})
export type CalendarSummary = Static<typeof CalendarSummary>

export const CalendarEntryView = Type.Object({
  id: Type.Optional(Uuid),
  start: IsoDate,
  end: IsoDate,
  kind: Type.String(),
  name: NameOut,
  source: Type.String(),
})
export type CalendarEntryView = Static<typeof CalendarEntryView>

export const CalendarEntries = Type.Object({
  id: Type.String(),
  entries: Type.Array(CalendarEntryView),
  coverageGaps: Type.Array(Gap),
  attribution: Nullable(Type.String()),
})

export const EntryInput = Type.Object(
  {
    start: IsoDate,
    end: Type.Optional(IsoDate),
    kind: EntryKind,
    name: Type.Optional(LocalizedName),
  },
  { additionalProperties: false },
)
export type EntryInput = Static<typeof EntryInput>

export const EntriesBody = Type.Object(
  { entries: Type.Array(EntryInput, { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
)
export type EntriesBody = Static<typeof EntriesBody>

export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('ics'), Type.Literal('csv')]),
    content: Type.String({ minLength: 1, maxLength: 500_000, description: 'the ICS or CSV text' }),
    calendarId: Type.Optional(
      Type.String({ description: 'de-nw-public, de-nw-school, cn-public, cn-school' }),
    ),
    institutionId: Type.Optional(Uuid),
    /** Kind given to ICS events (CSV lines carry their own). */
    kind: Type.Optional(EntryKind),
    /** Zone for floating ICS times. */
    timeZone: Type.Optional(TimeZone),
    /** The range for which this upload is complete: closes the calendar's coverage gap there. */
    coverage: Type.Optional(DateRange),
    /** replace (default): earlier imports into the same calendar are removed; append: kept. */
    mode: Type.Optional(Type.Union([Type.Literal('replace'), Type.Literal('append')])),
  },
  { additionalProperties: false },
)
export type ImportBody = Static<typeof ImportBody>

/** Options of a raw (text/calendar, text/csv) upload; a JSON upload carries them in the body. */
export const ImportQuery = Type.Object({
  calendarId: Type.Optional(Type.String()),
  institutionId: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String()),
  timeZone: Type.Optional(Type.String()),
  mode: Type.Optional(Type.String()),
  coverageStart: Type.Optional(Type.String()),
  coverageEnd: Type.Optional(Type.String()),
})

export const ImportResult = Type.Object({
  importId: Uuid,
  calendarId: Type.String(),
  entries: Type.Integer(),
  coverage: Type.Array(Type.Object({ start: Type.String(), end: Type.String() })),
})
export type ImportResult = Static<typeof ImportResult>

/** start..end of a calendar listing (both or neither; entries need both). */
export const RangeQuery = Type.Object(
  { start: Type.Optional(IsoDate), end: Type.Optional(IsoDate) },
  { additionalProperties: false },
)

const TimeSpan = Type.Object({ start: Type.String(), end: Type.String() }, { additionalProperties: false })
const Day = Type.Optional(Type.Array(TimeSpan, { maxItems: 4 }))

export const SlotsBody = Type.Object(
  {
    participants: Type.Array(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
          timeZone: TimeZone,
          side: Type.Optional(Side),
          institutionId: Type.Optional(Uuid),
          workingHours: Type.Optional(
            Type.Object(
              { mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    range: Type.Object(
      { start: Type.String(), end: Type.String(), timeZone: Type.Optional(TimeZone) },
      {
        additionalProperties: false,
        description: 'ISO instants or dates (dates: whole days in range.timeZone)',
      },
    ),
    slotMinutes: Type.Integer({ minimum: 5, maximum: 480 }),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    granularityMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 240 })),
    prefer: Type.Optional(Literals(['convenient', 'earliest'])),
  },
  { additionalProperties: false },
)
export type SlotsBody = Static<typeof SlotsBody>

export const SlotsResult = Type.Object({
  slots: Type.Array(SlotView),
  coverageGaps: CoverageGaps,
  candidatesConsidered: Type.Integer(),
})
export type SlotsResult = Static<typeof SlotsResult>
