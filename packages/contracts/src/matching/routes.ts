import Type from 'typebox'
import { IdParams, Paged, pageQuery, problems, Query } from '../common.js'
import { ProposalStatus, Side } from '../enums.js'
import { route } from '../route.js'
import {
  ConfirmBody,
  Confirmed,
  DeclineBody,
  Expired,
  ExpressBody,
  Expressed,
  Expression,
  ExpressionStatus,
  OfficerOrigin,
  OfficerProposal,
  OfficerProposalSort,
  Proposal,
  Round,
  RoundCreate,
  RoundProposal,
  RoundProposalSort,
  RoundQueued,
} from './schemas.js'

const tags = ['matching'] as const
const STAFF = ['officer', 'admin'] as const

// Rounds (officers and admins)

export const startRound = route({
  method: 'POST',
  path: '/v1/officer/rounds',
  tags,
  summary: 'Start a matching round over both sides (runs in the matcher; answers at once)',
  access: { roles: STAFF },
  body: RoundCreate,
  response: { 202: RoundQueued, ...problems(400, 401, 403) },
})

export const getRound = route({
  method: 'GET',
  path: '/v1/officer/rounds/:id',
  tags,
  summary: "A round's status, progress (0–100) and summary",
  access: { roles: STAFF },
  params: IdParams,
  response: { 200: Round, ...problems(401, 403, 404) },
})

export const listRoundProposals = route({
  method: 'GET',
  path: '/v1/officer/rounds/:id/proposals',
  tags,
  summary: "A round's proposals with scores and explanations, best first (keyset paged, with total)",
  access: { roles: STAFF },
  params: IdParams,
  query: Type.Object(
    {
      ...pageQuery(),
      sort: Type.Optional(RoundProposalSort),
      status: Type.Optional(ProposalStatus),
      q: Type.Optional(Query),
    },
    { additionalProperties: false },
  ),
  response: { 200: Paged(RoundProposal), ...problems(400, 401, 403, 404) },
})

export const expireProposals = route({
  method: 'POST',
  path: '/v1/officer/proposals/expire',
  tags,
  summary: 'Expire overdue open proposals now (the scheduler does this on a timer)',
  access: { roles: STAFF },
  response: { 200: Expired, ...problems(401, 403) },
})

// The proposal workflow (coordinators answer, officers confirm)

export const listMyProposals = route({
  method: 'GET',
  path: '/v1/proposals',
  tags,
  summary:
    'Proposals for the institutions I am a member of, newest first, with partner profile and explanation',
  access: { roles: ['coordinator'] },
  query: Type.Object({
    ...pageQuery(100),
    status: Type.Optional(ProposalStatus),
    awaiting: Type.Optional(
      Type.Boolean({ description: 'only open proposals my institution has not answered yet' }),
    ),
  }),
  response: { 200: Paged(Proposal), ...problems(400, 401, 403) },
})

export const getProposal = route({
  method: 'GET',
  path: '/v1/proposals/:id',
  tags,
  summary: 'One proposal of my institutions',
  access: { roles: ['coordinator'] },
  params: IdParams,
  response: { 200: Proposal, ...problems(401, 403, 404) },
})

export const acceptProposal = route({
  method: 'POST',
  path: '/v1/proposals/:id/accept',
  tags,
  summary: 'Accept a proposal for my institution (idempotent)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  response: { 200: Proposal, ...problems(401, 403, 404, 409) },
})

export const declineProposal = route({
  method: 'POST',
  path: '/v1/proposals/:id/decline',
  tags,
  summary: 'Decline a proposal; the pair is never proposed again',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: DeclineBody,
  response: { 200: Proposal, ...problems(400, 401, 403, 404, 409) },
})

export const confirmProposal = route({
  method: 'POST',
  path: '/v1/officer/proposals/:id/confirm',
  tags,
  summary: 'Confirm an accepted proposal for my side; with both sides it becomes a partnership',
  description: 'The body is optional; an empty POST means "for my side".',
  access: { roles: ['officer'] },
  params: IdParams,
  body: ConfirmBody,
  response: { 200: Confirmed, ...problems(400, 401, 403, 404, 409) },
})

export const expressInterest = route({
  method: 'POST',
  path: '/v1/interests/:id/express-interest',
  tags,
  summary:
    "Express interest in the other side's interest from one of mine; mutual interest becomes an accepted proposal",
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: ExpressBody,
  response: { 200: Expressed, 201: Expressed, ...problems(400, 401, 403, 404, 409) },
})

// The offices' view of proposals

export const listAwaitingConfirmation = route({
  method: 'GET',
  path: '/v1/officer/proposals',
  tags,
  summary: "Accepted proposals waiting for my side's confirmation, from rounds and from mutual interest",
  description:
    'Longest waiting first (keyset paged, with total). Officers see what waits for their own side; ' +
    'admins what waits for either side, or for one `side`.',
  access: { roles: STAFF },
  query: Type.Object(
    {
      side: Type.Optional(Side),
      origin: Type.Optional(OfficerOrigin),
      q: Type.Optional(Query),
      sort: Type.Optional(OfficerProposalSort),
      ...pageQuery(),
    },
    { additionalProperties: false },
  ),
  response: { 200: Paged(OfficerProposal), ...problems(400, 401, 403) },
})

export const getOfficerProposal = route({
  method: 'GET',
  path: '/v1/officer/proposals/:id',
  tags,
  summary: 'One proposal with both institutions, their answers and both confirmations',
  access: { roles: STAFF },
  params: IdParams,
  response: { 200: OfficerProposal, ...problems(401, 403, 404) },
})

// Expressions of interest from partner search. The answer to an incoming one is
// POST /interests/{fromInterest}/express-interest from the own interest.

export const listExpressions = route({
  method: 'GET',
  path: '/v1/interest-expressions',
  tags,
  summary: 'Expressions of interest to (incoming) or from (outgoing) my institutions, newest first',
  access: { roles: ['coordinator'] },
  query: Type.Object(
    {
      direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')], { default: 'incoming' }),
      status: Type.Optional(ExpressionStatus),
      ...pageQuery(),
    },
    { additionalProperties: false },
  ),
  response: { 200: Paged(Expression), ...problems(400, 401, 403) },
})

export const getExpression = route({
  method: 'GET',
  path: '/v1/interest-expressions/:id',
  tags,
  summary: 'One expression of interest, for the members of either institution',
  access: { roles: ['coordinator'] },
  params: IdParams,
  response: { 200: Expression, ...problems(401, 403, 404) },
})
