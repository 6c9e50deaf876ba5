import {
  cancelMeeting,
  chooseMeetingSlot,
  findSlots,
  getMeeting,
  meetingInvitation,
  rescheduleMeeting,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/scheduling/use-cases/meetings.js'
import { endpoint } from '../../../http/endpoint.js'

/**
 * Meetings of a partnership. The scheduler proposes the intro slots on `partnership.confirmed`;
 * the first coordinator of either institution to choose a slot books it (documented rule).
 */
const meetingRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, getMeeting, ({ params, run }) => run(cases.viewMeeting, params))
  endpoint(app, chooseMeetingSlot, ({ params, body, run }) =>
    run(cases.chooseMeetingSlot, { id: params.id, pick: body }),
  )
  endpoint(app, rescheduleMeeting, ({ params, body, run }) =>
    run(cases.rescheduleMeeting, { id: params.id, pick: body }),
  )
  endpoint(app, cancelMeeting, ({ params, run }) => run(cases.cancelMeeting, params))
  endpoint(app, meetingInvitation, async ({ params, run, reply }) => {
    const ics = await run(cases.meetingInvitation, params)
    void reply
      .type('text/calendar; charset=utf-8')
      .header('content-disposition', `attachment; filename="meeting-${params.id}.ics"`)
    return ics
  })
  endpoint(app, findSlots, ({ body, run }) => run(cases.findSlots, body))
}

export default meetingRoutes
