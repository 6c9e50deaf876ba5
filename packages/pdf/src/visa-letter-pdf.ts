import { COLOR as BASE_COLOR, hairline, onEveryPage, openPdf } from './document.js'
import { A4 } from './layout.js'

/**
 * The shape of a visa invitation letter as `visaLetter` of @dj/exchange gives it, declared here
 * structurally: the PDF only lays out text blocks and needs none of the rules that made them.
 */
export interface VisaLetterVersionText {
  lang: 'de' | 'en' | 'zh'
  label: string
  note: string
  title: string
  placeDate: string
  recipient: string
  subject: string
  salutation: string
  paragraphs: readonly string[]
  programme: { heading: string; lines: readonly string[] }
  travellers: { heading: string; columns: readonly string[]; rows: readonly (readonly string[])[] }
  request: string
  host: { heading: string; lines: readonly string[] }
  closing: string
  signature: readonly string[]
}

export interface VisaLetterPdfInput {
  letter: {
    letterhead: { names: readonly string[]; lines: readonly string[] }
    versions: readonly VisaLetterVersionText[]
  }
  /** The document's creation date (ISO instant), passed in so equal input gives an equal PDF. */
  createdAt: string
}

/** Narrower than the agreement's: a letter with a small group fits on one page per language. */
const MARGIN = { top: 42, bottom: 56, side: 48 } as const
const SIZE = { letterhead: 12.5, title: 12.5, body: 9, table: 8, small: 7.5 } as const
const COLOR = { ...BASE_COLOR, band: '#e8edf2' } as const
const LINE_GAP = 1.4
/** Shares of the table's width: no., family name, given names, sex, birth date, nationality, passport. */
const TABLE_SHARES = [0.05, 0.17, 0.17, 0.1, 0.15, 0.17, 0.19] as const
const CELL_PAD = 3

/**
 * A visa invitation letter as an A4 PDF: the host's letterhead, then each language's version in
 * full one after the other (each starts on a new page, so either can be handed in alone), with
 * the travellers as a table and the places to sign and stamp. One embedded font (Noto Sans SC,
 * subset) covers Latin and Chinese; the text stays extractable.
 *
 * The bytes hold the travellers' passport data: the caller streams them to the user and keeps
 * nothing. pdfkit works in memory here (no temporary files).
 */
export function renderVisaLetterPdf(input: VisaLetterPdfInput): Promise<Buffer> {
  const { letter } = input
  const first = letter.versions[0]
  const { doc, done } = openPdf({
    lang: first?.lang ?? 'en',
    // The title names the host and the letter, never a traveller (viewers show it in lists).
    title: [letter.versions.map((v) => v.title).join(' / '), letter.letterhead.names[0]]
      .filter(Boolean)
      .join(' – '),
    margins: MARGIN,
    createdAt: input.createdAt,
  })
  const left = MARGIN.side
  const full = A4.width - 2 * MARGIN.side
  const bottom = A4.height - MARGIN.bottom
  let y = MARGIN.top

  const heightOf = (text: string, size: number, width = full) => {
    doc.fontSize(size)
    return text ? doc.heightOfString(text, { width, lineGap: LINE_GAP }) : 0
  }
  const newPage = () => {
    doc.addPage()
    y = MARGIN.top
  }
  const room = (height: number) => {
    if (y + height > bottom && y > MARGIN.top) newPage()
  }
  const line = (
    text: string,
    o: { size?: number; color?: string; after?: number; align?: 'left' | 'right' | 'center' } = {},
  ) => {
    const size = o.size ?? SIZE.body
    const h = heightOf(text, size)
    room(h)
    doc
      .fontSize(size)
      .fillColor(o.color ?? COLOR.text)
      .text(text, left, y, { width: full, lineGap: LINE_GAP, align: o.align ?? 'left' })
    y += h + (o.after ?? 4)
  }
  const rule = (gap = 8, x = left, width = full) => {
    hairline(doc, y, x, width)
    y += gap
  }

  const widths = TABLE_SHARES.map((s) => s * full)
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0))
  const rowHeight = (cells: readonly string[]) =>
    Math.max(...cells.map((c, i) => heightOf(c, SIZE.table, (widths[i] ?? 40) - 2 * CELL_PAD))) + 2 * CELL_PAD
  const tableRow = (cells: readonly string[], header: boolean) => {
    const h = rowHeight(cells)
    if (header) doc.rect(left, y, full, h).fillColor(COLOR.band).fill()
    doc.fontSize(SIZE.table).fillColor(header ? COLOR.heading : COLOR.text)
    cells.forEach((c, i) => {
      doc.text(c, (xs[i] ?? left) + CELL_PAD, y + CELL_PAD, {
        width: (widths[i] ?? 40) - 2 * CELL_PAD,
        lineGap: LINE_GAP,
      })
    })
    y += h
    rule(0)
  }
  const table = (t: VisaLetterVersionText['travellers']) => {
    room(heightOf(t.heading, SIZE.body) + rowHeight(t.columns) + rowHeight(t.rows[0] ?? []))
    line(t.heading, { color: COLOR.heading, after: 3 })
    rule(0)
    tableRow(t.columns, true)
    for (const row of t.rows) {
      // A row that does not fit goes to the next page under the header again.
      if (y + rowHeight(row) > bottom) {
        newPage()
        rule(0)
        tableRow(t.columns, true)
      }
      tableRow(row, false)
    }
    y += 6
  }

  letter.versions.forEach((v, index) => {
    if (index > 0) newPage()
    // Letterhead: the host's name in the letter's scripts and how to reach it.
    // Which version this is and which one prevails, above the letterhead.
    line(`${v.label} · ${v.note}`, { size: SIZE.small, color: COLOR.muted, align: 'right', after: 2 })
    for (const name of letter.letterhead.names)
      line(name, { size: SIZE.letterhead, color: COLOR.heading, after: 1 })
    for (const l of letter.letterhead.lines) line(l, { size: SIZE.small, color: COLOR.muted, after: 1 })
    y += 3
    rule(10)
    line(v.placeDate, { align: 'right', after: 6 })
    line(v.recipient, { after: 8 })
    line(v.title, { size: SIZE.title, color: COLOR.heading, after: 3 })
    line(v.subject, { color: COLOR.heading, after: 8 })
    line(v.salutation, { after: 4 })
    for (const p of v.paragraphs) line(p, { after: 4 })
    y += 2
    line(v.programme.heading, { color: COLOR.heading, after: 2 })
    for (const l of v.programme.lines) line(l, { after: 1 })
    y += 6
    table(v.travellers)
    line(v.request, { after: 8 })
    room(heightOf(v.host.heading, SIZE.body) + v.host.lines.length * 14)
    line(v.host.heading, { color: COLOR.heading, after: 2 })
    for (const l of v.host.lines) line(l, { after: 1 })
    y += 6
    // Places to sign, to print the name, to stamp and to date, two by two (a rule to write on,
    // the label below), kept together with the closing so a short letter fits on one page.
    const half = (full - 24) / 2
    const pairs = [v.signature.slice(0, 2), v.signature.slice(2)].filter((p) => p.length > 0)
    room(heightOf(v.closing, SIZE.body) + pairs.length * 36)
    line(v.closing, { after: 2 })
    for (const pair of pairs) {
      y += 20
      const top = y
      let below = 0
      pair.forEach((label, i) => {
        const x = left + i * (half + 24)
        hairline(doc, top, x, half)
        doc
          .fontSize(SIZE.small)
          .fillColor(COLOR.muted)
          .text(label, x, top + 3, { width: half, lineGap: 1 })
        below = Math.max(below, 3 + doc.heightOfString(label, { width: half, lineGap: 1 }))
      })
      y = top + below + 2
    }
  })

  pageNumbers(doc)
  doc.end()
  return done
}

function pageNumbers(doc: PDFKit.PDFDocument) {
  const full = A4.width - 2 * MARGIN.side
  onEveryPage(doc, ({ number, count }) => {
    doc
      .fontSize(SIZE.small)
      .fillColor(COLOR.muted)
      .text(`${number} / ${count}`, MARGIN.side, A4.height - MARGIN.bottom + 20, {
        width: full,
        align: 'right',
      })
  })
}
