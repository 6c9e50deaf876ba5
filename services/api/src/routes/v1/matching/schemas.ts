import type { DECLINE_REASONS, PROPOSAL_STATUSES, ROUND_STATUSES } from '@dj/db'
import Type from 'typebox'
import { DateTime, Side, Uuid } from '../../../http/schemas.js'
import { Contact, Format, Interest, Page, PublicInstitution, Topic } from '../registry/schemas.js'

const L = Type.Literal
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])

export const ProposalStatus = Type.Union([
  L('open'),
  L('accepted'),
  L('confirmed'),
  L('declined'),
  L('expired'),
])
export const DeclineReason = Type.Union([
  L('dates_do_not_fit'),
  L('age_mismatch'),
  L('language'),
  L('capacity'),
  L('found_other_partner'),
  L('not_interested'),
  L('other'),
])
const RoundStatus = Type.Union([L('queued'), L('running'), L('done'), L('failed')])
// Spelled out so the static types are literal unions; checked against the database enums below.
const _sameStatuses: (typeof PROPOSAL_STATUSES)[number] extends Type.Static<typeof ProposalStatus>
  ? true
  : never = true
const _sameReasons: (typeof DECLINE_REASONS)[number] extends Type.Static<typeof DeclineReason>
  ? true
  : never = true
const _sameRounds: (typeof ROUND_STATUSES)[number] extends Type.Static<typeof RoundStatus> ? true : never =
  true
void [_sameStatuses, _sameReasons, _sameRounds]

export { Page }

export const Explanation = Type.Array(
  Type.Object({
    criterion: Type.String(),
    raw: Type.Number(),
    weight: Type.Number(),
    contribution: Type.Number(),
  }),
  { description: 'Per-criterion contribution; contributions sum to the score' },
)

export const RoundCreate = Type.Object(
  {
    scope: Type.Object(
      {
        formats: Type.Optional(Type.Array(Format, { maxItems: 8, uniqueItems: true })),
        topics: Type.Optional(Type.Array(Topic, { maxItems: 8, uniqueItems: true })),
      },
      { additionalProperties: false, description: 'Limits the interests of both sides; empty: all' },
    ),
    policy: Type.Union([Type.Literal('stable'), Type.Literal('welfare')]),
    proposer: Type.Optional(Side),
  },
  { additionalProperties: false },
)

export const RoundSummary = Type.Object({
  interests: Type.Object({ duren: Type.Integer(), jinhua: Type.Integer() }),
  interestsMatched: Type.Integer(),
  proposals: Type.Integer(),
  lockedPairs: Type.Integer(),
  totalScore: Type.Number(),
  meanScore: Type.Number(),
  tradeOff: Type.Object({
    stableTotal: Type.Number(),
    welfareTotal: Type.Number(),
    stableGivesUp: Type.Number({ description: 'Total score the stable result gives up against welfare' }),
  }),
})

export const Round = Type.Object({
  id: Uuid,
  status: RoundStatus,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  policy: Type.Union([Type.Literal('stable'), Type.Literal('welfare')]),
  proposer: Side,
  scope: Type.Object({
    formats: Type.Optional(Type.Array(Type.String())),
    topics: Type.Optional(Type.Array(Type.String())),
  }),
  weights: Nullable(Type.Record(Type.String(), Type.Number())),
  summary: Nullable(RoundSummary),
  error: Nullable(Type.String()),
  createdAt: DateTime,
  startedAt: Nullable(DateTime),
  finishedAt: Nullable(DateTime),
})

const InstitutionRef = Type.Object({ id: Uuid, name: Type.String(), side: Side })

export const RoundProposal = Type.Object({
  id: Uuid,
  status: ProposalStatus,
  score: Nullable(Type.Number()),
  explanation: Explanation,
  expiresAt: Nullable(DateTime),
  a: Type.Object({ institution: InstitutionRef, interestId: Uuid }),
  b: Type.Object({ institution: InstitutionRef, interestId: Uuid }),
})

const Answer = Nullable(Type.Union([Type.Literal('accept'), Type.Literal('decline')]))

export const Proposal = Type.Object({
  id: Uuid,
  roundId: Nullable(Uuid),
  origin: Type.Union([Type.Literal('round'), Type.Literal('expressed')]),
  status: ProposalStatus,
  score: Nullable(Type.Number()),
  explanation: Explanation,
  expiresAt: Nullable(DateTime),
  createdAt: DateTime,
  side: Side,
  own: Type.Object({ institutionId: Uuid, interestId: Uuid, answer: Answer }),
  partner: Type.Object({
    institution: PublicInstitution,
    interest: Interest,
    answer: Answer,
    contact: Type.Union([Contact, Type.Null()], {
      description: "The partner's contact person, once a partnership exists (and the contact consented)",
    }),
  }),
  officerConfirmed: Type.Object({ duren: Type.Boolean(), jinhua: Type.Boolean() }),
  partnershipId: Nullable(Uuid),
})
