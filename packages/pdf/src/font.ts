import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'

/**
 * The one font of the agreement PDF: Noto Sans SC Regular (SIL Open Font License 1.1, see
 * LICENSE_FONT in @expo-google-fonts/noto-sans-sc), a single TrueType file with the Latin letters
 * German needs and the common Chinese characters, shipped by an npm package so nothing is
 * downloaded at run time. pdfkit embeds only the glyphs a document uses (a subset), so a PDF stays
 * small although the file is 10 MB.
 */
export const FONT_FILE = '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'
export const FONT_LICENSE = 'OFL-1.1'

let cached: Buffer | undefined
/** The font's bytes, read once per process (a static asset: every instance reads the same file). */
export function fontBytes(): Buffer {
  cached ??= readFileSync(createRequire(import.meta.url).resolve(FONT_FILE))
  return cached
}

interface GlyphLookup {
  hasGlyphForCodePoint(codePoint: number): boolean
}
let lookup: GlyphLookup | undefined
/**
 * The characters of a text the font cannot draw (each once), e.g. a rare character in a name: the
 * PDF would show an empty box there. The font object is pdfkit's own fontkit font (pdfkit does
 * not export fontkit, and a second copy would parse the 10 MB file twice).
 */
export function missingGlyphs(text: string): string[] {
  if (!lookup) {
    const doc = new PDFDocument({ autoFirstPage: false })
    doc.registerFont('probe', fontBytes()).font('probe')
    lookup = (doc as unknown as { _font: { font: GlyphLookup } })._font.font
  }
  const font = lookup
  return [...new Set(text)].filter(
    (ch) => !/\s/.test(ch) && !font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0),
  )
}
