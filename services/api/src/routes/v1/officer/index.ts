import type { FastifyPluginAsync } from 'fastify'
import exportRoutes from './exports.js'
import reportingRoutes from './reporting.js'

/** Officer/admin reporting: rounds list, funnel stats, audit log, dashboard overview, CSV exports. */
const officerReportingRoutes: FastifyPluginAsync = async (app) => {
  await app.register(reportingRoutes)
  await app.register(exportRoutes)
}

export default officerReportingRoutes
