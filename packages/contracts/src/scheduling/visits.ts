import Type from 'typebox'
import { IdParams, problems } from '../common.js'
import { route } from '../route.js'
import { SCHEDULE_READERS } from './meetings.js'
import { Schedule, StartBody, Visit, VisitPlan, VisitPlanBody } from './schemas.js'

const tags = ['scheduling'] as const

/** Visit planning: windows from the finder, both sides confirm one, then the visit is booked. */
export const partnershipSchedule = route({
  method: 'GET',
  path: '/v1/partnerships/:id/schedule',
  tags,
  summary: 'Meetings, visit plans and visits of a partnership',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  response: { 200: Schedule, ...problems(401, 403, 404) },
})

export const createVisitPlan = route({
  method: 'POST',
  path: '/v1/partnerships/:id/visit-plans',
  tags,
  summary: 'Plan a visit: proposed windows, rejected windows with reasons, coverage gaps',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: VisitPlanBody,
  response: { 201: VisitPlan, ...problems(400, 401, 403, 404) },
})

export const getVisitPlan = route({
  method: 'GET',
  path: '/v1/visit-plans/:id',
  tags,
  summary: 'A visit plan',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  response: { 200: VisitPlan, ...problems(401, 403, 404) },
})

export const confirmVisitWindow = route({
  method: 'POST',
  path: '/v1/visit-plans/:id/confirm',
  tags,
  summary: 'Confirm a window for my side; booked once both sides confirmed the same one',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: StartBody,
  response: { 200: VisitPlan, ...problems(400, 401, 403, 404, 409) },
})

export const cancelVisitPlan = route({
  method: 'POST',
  path: '/v1/visit-plans/:id/cancel',
  tags,
  summary: 'Drop a visit plan that is not booked yet',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  response: { 200: VisitPlan, ...problems(401, 403, 404, 409) },
})

export const getVisit = route({
  method: 'GET',
  path: '/v1/visits/:id',
  tags,
  summary: 'A booked visit',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  response: { 200: Visit, ...problems(401, 403, 404) },
})

export const changeVisit = route({
  method: 'POST',
  path: '/v1/visits/:id/change',
  tags,
  summary: 'Move a booked visit to a new start date (same length; checked like a window)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: StartBody,
  response: { 200: Visit, ...problems(400, 401, 403, 404, 409) },
})

export const cancelVisit = route({
  method: 'POST',
  path: '/v1/visits/:id/cancel',
  tags,
  summary: 'Cancel a booked visit',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  response: { 200: Visit, ...problems(401, 403, 404, 409) },
})

export const visitInvitation = route({
  method: 'GET',
  path: '/v1/visits/:id/ics',
  tags,
  summary: 'The visit invitation as text/calendar (all-day)',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  produces: ['text/calendar'],
  response: { 200: Type.String(), ...problems(401, 403, 404) },
})
