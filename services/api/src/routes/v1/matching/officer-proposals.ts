import { getOfficerProposal, listAwaitingConfirmation } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/matching/use-cases/officer-proposals.js'
import { endpoint } from '../../../http/endpoint.js'

/** The offices' view of proposals: what waits for their confirmation, and any one proposal. */
const officerProposalRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listAwaitingConfirmation, ({ query, run }) => run(cases.listAwaiting, query))
  endpoint(app, getOfficerProposal, ({ params, run }) => run(cases.viewOfficerProposal, params))
}

export default officerProposalRoutes
