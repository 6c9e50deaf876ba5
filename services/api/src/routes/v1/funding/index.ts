import {
  createFundingProgramme,
  editFundingProgramme,
  fundingProgrammes,
  officerFundingProgramme,
  officerFundingProgrammes,
  setFundingProgrammeActive,
  tripBudgetCsv,
  tripBudgetPdf,
  tripFunding,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/funding/use-cases/funding.js'
import { answer, endpoint } from '../../../http/endpoint.js'

/** Funding programmes: the catalogue (officers write, admins read) and a trip's fit and budget. */
const fundingRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, fundingProgrammes, async ({ run }) => ({ items: await run(cases.listActive, {}) }))
  endpoint(app, officerFundingProgrammes, async ({ run }) => ({ items: await run(cases.listCatalogue, {}) }))
  endpoint(app, officerFundingProgramme, ({ params, run }) => run(cases.viewProgramme, params))
  endpoint(app, createFundingProgramme, async ({ body, run }) =>
    answer(201, await run(cases.createProgramme, body)),
  )
  endpoint(app, editFundingProgramme, ({ params, body, run }) =>
    run(cases.editProgramme, { ...params, ...body }),
  )
  endpoint(app, setFundingProgrammeActive, ({ params, body, run }) =>
    run(cases.setProgrammeActive, { ...params, ...body }),
  )
  endpoint(app, tripFunding, ({ params, run }) => run(cases.tripFunding, params))
  endpoint(app, tripBudgetCsv, async ({ params, query, run, reply }) => {
    const csv = await run(cases.tripBudgetCsv, { ...params, ...query })
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${csv.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
    return csv.text
  })
  endpoint(app, tripBudgetPdf, async ({ params, query, run, reply }) => {
    const pdf = await run(cases.tripBudgetPdf, { ...params, ...query })
    void reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${pdf.fileName}"`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
    return pdf.bytes
  })
}

export default fundingRoutes
