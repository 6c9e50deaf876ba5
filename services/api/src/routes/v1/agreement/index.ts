import {
  agreement,
  agreementVersionPdf,
  agreementVersions,
  createAgreement,
  editAgreement,
  signAgreement,
  submitAgreement,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/agreement/use-cases/agreement.js'
import { endpoint } from '../../../http/endpoint.js'

/** The partnership's exchange agreement: view, draft, edit, submit, sign, versions and their PDFs. */
const agreementRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, agreement, ({ params, query, run }) => run(cases.viewAgreement, { ...params, ...query }))
  endpoint(app, createAgreement, ({ params, query, body, run }) =>
    run(cases.createAgreement, { ...params, ...query, ...body }),
  )
  endpoint(app, editAgreement, ({ params, query, body, run }) =>
    run(cases.editAgreement, { ...params, ...query, ...body }),
  )
  endpoint(app, submitAgreement, ({ params, query, body, run }) =>
    run(cases.submitAgreement, { ...params, ...query, ...body }),
  )
  endpoint(app, signAgreement, ({ params, query, body, run }) =>
    run(cases.signAgreement, { ...params, ...query, ...body }),
  )
  endpoint(app, agreementVersions, ({ params, query, run }) =>
    run(cases.listVersions, { ...params, ...query }),
  )
  endpoint(app, agreementVersionPdf, async ({ params, query, run, reply }) => {
    const pdf = await run(cases.versionPdf, { ...params, ...query })
    void reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
    return pdf.bytes
  })
}

export default agreementRoutes
