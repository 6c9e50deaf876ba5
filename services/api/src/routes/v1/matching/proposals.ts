import {
  acceptProposal,
  confirmProposal,
  declineProposal,
  expressInterest,
  getProposal,
  listMyProposals,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/matching/use-cases/proposals.js'
import { answer, endpoint } from '../../../http/endpoint.js'

/** Coordinators answer proposals for their institutions; officers confirm them for their side. */
const proposalRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listMyProposals, ({ query, run }) => run(cases.listProposalsOfMine, query))
  endpoint(app, getProposal, ({ params, run }) => run(cases.viewMyProposal, params))
  endpoint(app, acceptProposal, ({ params, run }) => run(cases.accept, params))
  endpoint(app, declineProposal, ({ params, body, run }) =>
    run(cases.decline, { id: params.id, answer: body }),
  )
  endpoint(app, confirmProposal, ({ params, body, run }) => run(cases.confirm, { id: params.id, body }), {
    // The body is optional; an empty POST means "for my side".
    preValidation: async (request) => {
      request.body ??= {}
    },
  })
  endpoint(app, expressInterest, async ({ params, body, run }) => {
    const { created, ...out } = await run(cases.expressInterest, {
      toInterestId: params.id,
      fromInterestId: body.fromInterestId,
    })
    return created ? answer(201, out) : answer(200, out)
  })
}

export default proposalRoutes
