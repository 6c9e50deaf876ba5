import { expireProposals, getRound, listRoundProposals, startRound } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/matching/use-cases/rounds.js'
import { endpoint } from '../../../http/endpoint.js'

/** Officers start matching rounds, follow their progress and read their proposals. */
const roundRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, startRound, ({ body, run }) => run(cases.startRound, body))
  endpoint(app, getRound, ({ params, run }) => run(cases.viewRound, params))
  endpoint(app, listRoundProposals, ({ params, query, run }) =>
    run(cases.listProposalsOfRound, { id: params.id, query }),
  )
  endpoint(app, expireProposals, ({ run }) => run(cases.expireProposals, {}))
}

export default roundRoutes
