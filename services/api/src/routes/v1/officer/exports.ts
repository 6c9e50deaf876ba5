import { exportInstitutions, exportPartnerships, exportReports } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/reporting/use-cases/exports.js'
import { endpoint } from '../../../http/endpoint.js'

const CSV_TYPE = 'text/csv; charset=utf-8'

/** CSV downloads for the county offices. */
const exportRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, exportInstitutions, async ({ query, run, reply }) => {
    const { side, csv } = await run(cases.exportInstitutions, query)
    reply
      .type(CSV_TYPE)
      .header('content-disposition', `attachment; filename="institutions-${side ?? 'all'}.csv"`)
      .header('cache-control', 'no-store')
    return csv
  })
  endpoint(app, exportPartnerships, async ({ run, reply }) => {
    const csv = await run(cases.exportPartnerships, {})
    reply
      .type(CSV_TYPE)
      .header('content-disposition', 'attachment; filename="partnerships.csv"')
      .header('cache-control', 'no-store')
    return csv
  })
  endpoint(app, exportReports, async ({ query, run, reply }) => {
    const { side, csv } = await run(cases.exportReports, query)
    reply
      .type(CSV_TYPE)
      .header('content-disposition', `attachment; filename="reports-${side ?? 'all'}.csv"`)
      .header('cache-control', 'no-store')
    return csv
  })
}

export default exportRoutes
