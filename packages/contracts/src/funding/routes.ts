import Type, { type Static } from 'typebox'
import { DateTime, IdParams, Items, Literals, Nullable, problems, Uuid } from '../common.js'
import { Locale } from '../enums.js'
import { route } from '../route.js'

/**
 * Funding programmes (issue 13, item 3): the offices keep the catalogue (admins read it), every
 * signed-in user sees the active programmes, and a trip plan's people see which programmes fit
 * their trip, why the others do not, and a budget estimate by each programme's rates.
 */

const tags = ['funding'] as const
/** The catalogue is read by both offices and admins; only officers change it. */
export const CATALOGUE_READERS = ['officer', 'admin'] as const
/** Who sees a trip's funding: as the trip plan (the pair, both offices, admins). */
export const TRIP_FUNDING_READERS = ['coordinator', 'officer', 'admin'] as const

/** The programme document: FundingProgramme of @dj/exchange (the API checks it: 422 with the paths). */
export const FundingProgrammeDoc = Type.Record(Type.String(), Type.Unknown(), {
  description: 'FundingProgramme of @dj/exchange',
})

export const FundingProgrammeEntry = Type.Object({
  id: Uuid,
  slug: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  active: Type.Boolean(),
  fields: FundingProgrammeDoc,
  updatedAt: DateTime,
})
export type FundingProgrammeEntry = Static<typeof FundingProgrammeEntry>

export const fundingProgrammes = route({
  method: 'GET',
  path: '/v1/funding-programmes',
  tags,
  summary: 'The active funding programmes',
  access: { roles: 'any' },
  response: { 200: Items(FundingProgrammeEntry), ...problems(401) },
})

export const officerFundingProgrammes = route({
  method: 'GET',
  path: '/v1/officer/funding-programmes',
  tags,
  summary: 'The whole catalogue, deactivated programmes included',
  access: { roles: CATALOGUE_READERS },
  response: { 200: Items(FundingProgrammeEntry), ...problems(401, 403) },
})

export const officerFundingProgramme = route({
  method: 'GET',
  path: '/v1/officer/funding-programmes/:id',
  tags,
  summary: 'One programme of the catalogue',
  access: { roles: CATALOGUE_READERS },
  params: IdParams,
  response: { 200: FundingProgrammeEntry, ...problems(401, 403, 404) },
})

export const CreateFundingProgrammeBody = Type.Object(
  { fields: FundingProgrammeDoc },
  { additionalProperties: false },
)

export const createFundingProgramme = route({
  method: 'POST',
  path: '/v1/officer/funding-programmes',
  tags,
  summary: 'Add a programme to the catalogue',
  description: 'A slug already in the catalogue is refused with 409; a document the schema refuses with 422.',
  access: { roles: ['officer'], verifiedEmail: true },
  body: CreateFundingProgrammeBody,
  response: { 201: FundingProgrammeEntry, ...problems(400, 401, 403, 409, 422) },
})

export const EditFundingProgrammeBody = Type.Object(
  {
    /** The version the edit was made on; another one is answered with 409 naming the current one. */
    expectedVersion: Type.Integer({ minimum: 1 }),
    fields: FundingProgrammeDoc,
  },
  { additionalProperties: false },
)

export const editFundingProgramme = route({
  method: 'PUT',
  path: '/v1/officer/funding-programmes/:id',
  tags,
  summary: 'Edit a programme (the slug stays)',
  description:
    'An `expectedVersion` that is not the current one is refused with 409 problem+json carrying the ' +
    'current version; a document the schema refuses with 422.',
  access: { roles: ['officer'], verifiedEmail: true },
  params: IdParams,
  body: EditFundingProgrammeBody,
  response: { 200: FundingProgrammeEntry, ...problems(400, 401, 403, 404, 409, 422) },
})

export const SetFundingProgrammeActiveBody = Type.Object(
  { expectedVersion: Type.Integer({ minimum: 1 }), active: Type.Boolean() },
  { additionalProperties: false },
)

export const setFundingProgrammeActive = route({
  method: 'POST',
  path: '/v1/officer/funding-programmes/:id/active',
  tags,
  summary: 'Deactivate a programme (no longer shown or reminded of) or activate it again',
  access: { roles: ['officer'], verifiedEmail: true },
  params: IdParams,
  body: SetFundingProgrammeActiveBody,
  response: { 200: FundingProgrammeEntry, ...problems(400, 401, 403, 404, 409) },
})

export const FUNDING_FIT_RULES = [
  'format',
  'side',
  'kind',
  'direction',
  'activities_in_germany_only',
  'ages',
  'participants',
  'leaders',
  'duration',
] as const

export const FailedFundingRule = Type.Object({
  rule: Literals(FUNDING_FIT_RULES),
  /** What the programme wants (a list, a range, a maximum); see FailedRule of @dj/exchange. */
  expected: Type.Unknown(),
  /** What the plan has; null: the plan does not say yet. */
  actual: Type.Unknown(),
})
export type FailedFundingRule = Static<typeof FailedFundingRule>

const LocalName = Type.Object({ de: Type.String(), en: Type.String(), zh: Type.String() })

export const BudgetLineView = Type.Object({
  item: Type.String({
    description: 'per_person_day, staff_per_person_day, travel_km, interpreter_day, visa, lump_sum',
  }),
  unit: Type.String({ description: 'person_day, person_km, day, person, once' }),
  quantity: Type.Number(),
  unitRate: Type.Number(),
  amount: Type.Number(),
  label: Type.Optional(LocalName),
})

export const BudgetView = Type.Object({
  currency: Type.Literal('EUR'),
  distanceKm: Type.Integer({ minimum: 0 }),
  persons: Type.Integer({ minimum: 0 }),
  days: Nullable(Type.Integer()),
  lines: Type.Array(BudgetLineView),
  total: Type.Number(),
  missing: Type.Array(Type.Literal('days')),
})
export type BudgetView = Static<typeof BudgetView>

export const TripFundingProgramme = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: LocalName,
  funder: Type.String(),
  sourceUrl: Type.String(),
  lastChecked: Type.String(),
  notes: Type.String(),
  fits: Type.Boolean(),
  failed: Type.Array(FailedFundingRule),
  budget: BudgetView,
  /** The application deadlines before the trip (YYYY-MM-DD), soonest first. */
  deadlines: Type.Array(Type.Object({ label: LocalName, date: Type.String() })),
})
export type TripFundingProgramme = Static<typeof TripFundingProgramme>

export const TripFunding = Type.Object({
  tripPlanId: Uuid,
  partnershipId: Uuid,
  /** The fitting programmes first, each group by name. */
  programmes: Type.Array(TripFundingProgramme),
})
export type TripFunding = Static<typeof TripFunding>

export const tripFunding = route({
  method: 'GET',
  path: '/v1/trip-plans/:id/funding',
  tags,
  summary: 'For every active programme: whether the trip fits, the rules it breaks, a budget estimate',
  access: { roles: TRIP_FUNDING_READERS },
  params: IdParams,
  response: { 200: TripFunding, ...problems(401, 403, 404) },
})

export const BudgetParams = Type.Object({
  id: Uuid,
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 }),
})
export const BudgetQuery = Type.Object({ locale: Type.Optional(Locale) }, { additionalProperties: false })

export const tripBudgetCsv = route({
  method: 'GET',
  path: '/v1/trip-plans/:id/funding/:slug/budget.csv',
  tags,
  summary: 'The budget estimate as CSV (UTF-8 with BOM; `;` and decimal commas in German)',
  access: { roles: TRIP_FUNDING_READERS },
  params: BudgetParams,
  query: BudgetQuery,
  produces: ['text/csv'],
  response: { 200: Type.Unknown(), ...problems(400, 401, 403, 404) },
})

export const tripBudgetPdf = route({
  method: 'GET',
  path: '/v1/trip-plans/:id/funding/:slug/budget.pdf',
  tags,
  summary: 'The budget estimate as an A4 PDF for the application',
  access: { roles: TRIP_FUNDING_READERS },
  params: BudgetParams,
  query: BudgetQuery,
  produces: ['application/pdf'],
  response: { 200: Type.Unknown(), ...problems(400, 401, 403, 404) },
})
