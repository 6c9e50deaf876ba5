/** A CSV file that cannot be read at all; nothing of it is imported. */
export class CsvFormatError extends Error {}

/**
 * The separator of a file: German Excel writes "CSV" with semicolons. The header row decides
 * (column names contain neither), counting only outside quotes.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0
  let semicolons = 0
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && ch === ',') commas++
    else if (!quoted && ch === ';') semicolons++
  }
  return semicolons > commas ? ';' : ','
}

/**
 * RFC 4180 reader: comma or semicolon separated (see detectDelimiter), fields optionally in double quotes ("" escapes a quote,
 * quoted fields may span lines), CRLF or LF line ends, UTF-8 with or without BOM.
 * Returns rows with the 1-based line number each row starts on (what an officer sees in an editor).
 */
export function parseCsv(input: Buffer | string): { line: number; cells: string[] }[] {
  let text: string
  if (typeof input === 'string') text = input
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input)
    } catch {
      throw new CsvFormatError('the file is not valid UTF-8 text; save it as "CSV UTF-8"')
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  const delimiter = detectDelimiter(text)
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  let line = 1
  let rowLine = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (ch === '\n') line++
        field += ch
      }
      continue
    }
    if (ch === '"') {
      if (fieldStarted && field.length > 0)
        throw new CsvFormatError(`line ${line}: a quote inside an unquoted field; quote the whole field`)
      quoted = true
      fieldStarted = true
    } else if (ch === delimiter) {
      cells.push(field)
      field = ''
      fieldStarted = false
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      cells.push(field)
      if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells })
      cells = []
      field = ''
      fieldStarted = false
      line++
      rowLine = line
    } else {
      field += ch
      fieldStarted = true
    }
  }
  if (quoted) throw new CsvFormatError(`line ${rowLine}: a quoted field is never closed`)
  if (fieldStarted || cells.length > 0) {
    cells.push(field)
    rows.push({ line: rowLine, cells })
  }
  return rows
}
