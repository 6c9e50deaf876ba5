import {
  claimSchool,
  decideClaim,
  getClaim,
  importOpenData,
  listClaims,
  listUnclaimedSchools,
  MAX_OPEN_DATA_BYTES,
  openDataTemplate,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import { JINHUA_LIST_TEMPLATE } from '../../../domains/registry/opendata/jinhua-list.js'
import * as cases from '../../../domains/registry/use-cases/open-data.js'
import { answer, endpoint } from '../../../http/endpoint.js'

/**
 * Schools from open data: the office's import (the file as a `text/csv` body, answered with what
 * was added, updated and skipped), the Jinhua template, and the claims on unclaimed schools.
 */
const openDataRoutes: FastifyPluginAsync = async (app) => {
  // Encapsulated: this plugin's parser keeps the bytes (the file may be Windows-1252).
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_OPEN_DATA_BYTES },
    (_req, body, done) => {
      done(null, body)
    },
  )
  endpoint(
    app,
    importOpenData,
    ({ query, request, run }) => run(cases.importOpenData, { ...query, content: request.body }),
    { bodyLimit: MAX_OPEN_DATA_BYTES },
  )
  endpoint(app, openDataTemplate, async ({ reply }) => {
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="jinhua-schools-template.csv"')
    return JINHUA_LIST_TEMPLATE
  })
  endpoint(app, listUnclaimedSchools, ({ query, run }) => run(cases.listUnclaimedSchools, query))
  endpoint(app, claimSchool, async ({ params, body, run }) =>
    answer(201, await run(cases.claimSchool, { id: params.id, ...body })),
  )
  endpoint(app, listClaims, ({ query, run }) => run(cases.listClaims, query))
  endpoint(app, getClaim, ({ params, run }) => run(cases.viewClaim, params))
  endpoint(app, decideClaim, ({ params, body, run }) => run(cases.decideClaim, { id: params.id, ...body }))
}

export default openDataRoutes
