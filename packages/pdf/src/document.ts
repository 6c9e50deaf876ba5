import PDFDocument from 'pdfkit'
import { fontBytes } from './font.js'
import { A4, MARGIN } from './layout.js'

/** The name every document registers the embedded font under. */
export const FONT = 'NotoSansSC'
export const COLOR = { text: '#111111', heading: '#1b3d5f', muted: '#555555', rule: '#9aa7b4' } as const
const LANG_TAG = { de: 'de-DE', zh: 'zh-CN', en: 'en-GB' } as const

export interface OpenPdfOptions {
  lang: keyof typeof LANG_TAG
  title: string
  subject?: string
  keywords?: string
  /** Page margins; the shared ones unless a document needs more room. */
  margins?: { top: number; bottom: number; side: number }
  /** The document's creation date (ISO instant), passed in so equal input gives an equal PDF. */
  createdAt: string
}

/**
 * An A4 document with the embedded font selected and its pages buffered (so footers can be
 * drawn once the page count is known); `done` gives the bytes after `doc.end()`.
 */
export function openPdf(o: OpenPdfOptions): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const created = new Date(o.createdAt)
  const m = o.margins ?? MARGIN
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: m.top, bottom: m.bottom, left: m.side, right: m.side },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: LANG_TAG[o.lang],
    displayTitle: true,
    info: {
      Title: o.title,
      ...(o.subject === undefined ? {} : { Subject: o.subject }),
      ...(o.keywords === undefined ? {} : { Keywords: o.keywords }),
      Creator: 'Düren–Jinhua exchange platform',
      CreationDate: created,
      ModDate: created,
    },
  })
  const chunks: Buffer[] = []
  doc.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont(FONT, fontBytes())
  doc.font(FONT)
  return { doc, done }
}

/**
 * Runs `draw` on every buffered page with the bottom margin lifted: text below the margin would
 * otherwise open a new page, and footers live in that margin.
 */
export function onEveryPage(
  doc: PDFKit.PDFDocument,
  draw: (page: { number: number; count: number }) => void,
): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const margin = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    draw({ number: i + 1 - range.start, count: range.count })
    doc.page.margins.bottom = margin
  }
}

/** A footer text and "n / count" under it on every page, in the bottom margin. */
export function footerWithPageNumbers(doc: PDFKit.PDFDocument, text: string, size: number): void {
  const full = A4.width - 2 * MARGIN.side
  const fy = A4.height - MARGIN.bottom + 16
  onEveryPage(doc, ({ number, count }) => {
    doc.fontSize(size).fillColor(COLOR.muted)
    doc.text(text, MARGIN.side, fy, { width: full, lineGap: 1 })
    doc.text(`${number} / ${count}`, MARGIN.side, fy + 18, { width: full, align: 'right' })
  })
}

/** A horizontal rule at `y` from `x` over `width` points. */
export function hairline(doc: PDFKit.PDFDocument, y: number, x: number, width: number, weight = 0.5): void {
  doc
    .moveTo(x, y)
    .lineTo(x + width, y)
    .lineWidth(weight)
    .strokeColor(COLOR.rule)
    .stroke()
}

/**
 * A fact as a row: the label small and muted on the left, the value beside it (nothing drawn
 * for an empty value, so the caller can leave a line to write on).
 */
export function labelled(
  doc: PDFKit.PDFDocument,
  fact: { label: string; value: string },
  o: {
    y: number
    labelWidth: number
    valueWidth: number
    size: { label: number; body: number }
    lineGap?: number
  },
): void {
  doc
    .fontSize(o.size.label)
    .fillColor(COLOR.muted)
    .text(fact.label, MARGIN.side, o.y + 1, { width: o.labelWidth })
  if (!fact.value) return
  doc
    .fontSize(o.size.body)
    .fillColor(COLOR.text)
    .text(fact.value, MARGIN.side + o.labelWidth, o.y, {
      width: o.valueWidth,
      ...(o.lineGap === undefined ? {} : { lineGap: o.lineGap }),
    })
}
