import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { reportingSide } from '../../../domains/reporting/scope.js'
import { listAwaitingConfirmation, officerProposal } from '../../../domains/work/officer.js'
import { Paged, pageQuery, Query } from '../../../http/keyset.js'
import { DateTime, problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { DeclineReason, Explanation, ProposalStatus } from './schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Origin = Type.Union([Type.Literal('round'), Type.Literal('expressed')], {
  description: 'round: from a matching round; expressed: both sides expressed interest',
})
const Party = Type.Object({
  institution: Type.Object({ id: Uuid, name: Type.String(), side: Side }),
  interestId: Uuid,
  answer: Nullable(Type.Union([Type.Literal('accept'), Type.Literal('decline')])),
  confirmed: Type.Boolean({ description: "the side's office confirmed" }),
})
export const OfficerProposal = Type.Object({
  id: Uuid,
  origin: Origin,
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

/** The offices' view of proposals: what waits for their confirmation, and any one proposal. */
const officerProposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/proposals',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary:
          "Accepted proposals waiting for my side's confirmation, from rounds and from mutual interest",
        description:
          'Longest waiting first (keyset paged, with total). Officers see what waits for their own side; ' +
          'admins what waits for either side, or for one `side`.',
        querystring: Type.Object(
          {
            side: Type.Optional(Side),
            origin: Type.Optional(Origin),
            q: Type.Optional(Query),
            sort: Type.Optional(Type.Union([Type.Literal('waiting'), Type.Literal('score')])),
            ...pageQuery(),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(OfficerProposal), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { side, ...rest } = request.query
      return listAwaitingConfirmation(app.db, { ...rest, side: reportingSide(principalOf(request), side) })
    },
  )

  app.get(
    '/officer/proposals/:id',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: 'One proposal with both institutions, their answers and both confirmations',
        params: Type.Object({ id: Uuid }),
        response: { 200: OfficerProposal, ...problems(401, 403, 404) },
      },
    },
    async (request) => officerProposal(app.db, request.params.id),
  )
}

export default officerProposalRoutes
