import type { FastifyPluginAsync } from 'fastify'
import { calendarPages } from './calendar.js'
import { meetingPages } from './meetings.js'
import { schedulePages } from './schedule.js'
import { visitPlanPages } from './visit-plans.js'
import { visitPages } from './visits.js'

/** From a confirmed partnership to the visit: meetings, visit plans, visits, own calendar entries. */
export const schedulingPages: FastifyPluginAsync = async (app) => {
  await app.register(schedulePages)
  await app.register(meetingPages)
  await app.register(visitPlanPages)
  await app.register(visitPages)
  await app.register(calendarPages)
}
