/** Splits text into lines, keeping 1-based line numbers; accepts LF and CRLF (the NRW file uses CRLF). */
export function splitLines(text: string): { line: number; text: string }[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return body.split(/\r?\n/).map((t, i) => ({ line: i + 1, text: t }))
}
