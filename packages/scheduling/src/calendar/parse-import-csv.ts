import { isIsoDate } from '../date.js'
import { SchedulingError } from '../errors.js'
import { splitLines } from './csv.js'
import type { CalendarEntry } from './model.js'
import { ENTRY_KINDS, isEntryKind } from './model.js'
import { guessName } from './names.js'

export interface ImportCsvOptions {
  /** Language of names without a prefix and without Han script (default 'de'). */
  nameLang?: 'de' | 'en'
  /** Prefix for `source` (default `import`), e.g. `import:upload-42`. */
  sourcePrefix?: string
}

function fail(message: string, line: number): SchedulingError {
  return new SchedulingError('SCHED_PARSE_CSV', message, { line })
}

/**
 * Officer upload format, one entry a line: `start;end;kind;name`, e.g.
 * `2026-06-01;2026-06-12;exam;Abiturprüfungen`. An empty end means one day; a header line starting with
 * `start;` is skipped, as are blank lines and lines starting with `#`. The name may carry
 * OpenHolidays-style prefixes (`DE Projektwoche,EN Project week`) and may itself contain `;`.
 */
export function parseImportCsv(text: string, options: ImportCsvOptions = {}): CalendarEntry[] {
  const prefix = options.sourcePrefix ?? 'import'
  const out: CalendarEntry[] = []
  for (const { line, text: raw } of splitLines(text)) {
    const row = raw.trim()
    if (row === '' || row.startsWith('#')) continue
    if (out.length === 0 && /^start\s*;/i.test(row)) continue
    const cells = row.split(';')
    if (cells.length < 4) throw fail(`expected 4 fields start;end;kind;name, found ${cells.length}`, line)
    const start = cells[0]!.trim()
    const endRaw = cells[1]!.trim()
    const kind = cells[2]!.trim()
    const nameText = cells.slice(3).join(';').trim()
    if (!isIsoDate(start)) throw fail(`start is not a date YYYY-MM-DD: "${start}"`, line)
    const end = endRaw === '' ? start : endRaw
    if (!isIsoDate(end)) throw fail(`end is not a date YYYY-MM-DD: "${endRaw}"`, line)
    if (end < start) throw fail(`end ${end} is before start ${start}`, line)
    if (!isEntryKind(kind)) throw fail(`kind "${kind}" is not one of ${ENTRY_KINDS.join(', ')}`, line)
    if (nameText === '') throw fail('name is empty', line)
    out.push({
      start,
      end,
      kind,
      name: guessName(nameText, options.nameLang ?? 'de'),
      source: `${prefix}:line ${line}`,
    })
  }
  return out
}
