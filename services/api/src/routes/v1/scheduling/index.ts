import type { FastifyPluginAsync } from 'fastify'
import calendarRoutes from './calendars.js'
import meetingRoutes from './meetings.js'
import visitRoutes from './visits.js'

/** Meetings, visits, calendars and the ad-hoc slot finder (with the meetings). */
const schedulingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(meetingRoutes)
  await app.register(visitRoutes)
  await app.register(calendarRoutes)
}

export default schedulingRoutes
