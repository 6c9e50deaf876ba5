import { fileReport, partnershipReports, report, reportPdf, saveReport } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/report/use-cases/report.js'
import { endpoint } from '../../../http/endpoint.js'

/** The reports after a visit: the partnership's list, one report, its draft, filing and its PDF. */
const reportRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, partnershipReports, ({ params, run }) => run(cases.listReports, params))
  endpoint(app, report, ({ params, run }) => run(cases.viewReport, params))
  endpoint(app, saveReport, ({ params, body, run }) => run(cases.saveReport, { ...params, ...body }))
  endpoint(app, fileReport, ({ params, body, run }) => run(cases.fileReport, { ...params, ...body }))
  endpoint(app, reportPdf, async ({ params, query, run, reply }) => {
    const pdf = await run(cases.reportPdf, { ...params, ...query })
    void reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
    return pdf.bytes
  })
}

export default reportRoutes
