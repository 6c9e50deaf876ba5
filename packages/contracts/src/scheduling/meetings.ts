import Type from 'typebox'
import { IdParams, problems } from '../common.js'
import { route } from '../route.js'
import { Meeting, PickBody, SlotsBody, SlotsResult } from './schemas.js'

const tags = ['scheduling'] as const
/** Everyone signed in reads what belongs to their pairs; officers and admins only read. */
export const SCHEDULE_READERS = ['coordinator', 'officer', 'admin'] as const

/**
 * Meetings of a partnership. The scheduler proposes the intro slots on `partnership.confirmed`;
 * the first coordinator of either institution to choose a slot books it (documented rule).
 */
export const getMeeting = route({
  method: 'GET',
  path: '/v1/meetings/:id',
  tags,
  summary: 'A meeting with its proposed slots (both sides local times) and coverage gaps',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  response: { 200: Meeting, ...problems(401, 403, 404) },
})

export const chooseMeetingSlot = route({
  method: 'POST',
  path: '/v1/meetings/:id/choose',
  tags,
  summary: 'Book one of the proposed slots (by index or start); the first pick books it',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: PickBody,
  response: { 200: Meeting, ...problems(400, 401, 403, 404, 409) },
})

export const rescheduleMeeting = route({
  method: 'POST',
  path: '/v1/meetings/:id/reschedule',
  tags,
  summary: 'Move a booked meeting (same invitation uid, next sequence)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  body: PickBody,
  response: { 200: Meeting, ...problems(400, 401, 403, 404, 409) },
})

export const cancelMeeting = route({
  method: 'POST',
  path: '/v1/meetings/:id/cancel',
  tags,
  summary: 'Cancel a meeting (the invitation is withdrawn with a higher sequence)',
  access: { roles: ['coordinator'], verifiedEmail: true },
  params: IdParams,
  response: { 200: Meeting, ...problems(401, 403, 404, 409) },
})

export const meetingInvitation = route({
  method: 'GET',
  path: '/v1/meetings/:id/ics',
  tags,
  summary: 'The meeting invitation as text/calendar (METHOD:CANCEL once cancelled)',
  access: { roles: SCHEDULE_READERS },
  params: IdParams,
  produces: ['text/calendar'],
  response: { 200: Type.String(), ...problems(401, 403, 404, 409) },
})

export const findSlots = route({
  method: 'POST',
  path: '/v1/scheduling/slots',
  tags,
  summary: 'Ad-hoc meeting slots across time zones, holidays and working hours',
  access: { roles: 'any' },
  body: SlotsBody,
  response: { 200: SlotsResult, ...problems(400, 401, 404) },
})
