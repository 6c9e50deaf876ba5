import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import {
  INSTITUTION_COLUMNS,
  institutionsCsv,
  PARTNERSHIP_COLUMNS,
  partnershipsCsv,
} from '../../../domains/reporting/exports.js'
import { reportingSide } from '../../../domains/reporting/scope.js'
import { problems } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { SideQuery } from './schemas.js'

const STAFF = ['officer', 'admin'] as const
const CSV_TYPE = 'text/csv; charset=utf-8'
const FILE_NOTE =
  'UTF-8 with BOM (Excel shows Chinese correctly), comma separated, CRLF, RFC 4180 quoting; ' +
  "text starting with = + - @ is prefixed with ' so spreadsheets never run it as a formula. Columns: "

/** CSV downloads for the county offices. */
const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/export/institutions.csv',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary: "The side's institutions as CSV (public fields, status, municipality, counts)",
        description: `${FILE_NOTE}${INSTITUTION_COLUMNS.join(', ')}. languages is lang:level:use joined by ';'. contact_* only for the institution's own side's officers and admins.`,
        querystring: SideQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...problems(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const side = reportingSide(p, request.query.side)
      const csv = await institutionsCsv(app.db, p, side)
      return reply
        .type(CSV_TYPE)
        .header('content-disposition', `attachment; filename="institutions-${side ?? 'all'}.csv"`)
        .header('cache-control', 'no-store')
        .send(csv)
    },
  )

  app.get(
    '/officer/export/partnerships.csv',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary: 'All partnerships as CSV (each joins both sides; no personal data)',
        description: `${FILE_NOTE}${PARTNERSHIP_COLUMNS.join(', ')}. topics/formats: those both interests share, joined by ';'.`,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...problems(401, 403) },
      },
    },
    async (_request, reply) =>
      reply
        .type(CSV_TYPE)
        .header('content-disposition', 'attachment; filename="partnerships.csv"')
        .header('cache-control', 'no-store')
        .send(await partnershipsCsv(app.db)),
  )
}

export default exportRoutes
