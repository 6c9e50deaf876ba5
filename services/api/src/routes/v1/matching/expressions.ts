import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { listExpressions, viewExpression } from '../../../domains/matching/expressions.js'
import { Paged, pageQuery } from '../../../http/keyset.js'
import { DateTime, problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { Interest, PublicInstitution } from '../registry/schemas.js'

const Expression = Type.Object({
  id: Uuid,
  direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')]),
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

/**
 * Expressions of interest from partner search, as the institutions on either end see them. The
 * answer to an incoming one is POST /interests/{fromInterest}/express-interest from the own interest.
 */
const expressionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/interest-expressions',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['matching'],
        summary: 'Expressions of interest to (incoming) or from (outgoing) my institutions, newest first',
        querystring: Type.Object(
          {
            direction: Type.Union([Type.Literal('incoming'), Type.Literal('outgoing')], {
              default: 'incoming',
            }),
            status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('matched')])),
            ...pageQuery(),
          },
          { additionalProperties: false },
        ),
        response: { 200: Paged(Expression), ...problems(400, 401, 403) },
      },
    },
    async (request) => listExpressions(app.db, principalOf(request), request.query),
  )

  app.get(
    '/interest-expressions/:id',
    {
      config: { roles: ['coordinator'] },
      schema: {
        tags: ['matching'],
        summary: 'One expression of interest, for the members of either institution',
        params: Type.Object({ id: Uuid }),
        response: { 200: Expression, ...problems(401, 403, 404) },
      },
    },
    async (request) => viewExpression(app.db, principalOf(request), request.params.id),
  )
}

export default expressionRoutes
