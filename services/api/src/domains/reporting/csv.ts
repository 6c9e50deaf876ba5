/** UTF-8 byte order mark: without it Excel reads the file as ANSI and garbles Chinese names. */
export const BOM = '\uFEFF'

export type CsvCell = string | number | boolean | null | undefined

/**
 * One RFC 4180 field. Text starting with = + - @ (or a tab/CR) gets a leading apostrophe so a
 * spreadsheet never evaluates an institution's name as a formula (CSV injection).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A whole file: BOM, header, CRLF line ends (what Excel expects). */
export function toCsv(header: readonly string[], rows: readonly CsvCell[][]): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))]
  return `${BOM}${lines.join('\r\n')}\r\n`
}
