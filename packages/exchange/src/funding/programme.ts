import { FORMATS, INSTITUTION_KINDS, SIDES, VISIT_DIRECTIONS } from '@dj/vocabulary'
import Type, { type Static, type TLiteral, type TUnion } from 'typebox'
import { Value } from 'typebox/value'

/**
 * A funding programme as data: who may apply, for what, at which rates and by when. Officers keep
 * these in the catalogue (a funder's new rule is an edit, not a release), so everything the fit,
 * the budget and the deadline reminders need is a field here.
 */

type LiteralsOf<T extends readonly string[]> = T extends readonly [
  infer H extends string,
  ...infer R extends readonly string[],
]
  ? [TLiteral<H>, ...LiteralsOf<R>]
  : []
const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [...LiteralsOf<T>]) as TUnion<LiteralsOf<T>>

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })
const Euro = Type.Number({ minimum: 0, maximum: 1_000_000 })
const Days = Type.Integer({ minimum: 0, maximum: 3660 })

export const LocalName = Type.Object(
  { de: Text(200), en: Text(200), zh: Text(200) },
  { additionalProperties: false },
)
export type LocalName = Static<typeof LocalName>

/**
 * Where a rate is paid: for activities in Germany (a Chinese group visiting), abroad (a German group
 * travelling to China) or either way.
 */
export const RATE_PLACES = ['germany', 'abroad', 'both'] as const
export type RatePlace = (typeof RATE_PLACES)[number]
const Rate = Type.Object({ amount: Euro, where: literals(RATE_PLACES) }, { additionalProperties: false })
export type Rate = Static<typeof Rate>

export const LumpSum = Type.Object(
  {
    label: LocalName,
    max: Euro,
    /** Only these applicants (empty or absent: any the programme admits). */
    institutionKinds: Type.Optional(Type.Array(literals(INSTITUTION_KINDS), { uniqueItems: true })),
  },
  { additionalProperties: false },
)
export type LumpSum = Static<typeof LumpSum>

export const Rates = Type.Object(
  {
    perPersonPerDay: Type.Optional(Rate),
    /** Staff exchanges (adults only) at their own day rate. */
    staffPerPersonPerDay: Type.Optional(Rate),
    /** Per traveller and kilometre of the great-circle distance, one way. */
    travelPerKm: Type.Optional(Rate),
    interpreterPerDay: Type.Optional(Rate),
    /** The most paid per traveller for a visa. */
    visaPerPerson: Type.Optional(Rate),
    lumpSums: Type.Optional(Type.Array(LumpSum, { maxItems: 10 })),
  },
  { additionalProperties: false },
)
export type Rates = Static<typeof Rates>

export const DurationRule = Type.Object(
  { minDays: Type.Optional(Days), maxDays: Type.Optional(Days) },
  { additionalProperties: false },
)
export type DurationRule = Static<typeof DurationRule>

export const Eligibility = Type.Object(
  {
    /** Empty: any format. */
    formats: Type.Array(literals(FORMATS), { uniqueItems: true }),
    /** The applying institution's kind; empty: any. */
    institutionKinds: Type.Array(literals(INSTITUTION_KINDS), { uniqueItems: true }),
    /** The side whose institution applies (German funders fund the German partner). */
    sides: Type.Array(literals(SIDES), { minItems: 1, uniqueItems: true }),
    directions: Type.Array(literals(VISIT_DIRECTIONS), { minItems: 1, uniqueItems: true }),
    ages: Type.Optional(
      Type.Object(
        { min: Type.Integer({ minimum: 0, maximum: 120 }), max: Type.Integer({ minimum: 0, maximum: 120 }) },
        { additionalProperties: false },
      ),
    ),
    groupSize: Type.Optional(
      Type.Object(
        {
          maxParticipants: Type.Optional(Type.Integer({ minimum: 0 })),
          maxLeaders: Type.Optional(Type.Integer({ minimum: 0 })),
        },
        { additionalProperties: false },
      ),
    ),
    duration: Type.Optional(DurationRule),
    /** Rules for a staff exchange (adults only), replacing the group's. */
    staff: Type.Optional(
      Type.Object(
        {
          maxParticipants: Type.Optional(Type.Integer({ minimum: 0 })),
          duration: Type.Optional(DurationRule),
        },
        { additionalProperties: false },
      ),
    ),
    /** The funder pays for nothing outside Germany (no trips to China). */
    activitiesInGermanyOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type Eligibility = Static<typeof Eligibility>

/**
 * A deadline as a rule of the calendar: `month`/`day` of the travel year plus `yearOffset` (−1: the
 * year before). Without `yearOffset` it is the latest such day before the trip (rounds that repeat
 * every year, whichever comes before the travel date).
 */
export const DeadlineRule = Type.Object(
  {
    label: LocalName,
    month: Type.Integer({ minimum: 1, maximum: 12 }),
    day: Type.Integer({ minimum: 1, maximum: 31 }),
    yearOffset: Type.Optional(Type.Integer({ minimum: -2, maximum: 0 })),
  },
  { additionalProperties: false },
)
export type DeadlineRule = Static<typeof DeadlineRule>

export const FundingProgramme = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 2, maxLength: 60 }),
    name: LocalName,
    funder: Text(300),
    sourceUrl: Type.String({ pattern: '^https://[^\\s]+$', maxLength: 500 }),
    /** When an officer last compared the entry with the funder's page: YYYY-MM or YYYY-MM-DD. */
    lastChecked: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?$' }),
    notes: Type.String({ maxLength: 4000 }),
    eligibility: Eligibility,
    rates: Rates,
    deadlines: Type.Array(DeadlineRule, { maxItems: 12 }),
    /** Days after the exchange by which the funder wants the report. */
    reportDueDays: Type.Optional(Days),
  },
  { additionalProperties: false },
)
export type FundingProgramme = Static<typeof FundingProgramme>

/** The schema's objections to a document, by JSON pointer (empty: it is a programme). */
export function programmeErrors(doc: unknown): { path: string; message: string }[] {
  if (Value.Check(FundingProgramme, doc)) return []
  return Value.Errors(FundingProgramme, doc).map((e) => ({ path: e.instancePath, message: e.message }))
}
