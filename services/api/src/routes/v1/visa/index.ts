import { issueVisaLetter, visaLetterInfo } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/visa/use-cases/visa.js'
import { endpoint } from '../../../http/endpoint.js'

/** The host's visa invitation letter for a trip (issue 13): a PDF, nothing of the travellers kept. */
const visaRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, visaLetterInfo, ({ params, run }) => run(cases.visaLetterInfo, params))
  endpoint(
    app,
    issueVisaLetter,
    async ({ params, body, run, reply }) => {
      const pdf = await run(cases.issueVisaLetter, { ...params, ...body })
      void reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
      return pdf.bytes
    },
    { rateLimit: app.limits.perUser(app.config.RATE_LIMIT_PER_USER) },
  )
}

export default visaRoutes
