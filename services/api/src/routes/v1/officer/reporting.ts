import { listRounds, officerAudit, officerOverview, officerStats } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/reporting/use-cases/reports.js'
import { endpoint } from '../../../http/endpoint.js'

/** Read-only views for the county offices' dashboards. */
const reportingRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listRounds, ({ query, run }) => run(cases.listMatchingRounds, query))
  endpoint(app, officerStats, ({ query, run }) => run(cases.funnelStats, query))
  endpoint(app, officerAudit, ({ query, run }) => run(cases.auditLog, query))
  endpoint(app, officerOverview, ({ query, run }) => run(cases.dashboardOverview, query))
}

export default reportingRoutes
