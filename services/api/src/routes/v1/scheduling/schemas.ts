import Type from 'typebox'
import { DateTime, Side, TimeZone, Uuid } from '../../../http/schemas.js'

export const IsoDate = Type.String({ format: 'date', description: 'civil date YYYY-MM-DD' })
const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])

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

const SlotView = Type.Object({
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

export const MeetingStatus = Type.Union([
  Type.Literal('proposed'),
  Type.Literal('scheduled'),
  Type.Literal('cancelled'),
])

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

export const PickBody = Type.Object(
  {
    slotIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 99 })),
    start: Type.Optional(DateTime),
  },
  { additionalProperties: false },
)

const NameOut = Type.Object({
  de: Type.Optional(Type.String()),
  en: Type.Optional(Type.String()),
  zh: Type.Optional(Type.String()),
})

const Reason = Type.Object({
  code: Type.String(),
  severity: Type.String(),
  date: Type.String(),
  endDate: Type.Optional(Type.String()),
  name: Type.Optional(NameOut),
  calendarId: Type.Optional(Type.String()),
})

const VisitWindow = Type.Object({
  start: Type.String(),
  end: Type.String(),
  days: Type.Integer(),
  hostOpenDays: Type.Integer(),
  conflictDays: Type.Integer(),
  conflicts: Type.Array(Reason),
})

export const VisitDirection = Type.Union([Type.Literal('duren_to_jinhua'), Type.Literal('jinhua_to_duren')])

export const VisitPlan = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  direction: VisitDirection,
  hostInstitutionId: Uuid,
  travellerInstitutionId: Uuid,
  days: Type.Integer(),
  groupSize: Type.Integer(),
  range: DateRange,
  status: Type.Union([Type.Literal('open'), Type.Literal('booked'), Type.Literal('cancelled')]),
  windows: Type.Array(VisitWindow),
  rejected: Type.Array(
    Type.Object({ start: Type.String(), end: Type.String(), reasons: Type.Array(Reason) }),
  ),
  coverageGaps: CoverageGaps,
  confirmations: Type.Object({ host: Nullable(Type.String()), travellers: Nullable(Type.String()) }),
  visitId: Nullable(Uuid),
  canAct: Type.Boolean(),
})

export const VisitPlanBody = Type.Object(
  {
    direction: VisitDirection,
    days: Type.Integer({ minimum: 1, maximum: 90 }),
    groupSize: Type.Integer({ minimum: 1, maximum: 500 }),
    range: DateRange,
  },
  { additionalProperties: false },
)

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
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('cancelled')]),
  uid: Type.String(),
  sequence: Type.Integer(),
  canAct: Type.Boolean(),
})

export const EntryKind = Type.Union(
  [
    'public_holiday',
    'school_holiday',
    'makeup_workday',
    'blackout',
    'exam',
    'closure',
    'movable_day_off',
  ].map((k) => Type.Literal(k)),
)
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

export const EntryView = Type.Object({
  id: Type.Optional(Uuid),
  start: IsoDate,
  end: IsoDate,
  kind: Type.String(),
  name: NameOut,
  source: Type.String(),
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

export const ImportBody = Type.Object(
  {
    format: Type.Union([Type.Literal('ics'), Type.Literal('csv')]),
    content: Type.String({ minLength: 1, maxLength: 500_000, description: 'the ICS or CSV text' }),
    calendarId: Type.Optional(
      Type.String({ description: 'de-nw-public, de-nw-school, cn-public, cn-school' }),
    ),
    institutionId: Type.Optional(Uuid),
    kind: Type.Optional(EntryKind),
    timeZone: Type.Optional(TimeZone),
    coverage: Type.Optional(DateRange),
    mode: Type.Optional(Type.Union([Type.Literal('replace'), Type.Literal('append')])),
  },
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
    prefer: Type.Optional(Type.Union([Type.Literal('convenient'), Type.Literal('earliest')])),
  },
  { additionalProperties: false },
)

export const SlotsResult = Type.Object({
  slots: Type.Array(SlotView),
  coverageGaps: CoverageGaps,
  candidatesConsidered: Type.Integer(),
})
