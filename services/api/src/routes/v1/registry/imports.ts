import { getImport, MAX_IMPORT_BYTES, uploadImport } from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as cases from '../../../domains/registry/use-cases/imports.js'
import { endpoint } from '../../../http/endpoint.js'

/**
 * CSV imports: the body is the file itself (`Content-Type: text/csv`, UTF-8, BOM optional),
 * at most 5 MiB and 20,000 rows. The structure is checked at once (400 with the reason);
 * rows are validated and written by the registry worker, whose progress GET shows.
 */
const importRoutes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => {
      done(null, body)
    },
  )
  endpoint(
    app,
    uploadImport,
    ({ query, request, run }) => run(cases.requestImport, { ...query, content: request.body }),
    { bodyLimit: MAX_IMPORT_BYTES },
  )
  endpoint(app, getImport, ({ params, run }) => run(cases.viewImport, params))
}

export default importRoutes
