import Type, { type Static } from 'typebox'
import { DateTime, IdParams, IsoDate, Items, Literals, Nullable, problems, Uuid } from '../common.js'
import { route } from '../route.js'

/**
 * The trip plan of a booked visit (issue 13, item 1) and its checklist. The pair's coordinators
 * read and write; both county offices and admins read (as the agreement: admins help the pair).
 * The group is counts per age band: no pupil's personal data, only adult leaders by name.
 */

const tags = ['trip'] as const
export const TRIP_READERS = ['coordinator', 'officer', 'admin'] as const
export const TRIP_DIRECTIONS = ['duren_to_jinhua', 'jinhua_to_duren'] as const
/** The age bands a group is counted in: AGE_BANDS of @dj/exchange (the API's trip test checks they agree). */
export const TRIP_AGE_BANDS = ['8-11', '12-14', '15-17', '18-26', 'trainees'] as const
/** Checklist items derived from the plan; besides them `funding:<slug>` and `custom:<n>`. */
export const TRIP_DERIVED_ITEMS = [
  'visa_f',
  'visa_schengen',
  'insurance',
  'parental_consent',
  'report',
] as const

/** The plan's fields: the document TripPlanFields of @dj/exchange describes; the API checks it (422). */
export const TripPlanFieldsDoc = Type.Record(Type.String(), Type.Unknown(), {
  description: 'TripPlanFields of @dj/exchange',
})

export const ChecklistEntry = Type.Object({
  /** `visa_f`, `visa_schengen`, `insurance`, `parental_consent`, `funding:<slug>`, `report`, `custom:<n>`. */
  key: Type.String(),
  /** A custom item's words, or the funding programme's name. */
  label: Nullable(Type.String()),
  dueDate: Nullable(IsoDate),
  /** The earliest sensible day (visa applications), when there is one. */
  earliest: Nullable(IsoDate),
  done: Type.Boolean(),
  doneAt: Nullable(DateTime),
  overdue: Type.Boolean(),
})
export type ChecklistEntry = Static<typeof ChecklistEntry>

export const ChecklistProgress = Type.Object({
  done: Type.Integer({ minimum: 0 }),
  total: Type.Integer({ minimum: 0 }),
  overdue: Type.Integer({ minimum: 0 }),
})
export type ChecklistProgress = Static<typeof ChecklistProgress>

export const TripPlan = Type.Object({
  id: Uuid,
  partnershipId: Uuid,
  visitId: Nullable(Uuid),
  version: Type.Integer({ minimum: 1 }),
  fields: TripPlanFieldsDoc,
  /** The booked visit the plan belongs to (null for a renewed draft without one yet). */
  visit: Nullable(
    Type.Object({
      startDate: IsoDate,
      endDate: IsoDate,
      hostInstitutionId: Uuid,
      travellerInstitutionId: Uuid,
    }),
  ),
  checklist: Type.Array(ChecklistEntry),
  progress: ChecklistProgress,
  updatedAt: DateTime,
  viewer: Type.Object({ canEdit: Type.Boolean() }),
})
export type TripPlan = Static<typeof TripPlan>

export const VisitIdParams = Type.Object({ visitId: Uuid })

export const createTripPlan = route({
  method: 'POST',
  path: '/v1/visits/:visitId/trip-plan',
  tags,
  summary: 'Plan the trip of a booked visit (prefilled with its dates, direction and group size)',
  description: 'One plan per visit: a second is refused with 409.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: VisitIdParams,
  response: { 201: TripPlan, ...problems(400, 401, 403, 404, 409) },
})

export const tripPlan = route({
  method: 'GET',
  path: '/v1/trip-plans/:id',
  tags,
  summary: 'A trip plan with its checklist and progress',
  access: { roles: TRIP_READERS },
  params: IdParams,
  response: { 200: TripPlan, ...problems(401, 403, 404) },
})

export const EditTripPlanBody = Type.Object(
  {
    /** The version the edit was made on; another one is answered with 409 naming the current one. */
    expectedVersion: Type.Integer({ minimum: 1 }),
    fields: TripPlanFieldsDoc,
  },
  { additionalProperties: false },
)

export const editTripPlan = route({
  method: 'PUT',
  path: '/v1/trip-plans/:id',
  tags,
  summary: 'Edit the plan (either institution); the checklist is derived again, ticks kept',
  description:
    'An `expectedVersion` that is not the current one is refused with 409 problem+json carrying the ' +
    'current version; fields the schema or the visit refuse with 422 and the failing fields.',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: EditTripPlanBody,
  response: { 200: TripPlan, ...problems(400, 401, 403, 404, 409, 422) },
})

export const TripPlanSummary = Type.Object({
  id: Uuid,
  visitId: Nullable(Uuid),
  direction: Literals(TRIP_DIRECTIONS),
  outbound: IsoDate,
  return: IsoDate,
  progress: ChecklistProgress,
  updatedAt: DateTime,
})
export type TripPlanSummary = Static<typeof TripPlanSummary>

export const partnershipTripPlans = route({
  method: 'GET',
  path: '/v1/partnerships/:id/trip-plans',
  tags,
  summary: 'The partnership’s trip plans with their checklist progress, by outbound date',
  access: { roles: TRIP_READERS },
  params: IdParams,
  response: { 200: Items(TripPlanSummary), ...problems(401, 403, 404) },
})

export const ChecklistKeyParams = Type.Object({
  id: Uuid,
  key: Type.String({ pattern: '^[a-z_]+(:[a-z0-9-]+)?$', maxLength: 80 }),
})

export const TickBody = Type.Object({ done: Type.Boolean() }, { additionalProperties: false })

export const tickChecklistItem = route({
  method: 'POST',
  path: '/v1/trip-plans/:id/checklist/:key',
  tags,
  summary: 'Tick or untick a checklist item (its reminders stop or resume)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: ChecklistKeyParams,
  body: TickBody,
  response: { 200: TripPlan, ...problems(400, 401, 403, 404) },
})

export const CustomItemBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 200 }),
    dueDate: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
)

export const addChecklistItem = route({
  method: 'POST',
  path: '/v1/trip-plans/:id/checklist',
  tags,
  summary: 'Add a coordinators’ own checklist item (with an optional due date and its reminders)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: CustomItemBody,
  response: { 201: TripPlan, ...problems(400, 401, 403, 404) },
})
