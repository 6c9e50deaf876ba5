import { getExpression, listExpressions } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/matching/use-cases/expressions.js'
import { endpoint } from '../../../http/endpoint.js'

/**
 * Expressions of interest from partner search, as the institutions on either end see them. The
 * answer to an incoming one is POST /interests/{fromInterest}/express-interest from the own interest.
 */
const expressionRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listExpressions, ({ query, run }) => run(cases.listMyExpressions, query))
  endpoint(app, getExpression, ({ params, run }) => run(cases.viewMyExpression, params))
}

export default expressionRoutes
