import { REGIONS, SCHOOL_TYPES } from '@dj/db'
import { CsvFormatError, parseCsv } from '../csv.js'
import type { OpenDataFile, OpenDataSchool, SkippedRow, SkipReason } from './schulgrunddaten.js'
import { homepageUrl, schoolDomain, withoutSeparatorHint } from './text.js'

/**
 * The platform's template for a list of Jinhua schools (the Jinhua education bureau publishes no
 * machine-readable register we could name): UTF-8, comma or semicolon separated, one header row.
 * Documented in docs/registry.md and served for download at /v1/officer/open-data/template.csv.
 */
export const JINHUA_LIST_COLUMNS = [
  'school_code',
  'name_zh',
  'name_en',
  'type',
  'county',
  'address',
  'postcode',
  'email',
  'homepage',
  'lat',
  'lon',
  'status',
] as const
type Column = (typeof JINHUA_LIST_COLUMNS)[number]
const REQUIRED: Column[] = ['school_code', 'name_zh', 'type', 'county', 'status']

export const JINHUA_LIST_TEMPLATE = `${JINHUA_LIST_COLUMNS.join(',')}
3307010001,金华市第一中学,Jinhua No. 1 High School,senior_high,婺城区,金华市婺城区八一南街1号,321000,office@example.edu.cn,https://www.example.edu.cn,29.08,119.65,open
`

function countyOf(value: string): string | undefined {
  const v = value.trim()
  return REGIONS.jinhua.units.find(
    (u) => u.id === v.toLowerCase() || u.zh === v || u.en.toLowerCase() === v.toLowerCase() || u.de === v,
  )?.id
}

function coordinate(text: string, min: number, max: number): number | null {
  const v = Number(text.trim().replace(',', '.'))
  return text.trim() && Number.isFinite(v) && v >= min && v <= max ? v : null
}

/** Reads a Jinhua list in the template; closed schools and unknown counties are skipped with why. */
export function readJinhuaList(text: string): OpenDataFile {
  const { text: body, skippedLines } = withoutSeparatorHint(text)
  const [head, ...rows] = parseCsv(body)
  if (!head) throw new CsvFormatError('the file has no header')
  const header = head.cells.map((c) => c.trim().toLowerCase())
  const missing = REQUIRED.filter((c) => !header.includes(c))
  if (missing.length > 0)
    throw new CsvFormatError(`not a Jinhua school list: missing column(s) ${missing.join(', ')}`)
  const types: readonly string[] = SCHOOL_TYPES.jinhua
  const schools: OpenDataSchool[] = []
  const skipped: SkippedRow[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const line = row.line + skippedLines
    const get = (c: Column) => {
      const i = header.indexOf(c)
      return i < 0 ? '' : (row.cells[i] ?? '').trim()
    }
    const sourceKey = get('school_code')
    const name = get('name_zh')
    const skip = (reason: SkipReason, detail: string) =>
      skipped.push({ line, sourceKey, name, reason, detail })
    if (!/^[A-Za-z0-9-]{1,40}$/.test(sourceKey)) {
      skip('invalid', 'school_code: letters, digits and "-", at most 40')
      continue
    }
    const status = get('status').toLowerCase()
    if (status !== 'open') {
      skip('closed', `status ${status || '–'} (only "open" is imported)`)
      continue
    }
    const municipalityId = countyOf(get('county'))
    if (!municipalityId) {
      skip('outside_region', `county ${get('county') || '–'} is not one of Jinhua's nine`)
      continue
    }
    const type = get('type').toLowerCase()
    if (!types.includes(type)) {
      skip('unknown_form', `type ${type || '–'} (one of ${types.join(', ')})`)
      continue
    }
    if (name.length < 2 || name.length > 300) {
      skip('invalid', 'name_zh: 2 to 300 characters')
      continue
    }
    if (seen.has(sourceKey)) {
      skip('duplicate', 'the same school_code appears earlier in the file')
      continue
    }
    seen.add(sourceKey)
    const lat = coordinate(get('lat'), 28, 30.5)
    const lon = coordinate(get('lon'), 119, 121)
    schools.push({
      line,
      sourceKey,
      name,
      formCode: type,
      formName: type,
      // A secondary vocational school is a school type on the Jinhua side; a college is vocational.
      kind: type === 'vocational_college' ? 'vocational' : 'school',
      subtype: type,
      nameI18n: get('name_en') ? { en: get('name_en') } : {},
      municipalityId,
      address: { street: get('address'), postcode: get('postcode'), town: '' },
      website: homepageUrl(get('homepage')),
      emailDomain: schoolDomain(get('email'), get('homepage')),
      lat: lat !== null && lon !== null ? lat : null,
      lon: lat !== null && lon !== null ? lon : null,
      legalForm: null,
    })
  }
  return { schools, skipped, rows: rows.length }
}
