import { DUREN_MUNICIPALITY_KEYS } from '@dj/db'
import { CsvFormatError, parseCsv } from '../csv.js'
import { homepageUrl, schoolDomain, withoutSeparatorHint } from './text.js'
import { readUtmNumber, utmToLatLon } from './utm.js'

/**
 * Reader of the NRW school ministry's "Schulgrunddaten" (schuldaten.csv, open.nrw dataset
 * msw_001, Datenlizenz Deutschland – Namensnennung 2.0). Published format, as checked against
 * published readers of the file: first line `sep=;`, then a header, `;`-separated, fields may be
 * quoted, UTF-8. Only the columns below are read; others (Kurzbezeichnung, phone, fax,
 * Schulbetriebsdatum, …) are ignored, so a new ministry column does not break the import.
 */
export const SCHULGRUNDDATEN_COLUMNS = {
  schoolNumber: 'Schulnummer',
  form: 'Schulform',
  name1: 'Schulbezeichnung_1',
  name2: 'Schulbezeichnung_2',
  name3: 'Schulbezeichnung_3',
  postcode: 'PLZ',
  town: 'Ort',
  street: 'Strasse',
  email: 'E-Mail',
  homepage: 'Homepage',
  legalForm: 'Rechtsform',
  provider: 'Traegernummer',
  municipalityKey: 'Gemeindeschluessel',
  status: 'Schulbetriebsschluessel',
  epsg: 'EPSG',
  easting: 'UTMRechtswert',
  northing: 'UTMHochwert',
} as const
type Field = keyof typeof SCHULGRUNDDATEN_COLUMNS
const REQUIRED: Field[] = ['schoolNumber', 'form', 'name1', 'municipalityKey', 'status']
/** Other spellings seen in copies of the file (the XML edition writes EMail). */
const ALIASES: Partial<Record<Field, string[]>> = { email: ['EMail', 'Email'], street: ['Straße'] }

export { SCHULGRUNDDATEN_ATTRIBUTION } from '@dj/contracts'

/** Schulformschlüssel (key_schulformschluessel) → the ministry's name and our kind/subtype. */
export const SCHOOL_FORMS: Record<
  string,
  { name: string; kind: 'school' | 'vocational'; subtype: string | null }
> = {
  '02': { name: 'Grundschule', kind: 'school', subtype: 'grundschule' },
  '04': { name: 'Hauptschule', kind: 'school', subtype: 'hauptschule' },
  '06': { name: 'Volksschule', kind: 'school', subtype: 'hauptschule' },
  '08': { name: 'Förderschule', kind: 'school', subtype: 'foerderschule' },
  '10': { name: 'Realschule', kind: 'school', subtype: 'realschule' },
  '13': { name: 'PRIMUS-Schule', kind: 'school', subtype: null },
  '14': { name: 'Sekundarschule', kind: 'school', subtype: 'sekundarschule' },
  '15': { name: 'Gesamtschule', kind: 'school', subtype: 'gesamtschule' },
  '16': { name: 'Gemeinschaftsschule', kind: 'school', subtype: 'gesamtschule' },
  '17': { name: 'Freie Waldorfschule', kind: 'school', subtype: null },
  '18': { name: 'Hiberniaschule', kind: 'school', subtype: null },
  '19': { name: 'Freie Waldorfförderschule', kind: 'school', subtype: 'foerderschule' },
  '20': { name: 'Gymnasium', kind: 'school', subtype: 'gymnasium' },
  '25': { name: 'Weiterbildungskolleg', kind: 'school', subtype: null },
  '30': { name: 'Berufskolleg', kind: 'vocational', subtype: 'vocational_college' },
  '85': { name: 'Förderschule im Bereich der Berufskollegs', kind: 'school', subtype: 'foerderschule' },
  '87': { name: 'Klinikschule', kind: 'school', subtype: 'foerderschule' },
  '88': { name: 'Schule für Kranke', kind: 'school', subtype: 'foerderschule' },
}
/** Schulbetriebsschlüssel 1 = "in Betrieb"; any other state is not a school one can partner with. */
const IN_OPERATION = '1'
const KREIS_DUREN_PREFIX = '05358'

export interface OpenDataSchool {
  line: number
  sourceKey: string
  name: string
  /** Translations of the name; the Schulgrunddaten have none. */
  nameI18n: Partial<Record<'de' | 'zh' | 'en', string>>
  formCode: string
  formName: string
  kind: 'school' | 'vocational'
  subtype: string | null
  municipalityId: string
  address: { street: string; postcode: string; town: string }
  website: string | null
  emailDomain: string | null
  lat: number | null
  lon: number | null
  /** Kept for the result table; not stored (the registry has no such fields). */
  legalForm: 'public' | 'private' | null
}

export type SkipReason = 'outside_region' | 'closed' | 'unknown_form' | 'invalid' | 'duplicate'
export interface SkippedRow {
  line: number
  sourceKey: string
  name: string
  reason: SkipReason
  detail: string
}
export interface OpenDataFile {
  schools: OpenDataSchool[]
  skipped: SkippedRow[]
  rows: number
}

/**
 * The ministry splits a long name over Schulbezeichnung_1..3 at a fixed width, hyphenating
 * mid-word ("Städt. Gymnasium am Wirte-" + "teich"): a trailing hyphen before a lower-case
 * continuation joins without it; anything else joins with a space.
 */
export function joinSchoolName(parts: string[]): string {
  let out = ''
  for (const raw of parts) {
    const p = raw.trim()
    if (!p) continue
    if (!out) out = p
    else if (out.endsWith('-') && /^\p{Ll}/u.test(p)) out = out.slice(0, -1) + p
    else if (out.endsWith('-') || out.endsWith('/')) out += p
    else out += ` ${p}`
  }
  return out.replace(/\s+/g, ' ')
}

function headerIndex(header: string[]): Record<Field, number> {
  const norm = header.map((h) => h.trim().toLowerCase())
  const out = {} as Record<Field, number>
  for (const [field, name] of Object.entries(SCHULGRUNDDATEN_COLUMNS) as [Field, string][]) {
    const names = [name, ...(ALIASES[field] ?? [])].map((n) => n.toLowerCase())
    out[field] = norm.findIndex((h) => names.includes(h))
  }
  const missing = REQUIRED.filter((f) => out[f] < 0).map((f) => SCHULGRUNDDATEN_COLUMNS[f])
  if (missing.length > 0)
    throw new CsvFormatError(`not a Schulgrunddaten file: missing column(s) ${missing.join(', ')}`)
  return out
}

/** Reads the file and keeps the schools in operation in Kreis Düren; every other row says why not. */
export function readSchulgrunddaten(text: string): OpenDataFile {
  const { text: body, skippedLines } = withoutSeparatorHint(text)
  const [head, ...rows] = parseCsv(body)
  if (!head) throw new CsvFormatError('the file has no header')
  const col = headerIndex(head.cells)
  const schools: OpenDataSchool[] = []
  const skipped: SkippedRow[] = []
  const seen = new Set<string>()
  for (const row of rows) {
    const line = row.line + skippedLines
    const get = (f: Field) => (col[f] < 0 ? '' : (row.cells[col[f]] ?? '').trim())
    const sourceKey = get('schoolNumber')
    const name = joinSchoolName([get('name1'), get('name2'), get('name3')])
    const skip = (reason: SkipReason, detail: string) =>
      skipped.push({ line, sourceKey, name, reason, detail })
    const municipalityKey = get('municipalityKey')
    if (!/^\d{6}$/.test(sourceKey)) {
      skip('invalid', 'Schulnummer is not six digits')
      continue
    }
    if (!municipalityKey.startsWith(KREIS_DUREN_PREFIX)) {
      skip('outside_region', `Gemeindeschluessel ${municipalityKey || '–'} is not in Kreis Düren (05358…)`)
      continue
    }
    const municipalityId = DUREN_MUNICIPALITY_KEYS[municipalityKey]
    if (!municipalityId) {
      skip('invalid', `Gemeindeschluessel ${municipalityKey} is no municipality of Kreis Düren`)
      continue
    }
    if (get('status') !== IN_OPERATION) {
      skip('closed', `Schulbetriebsschluessel ${get('status') || '–'} (not in operation)`)
      continue
    }
    const formCode = get('form').padStart(2, '0')
    const form = SCHOOL_FORMS[formCode]
    if (!form) {
      skip('unknown_form', `Schulform ${formCode}`)
      continue
    }
    if (name.length < 2) {
      skip('invalid', 'no Schulbezeichnung')
      continue
    }
    if (seen.has(sourceKey)) {
      skip('duplicate', 'the same Schulnummer appears earlier in the file')
      continue
    }
    seen.add(sourceKey)
    const epsg = get('epsg')
    const easting = readUtmNumber(get('easting'), 'easting')
    const northing = readUtmNumber(get('northing'), 'northing')
    // Only zone 32 is converted; a file in another reference system keeps no coordinates.
    const position =
      easting !== null && northing !== null && (!epsg || epsg === '25832')
        ? utmToLatLon(easting, northing, 32)
        : null
    const legal = get('legalForm')
    schools.push({
      line,
      sourceKey,
      name,
      nameI18n: {},
      formCode,
      formName: form.name,
      kind: form.kind,
      subtype: form.subtype,
      municipalityId,
      address: { street: get('street'), postcode: get('postcode'), town: get('town') },
      website: homepageUrl(get('homepage')),
      emailDomain: schoolDomain(get('email'), get('homepage')),
      lat: position ? Math.round(position.lat * 1e6) / 1e6 : null,
      lon: position ? Math.round(position.lon * 1e6) / 1e6 : null,
      legalForm: legal === '1' ? 'public' : legal === '2' ? 'private' : null,
    })
  }
  return { schools, skipped, rows: rows.length }
}
