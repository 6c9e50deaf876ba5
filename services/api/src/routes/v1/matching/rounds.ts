import { expireDueProposals } from '@dj/proposals'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { writeAudit } from '../../../domains/audit.js'
import { getRound, listRoundProposals, requestRound, roundOut } from '../../../domains/matching/rounds.js'
import { Paged, pageQuery, Query } from '../../../http/keyset.js'
import { problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { ProposalStatus, Round, RoundCreate, RoundProposal } from './schemas.js'

/** Officers start matching rounds, follow their progress and read their proposals. */
const roundRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/officer/rounds',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: 'Start a matching round over both sides (runs in the matcher; answers at once)',
        body: RoundCreate,
        response: {
          202: Type.Object({ id: Uuid, status: Type.Literal('queued') }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const round = await app.db.transaction((tx) => requestRound(tx, p, request.body, request.id))
      return reply.status(202).send({ id: round.id, status: 'queued' as const })
    },
  )

  app.get(
    '/officer/rounds/:id',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: "A round's status, progress (0–100) and summary",
        params: Type.Object({ id: Uuid }),
        response: { 200: Round, ...problems(401, 403, 404) },
      },
    },
    async (request) => roundOut(await getRound(app.db, request.params.id)),
  )

  app.get(
    '/officer/rounds/:id/proposals',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: "A round's proposals with scores and explanations, best first (keyset paged, with total)",
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(
          {
            ...pageQuery(),
            sort: Type.Optional(
              Type.Union([Type.Literal('score'), Type.Literal('duren'), Type.Literal('jinhua')], {
                description: 'score (best first) or the name of the Düren or Jinhua institution',
              }),
            ),
            status: Type.Optional(ProposalStatus),
            q: Type.Optional(Query),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(RoundProposal), ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => listRoundProposals(app.db, request.params.id, request.query),
  )

  app.post(
    '/officer/proposals/expire',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['matching'],
        summary: 'Expire overdue open proposals now (the scheduler does this on a timer)',
        response: {
          200: Type.Object({ expired: Type.Integer(), ids: Type.Array(Uuid) }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const { expired } = await app.db.transaction(async (tx) => {
        const result = await expireDueProposals(tx, new Date())
        if (result.expired.length > 0) {
          await writeAudit(tx, {
            actorId: p.userId,
            actorLabel: p.displayName,
            action: 'proposals.expired',
            entityType: 'proposal',
            after: { count: result.expired.length },
            requestId: request.id,
          })
        }
        return result
      })
      return { expired: expired.length, ids: expired }
    },
  )
}

export default roundRoutes
