import type { FastifyPluginAsync } from 'fastify'
import proposalRoutes from './proposals.js'
import roundRoutes from './rounds.js'

/** Matching rounds (officers) and the proposal workflow (coordinators and officers). */
const matchingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(roundRoutes)
  await app.register(proposalRoutes)
}

export default matchingRoutes
