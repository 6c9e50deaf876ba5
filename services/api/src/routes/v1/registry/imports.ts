import { imports } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq } from 'drizzle-orm'
import Type from 'typebox'
import { writeAudit } from '../../../domains/audit.js'
import { requireActingOfficer } from '../../../domains/registry/access.js'
import { CsvFormatError } from '../../../domains/registry/csv.js'
import { RegistryErrors } from '../../../domains/registry/errors.js'
import { readImportFile } from '../../../domains/registry/import.js'
import { Errors, FieldsError } from '../../../http/errors.js'
import { problems, Side, Uuid } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import { ImportStatus } from './schemas.js'

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

type ImportRow = typeof imports.$inferSelect
const statusOf = (r: ImportRow) => ({
  id: r.id,
  side: r.side,
  status: r.status,
  fileName: r.fileName,
  total: r.total,
  processed: r.processed,
  created: r.created,
  updated: r.updated,
  unchanged: r.unchanged,
  failed: r.failed,
  report: r.report,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
})

/**
 * CSV imports: the body is the file itself (`Content-Type: text/csv`, UTF-8, BOM optional),
 * at most 5 MiB and 20,000 rows. The structure is checked at once (400 with the reason);
 * rows are validated and written by the registry worker, whose progress GET shows.
 */
const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_req, body, done) => {
      done(null, body)
    },
  )

  app.post(
    '/officer/imports',
    {
      config: { roles: ['officer', 'admin'] },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['officer'],
        summary: 'Upload a CSV of institutions of my side (text/csv body); imported in the background',
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ maxLength: 200 })), side: Type.Optional(Side) },
          { additionalProperties: false },
        ),
        response: { 202: ImportStatus, ...problems(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      const side = request.query.side ?? (p.role === 'officer' ? p.side! : undefined)
      if (!side) throw new FieldsError([{ field: 'side', message: 'required for admins' }])
      requireActingOfficer(p, side)
      if (!Buffer.isBuffer(request.body))
        throw new Errors.Invalid('send the file as the body with Content-Type text/csv')
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(request.body)
        readImportFile(text)
      } catch (error) {
        if (error instanceof CsvFormatError) {
          if (/at most \d+ per import/.test(error.message))
            throw new RegistryErrors.ImportTooLarge(error.message)
          throw new RegistryErrors.ImportMalformed(error.message)
        }
        if (error instanceof TypeError)
          throw new RegistryErrors.ImportMalformed('the file is not valid UTF-8 text')
        throw error
      }
      const row = await app.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(imports)
          .values({ side, createdBy: p.userId, fileName: request.query.fileName ?? null, content: text })
          .returning()
        await writeOutbox(tx, { type: 'import.requested', importId: created!.id })
        // The worker creates and updates institutions of the side from this file: record who sent it.
        await writeAudit(tx, {
          actorId: p.userId,
          actorLabel: p.displayName,
          action: 'import.requested',
          entityType: 'import',
          entityId: created!.id,
          after: { side, fileName: created!.fileName },
          requestId: request.id,
        })
        return created!
      })
      return reply.status(202).send(statusOf(row))
    },
  )

  app.get(
    '/officer/imports/:id',
    {
      config: { roles: ['officer', 'admin'] },
      schema: {
        tags: ['officer'],
        summary: 'Progress and row report of an import',
        params: Type.Object({ id: Uuid }),
        response: { 200: ImportStatus, ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const [row] = await app.db.select().from(imports).where(eq(imports.id, request.params.id))
      if (!row) throw new Errors.NotFound('import')
      requireActingOfficer(p, row.side)
      return statusOf(row)
    },
  )
}

export default importRoutes
