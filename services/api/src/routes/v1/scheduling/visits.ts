import {
  cancelVisit,
  cancelVisitPlan,
  changeVisit,
  confirmVisitWindow,
  createVisitPlan,
  getVisit,
  getVisitPlan,
  partnershipSchedule,
  visitInvitation,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/scheduling/use-cases/visits.js'
import { endpoint } from '../../../http/endpoint.js'

/** Visit planning: windows from the finder, both sides confirm one, then the visit is booked. */
const visitRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, partnershipSchedule, ({ params, run }) => run(cases.partnershipSchedule, params))
  endpoint(app, createVisitPlan, ({ params, body, run }) =>
    run(cases.createVisitPlan, { partnershipId: params.id, plan: body }),
  )
  endpoint(app, getVisitPlan, ({ params, run }) => run(cases.viewVisitPlan, params))
  endpoint(app, confirmVisitWindow, ({ params, body, run }) =>
    run(cases.confirmVisitWindow, { id: params.id, start: body.start }),
  )
  endpoint(app, cancelVisitPlan, ({ params, run }) => run(cases.cancelVisitPlan, params))
  endpoint(app, getVisit, ({ params, run }) => run(cases.viewVisit, params))
  endpoint(app, changeVisit, ({ params, body, run }) =>
    run(cases.changeVisit, { id: params.id, start: body.start }),
  )
  endpoint(app, cancelVisit, ({ params, run }) => run(cases.cancelVisit, params))
  endpoint(app, visitInvitation, async ({ params, run, reply }) => {
    const ics = await run(cases.visitInvitation, params)
    void reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="visit-${params.id}.ics"`)
    return ics
  })
}

export default visitRoutes
