import Type, { type Static } from 'typebox'

/**
 * The trip plan of a booked visit (issue 13, item 1) as data. The group is counts per age band:
 * no pupil is ever named, so the platform holds no pupil's personal data. Only adult leaders are
 * named, each with the consent they gave to appear here. Travellers' passport data never enters
 * this document (the visa letter takes it at render time only).
 */

export const TRIP_DIRECTIONS = ['duren_to_jinhua', 'jinhua_to_duren'] as const
export type TripDirection = (typeof TRIP_DIRECTIONS)[number]

/** Age bands of the funders' forms (KJP counts 8–26; vocational programmes count trainees apart). */
export const AGE_BANDS = ['8-11', '12-14', '15-17', '18-26', 'trainees'] as const
export type AgeBand = (typeof AGE_BANDS)[number]
/** Bands whose members may be minors: their parents' consent is collected by the school. */
export const MINOR_BANDS: readonly AgeBand[] = ['8-11', '12-14', '15-17']

export const TripDirectionSchema = Type.Union([
  Type.Literal('duren_to_jinhua'),
  Type.Literal('jinhua_to_duren'),
])
export const AgeBandSchema = Type.Union([
  Type.Literal('8-11'),
  Type.Literal('12-14'),
  Type.Literal('15-17'),
  Type.Literal('18-26'),
  Type.Literal('trainees'),
])

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })
const FreeText = (maxLength: number) => Type.String({ maxLength })
export const IsoDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Count = Type.Integer({ minimum: 0, maximum: 500 })

/** One travel leg as the coordinators note it: carrier and flight or train number, place, time. */
export const TripLeg = Type.Object(
  {
    carrier: Type.Optional(FreeText(120)),
    place: Type.Optional(FreeText(200)),
    time: Type.Optional(FreeText(60)),
  },
  { additionalProperties: false },
)
export type TripLeg = Static<typeof TripLeg>

export const GroupBand = Type.Object({ band: AgeBandSchema, count: Count }, { additionalProperties: false })
export type GroupBand = Static<typeof GroupBand>

/** A named adult leader; `consent: true` records that they agreed to be named on the plan. */
export const TripLeader = Type.Object(
  {
    name: Text(200),
    role: FreeText(120),
    consent: Type.Literal(true),
    consentAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type TripLeader = Static<typeof TripLeader>

const Lodging = Type.Object(
  {
    name: Type.Optional(FreeText(200)),
    nights: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })),
  },
  { additionalProperties: false },
)

export const ProgrammeItem = Type.Object(
  {
    time: Type.Optional(FreeText(20)),
    title: Text(200),
    place: Type.Optional(FreeText(200)),
  },
  { additionalProperties: false },
)
export type ProgrammeItem = Static<typeof ProgrammeItem>

export const ProgrammeDay = Type.Object(
  { date: IsoDate, items: Type.Array(ProgrammeItem, { maxItems: 30 }) },
  { additionalProperties: false },
)
export type ProgrammeDay = Static<typeof ProgrammeDay>

export const TripPlanFields = Type.Object(
  {
    /** From the visit: who travels where. */
    direction: TripDirectionSchema,
    travel: Type.Object({ outbound: IsoDate, return: IsoDate }, { additionalProperties: false }),
    /** How the group arrives at the destination (outbound leg) and leaves it (return leg). */
    arrival: TripLeg,
    departure: TripLeg,
    group: Type.Object(
      {
        bands: Type.Array(GroupBand, { maxItems: AGE_BANDS.length }),
        /** Accompanying adults besides the named leaders' count is the coordinators' own figure. */
        adults: Count,
      },
      { additionalProperties: false },
    ),
    leaders: Type.Array(TripLeader, { maxItems: 20 }),
    accommodation: Type.Object(
      { hostFamilies: Count, hostel: Type.Optional(Lodging), hotel: Type.Optional(Lodging) },
      { additionalProperties: false },
    ),
    programme: Type.Array(ProgrammeDay, { maxItems: 100 }),
    purpose: FreeText(4000),
  },
  { additionalProperties: false },
)
export type TripPlanFields = Static<typeof TripPlanFields>

/** The people travelling as the funders count them: participants by band plus the adults. */
export function participantCount(plan: Pick<TripPlanFields, 'group'>): number {
  return plan.group.bands.reduce((n, b) => n + b.count, 0)
}

/** A first plan from the booked visit: its dates and direction, the whole group in one band to adjust. */
export function draftTripPlan(visit: {
  startDate: string
  endDate: string
  direction: TripDirection
  groupSize: number
}): TripPlanFields {
  return {
    direction: visit.direction,
    travel: { outbound: visit.startDate, return: visit.endDate },
    arrival: {},
    departure: {},
    group: { bands: visit.groupSize > 0 ? [{ band: '12-14', count: visit.groupSize }] : [], adults: 0 },
    leaders: [],
    accommodation: { hostFamilies: 0 },
    programme: [],
    purpose: '',
  }
}
