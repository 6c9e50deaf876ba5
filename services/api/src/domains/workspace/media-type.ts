import { fileTypeFromBuffer } from 'file-type'

/**
 * The media type a file's bytes reveal (magic numbers, container structure), by `file-type`.
 * The name the sender gave is never consulted: a PNG called report.pdf is a PNG. Null when the
 * bytes match no known binary format (plain text, HTML, scripts): such files are refused.
 */
export async function detectMediaType(bytes: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(bytes)
  return found?.mime ?? null
}
