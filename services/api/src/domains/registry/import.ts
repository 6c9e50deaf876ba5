import {
  type Db,
  type DbOrTx,
  type ImportProblemCode,
  type ImportRowProblem,
  INSTITUTION_KINDS,
  type InstitutionKind,
  imports,
  institutions,
  LANGUAGE_LEVELS,
  LANGUAGES,
  type LanguageUse,
  REGIONS,
  type Side,
} from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { eq, inArray, sql } from 'drizzle-orm'
import { CsvFormatError, parseCsv } from './csv.js'
import { subtypesFor } from './validate.js'

/**
 * Documented import columns (header row required, order free, names case-insensitive).
 * Required: external_key, name, kind, municipality. See docs/registry.md for the formats.
 */
export const IMPORT_COLUMNS = [
  'external_key',
  'name',
  'kind',
  'subtype',
  'discipline',
  'municipality',
  'name_de',
  'name_zh',
  'name_en',
  'website',
  'size',
  'languages',
  'description',
  'description_lang',
  'contact_name',
  'contact_role',
  'contact_email',
  'contact_consent_at',
] as const
type Column = (typeof IMPORT_COLUMNS)[number]
const REQUIRED: Column[] = ['external_key', 'name', 'kind', 'municipality']
export const MAX_IMPORT_ROWS = 20_000

export interface ParsedFile {
  header: Column[]
  rows: { line: number; cells: string[] }[]
}

/** Structural checks done at upload, so a broken file is refused before anything is queued. */
export function readImportFile(content: string): ParsedFile {
  const all = parseCsv(content)
  const [head, ...rows] = all
  if (!head) throw new CsvFormatError('the file is empty')
  const header = head.cells.map((c) => c.trim().toLowerCase())
  const unknown = header.filter((h) => !(IMPORT_COLUMNS as readonly string[]).includes(h))
  if (unknown.length > 0) throw new CsvFormatError(`unknown column(s) in the header: ${unknown.join(', ')}`)
  const missing = REQUIRED.filter((r) => !header.includes(r))
  if (missing.length > 0) throw new CsvFormatError(`missing required column(s): ${missing.join(', ')}`)
  const dup = header.find((h, i) => header.indexOf(h) !== i)
  if (dup) throw new CsvFormatError(`column ${dup} appears twice`)
  if (rows.length > MAX_IMPORT_ROWS)
    throw new CsvFormatError(`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} per import`)
  for (const r of rows)
    if (r.cells.length !== header.length)
      throw new CsvFormatError(`line ${r.line}: ${r.cells.length} fields, the header has ${header.length}`)
  return { header: header as Column[], rows }
}

export interface ImportedValues {
  externalKey: string
  name: string
  kind: InstitutionKind
  subtype: string | null
  discipline: string | null
  municipalityId: string
  nameI18n: Partial<Record<'de' | 'zh' | 'en', string>>
  website: string | null
  size: number | null
  languages: LanguageUse[]
  description: { original: { lang: 'de' | 'zh' | 'en'; text: string }; translations: [] } | null
  contact: { name: string; role: string; email: string } | null
  contactConsentAt: Date | null
}

function municipalityOf(side: Side, value: string): string | undefined {
  const v = value.trim().toLowerCase()
  return REGIONS[side].units.find(
    (u) => u.id === v || u.de.toLowerCase() === v || u.en.toLowerCase() === v || u.zh === value.trim(),
  )?.id
}

/** Validates one row; returns the values or every problem found, each naming its column. */
export function readRow(
  side: Side,
  header: Column[],
  row: { line: number; cells: string[] },
): { values: ImportedValues } | { problems: ImportRowProblem[] } {
  const get = (c: Column) => {
    const i = header.indexOf(c)
    return i < 0 ? '' : (row.cells[i] ?? '').trim()
  }
  const problems: ImportRowProblem[] = []
  // Each problem has a code (and values) the web says in the reader's language; `reason` is the
  // English text for the API and logs.
  const bad = (
    column: Column,
    code: ImportProblemCode,
    reason: string,
    params?: Record<string, string | number>,
  ) => problems.push({ line: row.line, column, reason, code, ...(params ? { params } : {}) })
  const externalKey = get('external_key')
  if (!externalKey) bad('external_key', 'required', 'required')
  else if (externalKey.length > 100) bad('external_key', 'tooLong', 'at most 100 characters', { max: 100 })
  else if (externalKey.startsWith('demo:'))
    bad('external_key', 'reservedPrefix', 'the prefix demo: is reserved for demo data', { prefix: 'demo:' })
  const name = get('name')
  if (name.length < 2 || name.length > 300)
    bad('name', 'length', 'required, 2 to 300 characters', { min: 2, max: 300 })
  const kind = get('kind').toLowerCase() as InstitutionKind
  if (!INSTITUTION_KINDS.includes(kind))
    bad('kind', 'oneOf', `must be one of ${INSTITUTION_KINDS.join(', ')}`, {
      allowed: INSTITUTION_KINDS.join(', '),
    })
  // The subtype is optional (the four documented columns are enough); when given, it must fit.
  const subtype = get('subtype').toLowerCase() || null
  if (INSTITUTION_KINDS.includes(kind) && subtype) {
    const allowed = subtypesFor(side, kind)
    if (allowed.length > 0 && !allowed.includes(subtype))
      bad('subtype', 'oneOf', `must be one of ${allowed.join(', ')}`, { allowed: allowed.join(', ') })
    if (allowed.length === 0) bad('subtype', 'noSubtype', `a ${kind} institution has no subtype`, { kind })
  }
  const discipline = get('discipline') || null
  if (discipline && !(kind === 'club' && subtype === 'sport'))
    bad('discipline', 'sportOnly', 'only sport clubs have one')
  const municipalityId = municipalityOf(side, get('municipality'))
  if (!municipalityId)
    bad('municipality', 'municipality', `not a municipality or district of ${side}`, {
      value: get('municipality'),
    })
  const website = get('website') || null
  if (website && !/^https?:\/\/\S+\.\S+$/.test(website))
    bad('website', 'website', 'must be an http(s) address')
  const sizeText = get('size')
  const size = sizeText ? Number(sizeText) : null
  if (size !== null && (!Number.isInteger(size) || size < 1 || size > 100_000))
    bad('size', 'wholeNumber', 'must be a whole number from 1 to 100000', { min: 1, max: 100_000 })
  const languages: LanguageUse[] = []
  for (const part of get('languages')
    .split(';')
    .filter((s) => s.trim())) {
    const [lang, level, use = 'used'] = part.trim().toLowerCase().split(':')
    if (
      !LANGUAGES.includes(lang as never) ||
      !LANGUAGE_LEVELS.includes(level as never) ||
      (use !== 'used' && use !== 'taught')
    ) {
      bad(
        'languages',
        'languages',
        `"${part.trim()}" is not lang:level[:used|taught] (e.g. de:native;en:basic:taught)`,
        {
          value: part.trim(),
        },
      )
      continue
    }
    languages.push({ lang, level, use } as LanguageUse)
  }
  const descText = get('description')
  const descLang = (get('description_lang') || (side === 'jinhua' ? 'zh' : 'de')).toLowerCase()
  if (descText && !LANGUAGES.includes(descLang as never))
    bad('description_lang', 'oneOf', 'must be de, zh or en', { allowed: LANGUAGES.join(', ') })
  if (descText.length > 2000) bad('description', 'tooLong', 'at most 2000 characters', { max: 2000 })
  const contactName = get('contact_name')
  const contactEmail = get('contact_email')
  const contactRole = get('contact_role')
  const consentText = get('contact_consent_at')
  let contact: ImportedValues['contact'] = null
  let contactConsentAt: Date | null = null
  if (contactName || contactEmail) {
    if (!contactName) bad('contact_name', 'contactName', 'required with a contact email')
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(contactEmail))
      bad('contact_email', 'email', 'not an email address')
    contactConsentAt = consentText ? new Date(consentText) : null
    if (!contactConsentAt || Number.isNaN(contactConsentAt.getTime()))
      bad(
        'contact_consent_at',
        'consent',
        'a contact person needs the date their consent was recorded (ISO 8601)',
      )
    contact = { name: contactName, role: contactRole || '-', email: contactEmail }
  }
  if (problems.length > 0) return { problems }
  const nameI18n: ImportedValues['nameI18n'] = {}
  for (const l of LANGUAGES) {
    const v = get(`name_${l}` as Column)
    if (v) nameI18n[l] = v
  }
  return {
    values: {
      externalKey,
      name,
      kind,
      subtype,
      discipline,
      municipalityId: municipalityId!,
      nameI18n,
      website,
      size,
      languages,
      description: descText
        ? { original: { lang: descLang as 'de' | 'zh' | 'en', text: descText }, translations: [] }
        : null,
      contact,
      contactConsentAt,
    },
  }
}

type InstitutionRow = typeof institutions.$inferSelect

/** The imported fields of a stored row, in the same shape as ImportedValues, to detect "unchanged". */
function storedValues(r: InstitutionRow): ImportedValues {
  return {
    externalKey: r.externalKey!,
    name: r.name,
    kind: r.kind!,
    subtype: r.subtype,
    discipline: r.discipline,
    municipalityId: r.municipalityId!,
    nameI18n: r.nameI18n,
    website: r.website,
    size: r.size,
    languages: r.languages,
    description: r.description as ImportedValues['description'],
    contact: r.contact,
    contactConsentAt: r.contactConsentAt,
  }
}

const canonical = (v: ImportedValues) =>
  JSON.stringify(v, (_k, val) =>
    val && typeof val === 'object' && !Array.isArray(val) && !(val instanceof Date)
      ? Object.fromEntries(Object.entries(val).sort(([a], [b]) => a.localeCompare(b)))
      : val,
  )

const PROGRESS_EVERY = 200

/**
 * Processes a queued import: every row is validated first, then all valid rows are written in
 * the caller's transaction (so a crash leaves nothing half-imported), while progress is published
 * on the imports row through a separate connection for the officer to follow.
 */
export async function processImport(db: Db, tx: DbOrTx, importId: string): Promise<void> {
  // No row lock here: progress is written to this row from another connection meanwhile.
  const [job] = await tx.select().from(imports).where(eq(imports.id, importId))
  if (!job || job.status === 'done' || job.status === 'failed') return
  const progress = (values: Partial<typeof imports.$inferInsert>) =>
    db
      .update(imports)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(imports.id, importId))
  let file: ParsedFile
  try {
    file = readImportFile(job.content ?? '')
  } catch (error) {
    if (!(error instanceof CsvFormatError)) throw error
    await tx
      .update(imports)
      .set({ status: 'failed', error: error.message, content: null, finishedAt: sql`now()` })
      .where(eq(imports.id, importId))
    await announceImport(tx, job, { status: 'failed', total: 0, failed: 0 })
    return
  }
  await progress({ status: 'running', total: file.rows.length })
  const report: ImportRowProblem[] = []
  const valid: { line: number; values: ImportedValues }[] = []
  const seenKeys = new Map<string, number>()
  for (const row of file.rows) {
    const r = readRow(job.side, file.header, row)
    if ('problems' in r) {
      report.push(...r.problems)
      continue
    }
    const first = seenKeys.get(r.values.externalKey)
    if (first !== undefined) {
      report.push({ line: row.line, column: 'external_key', reason: `same key as line ${first}` })
      continue
    }
    seenKeys.set(r.values.externalKey, row.line)
    valid.push({ line: row.line, values: r.values })
  }
  const counts = { created: 0, updated: 0, unchanged: 0, failed: new Set(report.map((p) => p.line)).size }
  let processed = counts.failed
  for (let start = 0; start < valid.length; start += PROGRESS_EVERY) {
    const batch = valid.slice(start, start + PROGRESS_EVERY)
    const existing = await tx
      .select()
      .from(institutions)
      .where(
        inArray(
          institutions.externalKey,
          batch.map((b) => b.values.externalKey),
        ),
      )
    const byKey = new Map(existing.map((e) => [e.externalKey!, e]))
    for (const { line, values } of batch) {
      const current = byKey.get(values.externalKey)
      if (!current) {
        await tx.insert(institutions).values({ ...values, side: job.side, status: 'verified' })
        counts.created++
      } else if (current.side !== job.side) {
        report.push({
          line,
          column: 'external_key',
          reason: 'this key belongs to an institution of the other side',
        })
        counts.failed++
      } else if (canonical(storedValues(current)) === canonical(values)) {
        counts.unchanged++
      } else {
        await tx
          .update(institutions)
          .set({ ...values, updatedAt: sql`now()` })
          .where(eq(institutions.id, current.id))
        counts.updated++
      }
    }
    processed += batch.length
    await progress({ processed })
  }
  report.sort((a, b) => a.line - b.line)
  await tx
    .update(imports)
    .set({
      status: 'done',
      total: file.rows.length,
      processed: file.rows.length,
      ...counts,
      report,
      content: null,
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(imports.id, importId))
  await announceImport(tx, job, { status: 'done', total: file.rows.length, failed: counts.failed })
}

/** Tells the officer who uploaded the file that it is done, in the transaction that finished it. */
async function announceImport(
  tx: DbOrTx,
  job: typeof imports.$inferSelect,
  result: { status: 'done' | 'failed'; total: number; failed: number },
) {
  if (!job.createdBy) return
  await writeOutbox(tx, {
    type: 'import.finished',
    audience: { userIds: [job.createdBy] },
    importId: job.id,
    fileName: job.fileName,
    ...result,
  })
}
