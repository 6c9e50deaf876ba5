import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { partnershipSchedule } from '../../../domains/scheduling/overview.js'
import {
  cancelPlan,
  cancelVisit,
  changeVisit,
  confirmWindow,
  createVisitPlan,
  loadPlan,
  loadVisit,
  planView,
  visitIcs,
  visitView,
} from '../../../domains/scheduling/visits.js'
import { problems, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { IsoDate, Meeting, Visit, VisitPlan, VisitPlanBody } from './schemas.js'

const Params = Type.Object({ id: Uuid })
const StartBody = Type.Object({ start: IsoDate }, { additionalProperties: false })
const ALL = ['coordinator', 'officer', 'admin'] as const

/** Visit planning: windows from the finder, both sides confirm one, then the visit is booked. */
const visitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/schedule',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'Meetings, visit plans and visits of a partnership',
        params: Params,
        response: {
          200: Type.Object({
            meetings: Type.Array(Meeting),
            visitPlans: Type.Array(VisitPlan),
            visits: Type.Array(Visit),
          }),
          ...problems(401, 403, 404),
        },
      },
    },
    async (request) => partnershipSchedule(app.db, principalOf(request), request.params.id),
  )

  app.post(
    '/partnerships/:id/visit-plans',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Plan a visit: proposed windows, rejected windows with reasons, coverage gaps',
        params: Params,
        body: VisitPlanBody,
        response: { 201: VisitPlan, ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const plan = await createVisitPlan(app.db, principalOf(request), request.params.id, request.body)
      return reply.status(201).send(plan)
    },
  )

  app.get(
    '/visit-plans/:id',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'A visit plan',
        params: Params,
        response: { 200: VisitPlan, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { v, access, visit } = await loadPlan(app.db, principalOf(request), request.params.id)
      return planView(v, access, visit)
    },
  )

  app.post(
    '/visit-plans/:id/confirm',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Confirm a window for my side; booked once both sides confirmed the same one',
        params: Params,
        body: StartBody,
        response: { 200: VisitPlan, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      confirmWindow(
        app.db,
        principalOf(request),
        request.params.id,
        request.body.start,
        app.config.ORGANIZER_EMAIL,
      ),
  )

  app.post(
    '/visit-plans/:id/cancel',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Drop a visit plan that is not booked yet',
        params: Params,
        response: { 200: VisitPlan, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => cancelPlan(app.db, principalOf(request), request.params.id),
  )

  app.get(
    '/visits/:id',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'A booked visit',
        params: Params,
        response: { 200: Visit, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { v, access } = await loadVisit(app.db, principalOf(request), request.params.id)
      return visitView(v, access)
    },
  )

  app.post(
    '/visits/:id/change',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Move a booked visit to a new start date (same length; checked like a window)',
        params: Params,
        body: StartBody,
        response: { 200: Visit, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => changeVisit(app.db, principalOf(request), request.params.id, request.body.start),
  )

  app.post(
    '/visits/:id/cancel',
    {
      config: { roles: ['coordinator'], verifiedEmail: true },
      schema: {
        tags: ['scheduling'],
        summary: 'Cancel a booked visit',
        params: Params,
        response: { 200: Visit, ...problems(401, 403, 404, 409) },
      },
    },
    async (request) => cancelVisit(app.db, principalOf(request), request.params.id),
  )

  app.get(
    '/visits/:id/ics',
    {
      config: { roles: ALL },
      schema: {
        tags: ['scheduling'],
        summary: 'The visit invitation as text/calendar (all-day)',
        params: Params,
        produces: ['text/calendar'],
        response: { 200: Type.String(), ...problems(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ics = await visitIcs(app.db, principalOf(request), request.params.id)
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="visit-${request.params.id}.ics"`)
        .send(ics)
    },
  )
}

export default visitRoutes
