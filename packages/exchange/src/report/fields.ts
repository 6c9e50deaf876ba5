import Type, { type Static, type TLiteral, type TUnion } from 'typebox'

/**
 * What an institution reports after a visit, as data (issue 13). Participants are counts per age
 * band and the story is told without names: the platform holds no pupil's personal data, so the
 * form asks for none and the story's hint says not to name pupils.
 *
 * The schema admits a draft (most answers optional) so a coordinator can save half-way;
 * `reportGaps()` says what is still missing before it can be filed.
 */

type LiteralsOf<T extends readonly string[]> = T extends readonly [
  infer H extends string,
  ...infer R extends readonly string[],
]
  ? [TLiteral<H>, ...LiteralsOf<R>]
  : []
const literals = <const T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v)) as unknown as [...LiteralsOf<T>]) as TUnion<LiteralsOf<T>>

/** The trip plan's age bands (the same words), so its counts carry over unchanged. */
export const REPORT_BANDS = ['8-11', '12-14', '15-17', '18-26', 'trainees'] as const
export type ReportBand = (typeof REPORT_BANDS)[number]

/** The activities a funder's narrative report usually lists; anything else goes into `other`. */
export const REPORT_ACTIVITIES = [
  'lessons',
  'project_work',
  'company_visits',
  'sport',
  'culture',
  'excursions',
  'host_families',
  'language',
  'civic_reception',
  'joint_presentation',
] as const
export type ReportActivity = (typeof REPORT_ACTIVITIES)[number]

export const OUTCOME_RATINGS = ['achieved', 'partly', 'not'] as const
export type OutcomeRating = (typeof OUTCOME_RATINGS)[number]

export const WOULD_REPEAT = ['yes', 'no', 'unsure'] as const
export type WouldRepeat = (typeof WOULD_REPEAT)[number]

export const STORY_LANGUAGES = ['de', 'zh', 'en'] as const

const Count = Type.Integer({ minimum: 0, maximum: 10_000 })
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength })

export const ReportParticipants = Type.Object(
  {
    bands: Type.Object(
      {
        '8-11': Type.Optional(Count),
        '12-14': Type.Optional(Count),
        '15-17': Type.Optional(Count),
        '18-26': Type.Optional(Count),
        trainees: Type.Optional(Count),
      },
      { additionalProperties: false },
    ),
    accompanyingAdults: Type.Optional(Count),
  },
  { additionalProperties: false },
)
export type ReportParticipants = Static<typeof ReportParticipants>

/** How far one aim of the agreement was reached; `aim` is the key `agreementAims()` gives it. */
export const AimOutcome = Type.Object(
  {
    aim: Type.String({ minLength: 1, maxLength: 60 }),
    rating: Type.Optional(literals(OUTCOME_RATINGS)),
    comment: Type.Optional(Text(1000)),
  },
  { additionalProperties: false },
)
export type AimOutcome = Static<typeof AimOutcome>

export const ReportFields = Type.Object(
  {
    participants: ReportParticipants,
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    activities: Type.Object(
      {
        chosen: Type.Array(literals(REPORT_ACTIVITIES), {
          maxItems: REPORT_ACTIVITIES.length,
          uniqueItems: true,
        }),
        other: Type.Optional(Text(1000)),
      },
      { additionalProperties: false },
    ),
    outcomes: Type.Array(AimOutcome, { maxItems: 40 }),
    /** 1 (poor) to 5 (excellent). */
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    wouldRepeat: Type.Optional(literals(WOULD_REPEAT)),
    improve: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
)
export type ReportFields = Static<typeof ReportFields>

/**
 * The optional public story for the Welcome-Center pages. `consent: true` is the coordinator's
 * explicit statement that it may be published; without it there is no story. No pupil names.
 */
export const ReportStory = Type.Object(
  {
    title: Text(120),
    text: Type.String({ minLength: 1, maxLength: 3000 }),
    language: literals(STORY_LANGUAGES),
    consent: Type.Literal(true),
  },
  { additionalProperties: false },
)
export type ReportStory = Static<typeof ReportStory>

export interface ReportGap {
  /** Dotted path of the field, as the form and problem+json name it. */
  path: string
  problem: 'required' | 'no_participants' | 'unknown_aim'
}

export function participantTotal(p: ReportParticipants): number {
  return REPORT_BANDS.reduce((sum, b) => sum + (p.bands[b] ?? 0), 0)
}

/**
 * What a draft still lacks before it can be filed: days, at least one participant, at least one
 * activity, every aim rated, the overall rating, would-repeat and what to improve.
 */
export function reportGaps(f: ReportFields, aimKeys: readonly string[]): ReportGap[] {
  const gaps: ReportGap[] = []
  if (participantTotal(f.participants) < 1)
    gaps.push({ path: 'participants.bands', problem: 'no_participants' })
  if (f.participants.accompanyingAdults === undefined)
    gaps.push({ path: 'participants.accompanyingAdults', problem: 'required' })
  if (f.days === undefined) gaps.push({ path: 'days', problem: 'required' })
  if (f.activities.chosen.length === 0 && !f.activities.other)
    gaps.push({ path: 'activities.chosen', problem: 'required' })
  for (const key of aimKeys) {
    const o = f.outcomes.find((x) => x.aim === key)
    if (!o?.rating) gaps.push({ path: `outcomes.${key}`, problem: 'required' })
  }
  for (const o of f.outcomes)
    if (!aimKeys.includes(o.aim)) gaps.push({ path: `outcomes.${o.aim}`, problem: 'unknown_aim' })
  if (f.rating === undefined) gaps.push({ path: 'rating', problem: 'required' })
  if (f.wouldRepeat === undefined) gaps.push({ path: 'wouldRepeat', problem: 'required' })
  if (!f.improve) gaps.push({ path: 'improve', problem: 'required' })
  return gaps
}
