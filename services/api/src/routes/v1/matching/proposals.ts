import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { expressInterest } from '../../../domains/matching/express.js'
import { listMyProposals, loadProposal, viewProposal } from '../../../domains/matching/views.js'
import { acceptProposal, confirmProposal, declineProposal } from '../../../domains/matching/workflow.js'
import { Paged, pageQuery } from '../../../http/keyset.js'
import { problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { DeclineReason, Proposal, ProposalStatus } from './schemas.js'

const Params = Type.Object({ id: Uuid })

/** Coordinators answer proposals for their institutions; officers confirm them for their side. */
const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const opts = () => ({ autoConfirm: app.config.AUTO_CONFIRM_PARTNERSHIPS })

  app.get(
    '/proposals',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['matching'],
        summary:
          'Proposals for the institutions I am a member of, newest first, with partner profile and explanation',
        querystring: Type.Object({
          ...pageQuery(100),
          status: Type.Optional(ProposalStatus),
          awaiting: Type.Optional(
            Type.Boolean({ description: 'only open proposals my institution has not answered yet' }),
          ),
        }),
        response: { 200: Paged(Proposal), ...problems(400, 401, 403) },
      },
    },
    async (request) => listMyProposals(app.db, principalOf(request), request.query),
  )

  app.get(
    '/proposals/:id',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['matching'],
        summary: 'One proposal of my institutions',
        params: Params,
        response: { 200: Proposal, ...problems(401, 403, 404) },
      },
    },
    async (request) =>
      viewProposal(app.db, principalOf(request), await loadProposal(app.db, request.params.id)),
  )

  app.post(
    '/proposals/:id/accept',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['matching'],
        summary: 'Accept a proposal for my institution (idempotent)',
        params: Params,
        response: { 200: Proposal, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { proposal, side } = await app.db.transaction((tx) =>
        acceptProposal(tx, p, request.params.id, { ...opts(), requestId: request.id }),
      )
      return viewProposal(app.db, p, proposal, side)
    },
  )

  app.post(
    '/proposals/:id/decline',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['matching'],
        summary: 'Decline a proposal; the pair is never proposed again',
        params: Params,
        body: Type.Object(
          { reason: DeclineReason, text: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Proposal, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { proposal, side } = await app.db.transaction((tx) =>
        declineProposal(tx, p, request.params.id, request.body, { ...opts(), requestId: request.id }),
      )
      return viewProposal(app.db, p, proposal, side)
    },
  )

  app.post(
    '/officer/proposals/:id/confirm',
    {
      config: { roles: ['officer'] },
      // The body is optional; an empty POST means "for my side".
      preValidation: async (request) => {
        request.body ??= {}
      },
      schema: {
        tags: ['matching'],
        summary: 'Confirm an accepted proposal for my side; with both sides it becomes a partnership',
        params: Params,
        body: Type.Object(
          { side: Type.Optional(Side) },
          { additionalProperties: false, description: 'Optional; the side must be the officer’s own' },
        ),
        response: {
          200: Type.Object({
            id: Uuid,
            status: ProposalStatus,
            confirmedBy: Side,
            partnershipId: Type.Union([Uuid, Type.Null()]),
          }),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const result = await app.db.transaction((tx) =>
        confirmProposal(tx, p, request.params.id, request.body.side, { ...opts(), requestId: request.id }),
      )
      return {
        id: result.proposal.id,
        status: result.proposal.status,
        confirmedBy: p.side!,
        partnershipId: result.partnershipId,
      }
    },
  )

  app.post(
    '/interests/:id/express-interest',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['matching'],
        summary:
          "Express interest in the other side's interest from one of mine; mutual interest becomes an accepted proposal",
        params: Params,
        body: Type.Object({ fromInterestId: Uuid }, { additionalProperties: false }),
        response: {
          200: ExpressOut(),
          201: ExpressOut(),
          ...problems(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const result = await app.db.transaction((tx) =>
        expressInterest(tx, p, request.params.id, request.body.fromInterestId, opts()),
      )
      const { created, ...body } = result
      return reply.status(created ? 201 : 200).send(body)
    },
  )
}

function ExpressOut() {
  return Type.Object({
    expressionId: Uuid,
    status: Type.Union([Type.Literal('pending'), Type.Literal('matched')]),
    proposalId: Type.Union([Uuid, Type.Null()]),
    proposalStatus: Type.Union([Type.Literal('accepted'), Type.Literal('confirmed'), Type.Null()]),
  })
}

export default proposalRoutes
