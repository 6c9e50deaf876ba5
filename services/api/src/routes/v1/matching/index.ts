import type { FastifyPluginAsync } from 'fastify'
import expressionRoutes from './expressions.js'
import officerProposalRoutes from './officer-proposals.js'
import proposalRoutes from './proposals.js'
import roundRoutes from './rounds.js'

/** Matching rounds (officers) and the proposal workflow (coordinators and officers). */
const matchingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(roundRoutes)
  await app.register(proposalRoutes)
  await app.register(officerProposalRoutes)
  await app.register(expressionRoutes)
}

export default matchingRoutes
