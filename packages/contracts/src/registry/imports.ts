import Type, { type Static } from 'typebox'
import { IdParams, Paged, pageQuery, problems } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'
import { ImportProgress } from './schemas.js'

const tags = ['registry', 'officer'] as const

/** An import in the office's list: its progress without the row report. */
export const ImportSummary = Type.Omit(ImportProgress, ['report'])
export type ImportSummary = Static<typeof ImportSummary>

/** The largest CSV file an import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024

export const ImportUploadQuery = Type.Object(
  { fileName: Type.Optional(Type.String({ maxLength: 200 })), side: Type.Optional(Side) },
  { additionalProperties: false },
)

/**
 * The body is the file itself (`Content-Type: text/csv`, UTF-8, BOM optional), at most 5 MiB and
 * 20,000 rows; the structure is checked at once, rows by the registry worker.
 */
export const uploadImport = route({
  method: 'POST',
  path: '/v1/officer/imports',
  tags,
  summary: 'Upload a CSV of institutions of my side (text/csv body); imported in the background',
  access: { roles: ['officer', 'admin'] },
  query: ImportUploadQuery,
  response: { 202: ImportProgress, ...problems(400, 401, 403, 413, 415) },
})

export const getImport = route({
  method: 'GET',
  path: '/v1/officer/imports/:id',
  tags,
  summary: 'Progress and row report of an import',
  access: { roles: ['officer', 'admin'] },
  params: IdParams,
  response: { 200: ImportProgress, ...problems(401, 403, 404) },
})

export const ImportListQuery = Type.Object(
  { side: Type.Optional(Side), problems: Type.Optional(Type.Boolean()), ...pageQuery() },
  { additionalProperties: false },
)

export const listImports = route({
  method: 'GET',
  path: '/v1/officer/imports',
  tags,
  summary: "Imports of the officer's side, newest first (keyset paged, with total)",
  description:
    '`problems=true`: only imports of the last 30 days with rejected rows or a failed run. ' +
    'Officers see their own side; admins every side or one `side`.',
  access: { roles: ['officer', 'admin'] },
  query: ImportListQuery,
  response: { 200: Paged(ImportSummary), ...problems(400, 401, 403) },
})
