import { isIsoDate } from '../date.js'
import { SchedulingError } from '../errors.js'
import { splitLines } from './csv.js'
import type { CalendarEntry, EntryKind } from './model.js'
import { parsePrefixedName } from './names.js'

export interface OpenHolidaysCsvOptions {
  /** Keep only rows valid in this subdivision (rows with empty Subdivisions are nationwide). */
  subdivision?: string
}

const REQUIRED = ['Id', 'StartDate', 'EndDate', 'Type', 'Name', 'Subdivisions'] as const

const KIND_BY_TYPE: Record<string, EntryKind | null> = {
  Public: 'public_holiday',
  School: 'school_holiday',
  // Known OpenHolidays types that do not close schools or offices: skipped on purpose.
  Bank: null,
  Optional: null,
  BackToSchool: null,
  EndOfLessons: null,
}

function fail(message: string, line: number): SchedulingError {
  return new SchedulingError('SCHED_PARSE_CSV', message, { line })
}

/**
 * Parses the semicolon-separated OpenHolidays export (openpotato/openholidaysapi.data). Columns are
 * found by header name because the public and school files differ (the public one has `Tags`).
 * An empty EndDate means a single day.
 */
export function parseOpenHolidaysCsv(text: string, options: OpenHolidaysCsvOptions = {}): CalendarEntry[] {
  const lines = splitLines(text).filter((l) => l.text.trim() !== '')
  const header = lines[0]
  if (!header) throw fail('empty file: expected a header line', 1)
  const cols = header.text.split(';').map((c) => c.trim())
  const index: Record<string, number> = {}
  for (const name of REQUIRED) {
    const i = cols.indexOf(name)
    if (i < 0) throw fail(`header lacks column ${name}`, header.line)
    index[name] = i
  }
  const col = (cells: string[], name: (typeof REQUIRED)[number]): string => (cells[index[name]!] ?? '').trim()

  const out: CalendarEntry[] = []
  for (const { line, text: row } of lines.slice(1)) {
    const cells = row.split(';')
    if (cells.length !== cols.length) {
      throw fail(`expected ${cols.length} fields, found ${cells.length}`, line)
    }
    const start = col(cells, 'StartDate')
    const endRaw = col(cells, 'EndDate')
    const end = endRaw === '' ? start : endRaw
    if (!isIsoDate(start)) throw fail(`StartDate is not a valid date: "${start}"`, line)
    if (!isIsoDate(end)) throw fail(`EndDate is not a valid date: "${end}"`, line)
    if (end < start) throw fail(`EndDate ${end} is before StartDate ${start}`, line)
    const type = col(cells, 'Type')
    if (!(type in KIND_BY_TYPE)) throw fail(`unknown Type "${type}"`, line)
    const kind = KIND_BY_TYPE[type]
    if (!kind) continue
    const subdivisions = col(cells, 'Subdivisions')
    if (options.subdivision && subdivisions !== '') {
      const list = subdivisions.split(',').map((s) => s.trim())
      if (!list.includes(options.subdivision)) continue
    }
    const rawName = col(cells, 'Name')
    const name = parsePrefixedName(rawName)
    if (!name || Object.keys(name).length === 0) {
      throw fail(`Name must look like "DE Osterferien,EN Easter Holidays", got "${rawName}"`, line)
    }
    const id = col(cells, 'Id')
    if (id === '') throw fail('Id is empty', line)
    out.push({ start, end, kind, name, source: `openholidays:${id}` })
  }
  return out
}
