import {
  addChecklistItem,
  createTripPlan,
  editTripPlan,
  partnershipTripPlans,
  tickChecklistItem,
  tripPlan,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/trip/use-cases/trip.js'
import { endpoint } from '../../../http/endpoint.js'

/** The trip plan of a booked visit and its checklist (issue 13). */
const tripRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, createTripPlan, ({ params, run }) => run(cases.createTripPlan, params))
  endpoint(app, tripPlan, ({ params, run }) => run(cases.viewTripPlan, params))
  endpoint(app, editTripPlan, ({ params, body, run }) => run(cases.editTripPlan, { ...params, ...body }))
  endpoint(app, partnershipTripPlans, ({ params, run }) => run(cases.listTripPlans, params))
  endpoint(app, tickChecklistItem, ({ params, body, run }) =>
    run(cases.tickChecklistItem, { ...params, ...body }),
  )
  endpoint(app, addChecklistItem, ({ params, body, run }) =>
    run(cases.addChecklistItem, { ...params, ...body }),
  )
}

export default tripRoutes
