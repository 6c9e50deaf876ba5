import { ImportListQuery, Side, Uuid } from '@dj/contracts'
import { imports } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { eq } from 'drizzle-orm'
import Type from 'typebox'
import { writeAudit } from '../../audit.js'
import { Errors, FieldsError } from '../../errors.js'
import { reportingSide } from '../../reporting/scope.js'
import { useCase } from '../../use-case.js'
import { requireActingOfficer } from '../access.js'
import { CsvFormatError } from '../csv.js'
import { RegistryErrors } from '../errors.js'
import { readImportFile } from '../import.js'
import { listImports as listImportRows } from '../import-list.js'

type ImportRow = typeof imports.$inferSelect
export const importProgress = (r: ImportRow) => ({
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

/** The file's text, or the reason it cannot be imported at all (nothing is queued then). */
function readUpload(content: unknown): string {
  if (!(content instanceof Uint8Array))
    throw new Errors.Invalid('send the file as the body with Content-Type text/csv')
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content)
    readImportFile(text)
    return text
  } catch (error) {
    if (error instanceof CsvFormatError) {
      if (/at most \d+ per import/.test(error.message)) throw new RegistryErrors.ImportTooLarge(error.message)
      throw new RegistryErrors.ImportMalformed(error.message)
    }
    if (error instanceof TypeError)
      throw new RegistryErrors.ImportMalformed('the file is not valid UTF-8 text')
    throw error
  }
}

/**
 * An officer (or admin, naming the side) sends a CSV of institutions of the side. Its structure is
 * checked at once; the registry worker validates and writes the rows (import.requested).
 */
export const requestImport = useCase({
  name: 'registry.requestImport',
  input: Type.Object({
    side: Type.Optional(Side),
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    content: Type.Unsafe<unknown>({ description: 'the file as bytes (UTF-8)' }),
  }),
  caller: ['officer', 'admin'],
  transaction: true,
  async run({ input, actor, db, requestId }) {
    const side = input.side ?? (actor.role === 'officer' ? actor.side! : undefined)
    if (!side) throw new FieldsError([{ field: 'side', message: 'required for admins' }])
    requireActingOfficer(actor, side)
    const text = readUpload(input.content)
    const [created] = await db
      .insert(imports)
      .values({ side, createdBy: actor.userId, fileName: input.fileName ?? null, content: text })
      .returning()
    await writeOutbox(db, { type: 'import.requested', importId: created!.id })
    // The worker creates and updates institutions of the side from this file: record who sent it.
    await writeAudit(db, {
      actorId: actor.userId,
      actorLabel: actor.displayName,
      action: 'import.requested',
      entityType: 'import',
      entityId: created!.id,
      after: { side, fileName: created!.fileName },
      requestId,
    })
    return importProgress(created!)
  },
})

/** An import's progress and row report, for officers of its side. */
export const viewImport = useCase({
  name: 'registry.viewImport',
  input: Type.Object({ id: Uuid }),
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const [row] = await db.select().from(imports).where(eq(imports.id, input.id))
    if (!row) throw new Errors.NotFound('import')
    requireActingOfficer(actor, row.side)
    return importProgress(row)
  },
})

/** The office's imports, newest first; officers their own side, admins every side or one. */
export const listImports = useCase({
  name: 'registry.listImports',
  input: ImportListQuery,
  caller: ['officer', 'admin'],
  transaction: false,
  async run({ input, actor, db }) {
    const { side, ...rest } = input
    return listImportRows(db, { ...rest, side: reportingSide(actor, side) })
  },
})
