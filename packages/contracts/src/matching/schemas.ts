import Type, { type Static } from 'typebox'
import { DateTime, Nullable, Uuid } from '../common.js'
import {
  DeclineReason,
  Format,
  ProposalOrigin,
  ProposalStatus,
  RoundPolicy,
  RoundStatus,
  Side,
  Topic,
} from '../enums.js'
import { Contact, Interest, PublicInstitution } from '../registry/schemas.js'

/** The matching shapes: rounds, their proposals, the proposal workflow and expressions of interest. */

export const Explanation = Type.Array(
  Type.Object({
    criterion: Type.String(),
    raw: Type.Number(),
    weight: Type.Number(),
    contribution: Type.Number(),
  }),
  { description: 'Per-criterion contribution; contributions sum to the score' },
)
export type Explanation = Static<typeof Explanation>

export const RoundCreate = Type.Object(
  {
    scope: Type.Object(
      {
        formats: Type.Optional(Type.Array(Format, { maxItems: 8, uniqueItems: true })),
        topics: Type.Optional(Type.Array(Topic, { maxItems: 8, uniqueItems: true })),
      },
      { additionalProperties: false, description: 'Limits the interests of both sides; empty: all' },
    ),
    policy: RoundPolicy,
    proposer: Type.Optional(Side),
  },
  { additionalProperties: false },
)
export type RoundCreate = Static<typeof RoundCreate>

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
export type RoundSummary = Static<typeof RoundSummary>

export const Round = Type.Object({
  id: Uuid,
  status: RoundStatus,
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  policy: RoundPolicy,
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
export type Round = Static<typeof Round>

export const RoundQueued = Type.Object({ id: Uuid, status: Type.Literal('queued') })

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
export type RoundProposal = Static<typeof RoundProposal>

export const RoundProposalSort = Type.Union(
  [Type.Literal('score'), Type.Literal('duren'), Type.Literal('jinhua')],
  {
    description: 'score (best first) or the name of the Düren or Jinhua institution',
  },
)
export type RoundProposalSort = Static<typeof RoundProposalSort>

export const ProposalAnswer = Nullable(Type.Union([Type.Literal('accept'), Type.Literal('decline')]))
export type ProposalAnswer = Static<typeof ProposalAnswer>

export const Proposal = Type.Object({
  id: Uuid,
  roundId: Nullable(Uuid),
  origin: ProposalOrigin,
  status: ProposalStatus,
  score: Nullable(Type.Number()),
  explanation: Explanation,
  expiresAt: Nullable(DateTime),
  createdAt: DateTime,
  side: Side,
  own: Type.Object({ institutionId: Uuid, interestId: Uuid, answer: ProposalAnswer }),
  partner: Type.Object({
    institution: PublicInstitution,
    interest: Interest,
    answer: ProposalAnswer,
    contact: Type.Union([Contact, Type.Null()], {
      description: "The partner's contact person, once a partnership exists (and the contact consented)",
    }),
  }),
  officerConfirmed: Type.Object({ duren: Type.Boolean(), jinhua: Type.Boolean() }),
  partnershipId: Nullable(Uuid),
})
export type Proposal = Static<typeof Proposal>

export const DeclineBody = Type.Object(
  { reason: DeclineReason, text: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
)
export type DeclineBody = Static<typeof DeclineBody>

export const ConfirmBody = Type.Object(
  { side: Type.Optional(Side) },
  { additionalProperties: false, description: 'Optional; the side must be the officer’s own' },
)

export const Confirmed = Type.Object({
  id: Uuid,
  status: ProposalStatus,
  confirmedBy: Side,
  partnershipId: Type.Union([Uuid, Type.Null()]),
})
export type Confirmed = Static<typeof Confirmed>

export const Expired = Type.Object({ expired: Type.Integer(), ids: Type.Array(Uuid) })

export const ExpressBody = Type.Object({ fromInterestId: Uuid }, { additionalProperties: false })
export const Expressed = Type.Object({
  expressionId: Uuid,
  status: Type.Union([Type.Literal('pending'), Type.Literal('matched')]),
  proposalId: Type.Union([Uuid, Type.Null()]),
  proposalStatus: Type.Union([Type.Literal('accepted'), Type.Literal('confirmed'), Type.Null()]),
})
export type Expressed = Static<typeof Expressed>

export const ExpressionDirection = Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')])
export type ExpressionDirection = Static<typeof ExpressionDirection>
export const ExpressionStatus = Type.Union([Type.Literal('pending'), Type.Literal('matched')])
export type ExpressionStatus = Static<typeof ExpressionStatus>

export const Expression = Type.Object({
  id: Uuid,
  direction: ExpressionDirection,
  status: Type.Union([Type.Literal('pending'), Type.Literal('matched')], {
    description: 'matched: both sides expressed interest and the pair became a proposal',
  }),
  createdAt: DateTime,
  proposalId: Type.Union([Uuid, Type.Null()], {
    description: "the pair's proposal: from the expressions, or a live one from a round",
  }),
  own: Type.Object({
    institution: Type.Object({ id: Uuid, name: Type.String(), side: Side }),
    interest: Interest,
  }),
  partner: Type.Object({ institution: PublicInstitution, interest: Interest }),
  canAnswer: Type.Boolean({
    description: 'incoming and still open: expressing interest back makes it an accepted proposal',
  }),
})
export type Expression = Static<typeof Expression>

export const OfficerOrigin = Type.Union([Type.Literal('round'), Type.Literal('expressed')], {
  description: 'round: from a matching round; expressed: both sides expressed interest',
})
const Party = Type.Object({
  institution: Type.Object({ id: Uuid, name: Type.String(), side: Side }),
  interestId: Uuid,
  answer: ProposalAnswer,
  confirmed: Type.Boolean({ description: "the side's office confirmed" }),
})
export const OfficerProposal = Type.Object({
  id: Uuid,
  origin: OfficerOrigin,
  roundId: Nullable(Uuid),
  status: ProposalStatus,
  score: Nullable(Type.Number()),
  explanation: Explanation,
  expiresAt: Nullable(DateTime),
  createdAt: DateTime,
  decidedAt: Nullable(DateTime),
  duren: Party,
  jinhua: Party,
  declineReason: Nullable(DeclineReason),
  partnershipId: Nullable(Uuid),
})
export type OfficerProposal = Static<typeof OfficerProposal>
export const OfficerProposalSort = Type.Union([Type.Literal('waiting'), Type.Literal('score')])
