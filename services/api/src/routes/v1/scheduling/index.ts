import type { FastifyPluginAsync } from 'fastify'
import calendarRoutes from './calendars.js'
import meetingRoutes from './meetings.js'
import slotRoutes from './slots.js'
import visitRoutes from './visits.js'

/** Meetings, visits, calendars and the ad-hoc slot finder. */
const schedulingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(meetingRoutes)
  await app.register(visitRoutes)
  await app.register(calendarRoutes)
  await app.register(slotRoutes)
}

export default schedulingRoutes
