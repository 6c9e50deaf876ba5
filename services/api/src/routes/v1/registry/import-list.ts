import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { listImports } from '../../../domains/registry/import-list.js'
import { reportingSide } from '../../../domains/reporting/scope.js'
import { Paged, pageQuery } from '../../../http/keyset.js'
import { problems, Side } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { ImportStatus } from './schemas.js'

const ImportSummary = Type.Omit(ImportStatus, ['report'])

/** The office's CSV imports, newest first; with `problems` only those that need another look. */
const importListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/imports',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['officer'],
        summary: "Imports of the officer's side, newest first (keyset paged, with total)",
        description:
          '`problems=true`: only imports of the last 30 days with rejected rows or a failed run. ' +
          'Officers see their own side; admins every side or one `side`.',
        querystring: Type.Object(
          { side: Type.Optional(Side), problems: Type.Optional(Type.Boolean()), ...pageQuery() },
          { additionalProperties: false },
        ),
        response: { 200: Paged(ImportSummary), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const { side, ...rest } = request.query
      return listImports(app.db, { ...rest, side: reportingSide(principalOf(request), side) })
    },
  )
}

export default importListRoutes
