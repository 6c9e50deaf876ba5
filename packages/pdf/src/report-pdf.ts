import { COLOR, footerWithPageNumbers, hairline, labelled, openPdf } from './document.js'
import { A4, halve, MARGIN } from './layout.js'

/**
 * A report after an exchange as the funder reads it (reportDocument of @dj/exchange gives this
 * shape): title block, labelled facts, headed sections of lines, a footer on every page.
 */
export interface ReportPdfInput {
  lang: 'de' | 'en' | 'zh'
  title: string
  subtitle: string
  meta: readonly { label: string; value: string }[]
  sections: readonly { heading: string; lines: readonly string[] }[]
  footer: string
  /** The document's creation date (ISO instant), passed in so equal input gives an equal PDF. */
  createdAt: string
}

const SIZE = { title: 15, subtitle: 10, heading: 11, body: 9.5, label: 8, footer: 6.5 } as const
const LINE_GAP = 1.8
const LABEL_WIDTH = 150
/** A line left blank for the funder's reference is drawn as a rule to write on. */
const BLANK_RULE = 180

/** The report as an A4 PDF in one language, the embedded font covering Latin and Chinese. */
export function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const { doc, done } = openPdf({
    lang: input.lang,
    title: input.title,
    subject: input.subtitle,
    createdAt: input.createdAt,
  })
  const full = A4.width - 2 * MARGIN.side
  const bottom = A4.height - MARGIN.bottom
  let y = MARGIN.top

  const heightOf = (text: string, size: number, width = full) => {
    doc.fontSize(size)
    return text ? doc.heightOfString(text, { width, lineGap: LINE_GAP }) : doc.currentLineHeight(true)
  }
  const room = (height: number) => {
    if (y + height > bottom && y > MARGIN.top) {
      doc.addPage()
      y = MARGIN.top
    }
  }
  const line = (
    text: string,
    o: { size: number; color?: string; after?: number; x?: number; width?: number },
  ) => {
    const width = o.width ?? full
    const h = heightOf(text, o.size, width)
    if (h > bottom - MARGIN.top) {
      const [a, b] = halve(text)
      line(a, { ...o, after: 0 })
      line(b, o)
      return
    }
    room(h)
    doc
      .fontSize(o.size)
      .fillColor(o.color ?? COLOR.text)
      .text(text, o.x ?? MARGIN.side, y, { width, lineGap: LINE_GAP })
    y += h + (o.after ?? 3)
  }
  const rule = (gap = 10) => {
    hairline(doc, y, MARGIN.side, full)
    y += gap
  }

  line(input.title, { size: SIZE.title, color: COLOR.heading, after: 4 })
  line(input.subtitle, { size: SIZE.subtitle, color: COLOR.muted, after: 10 })
  rule()
  const valueWidth = full - LABEL_WIDTH
  for (const m of input.meta) {
    const h = Math.max(heightOf(m.label, SIZE.label, LABEL_WIDTH), heightOf(m.value, SIZE.body, valueWidth))
    room(h)
    labelled(doc, m, { y, labelWidth: LABEL_WIDTH, valueWidth, size: SIZE, lineGap: LINE_GAP })
    if (!m.value) hairline(doc, y + h - 2, MARGIN.side + LABEL_WIDTH, BLANK_RULE)
    y += h + 4
  }
  y += 6
  rule(12)
  for (const s of input.sections) {
    // A heading is never left alone at the foot of a page.
    room(heightOf(s.heading, SIZE.heading) + 4 + heightOf(s.lines[0] ?? '', SIZE.body))
    line(s.heading, { size: SIZE.heading, color: COLOR.heading, after: 4 })
    for (const l of s.lines) line(l, { size: SIZE.body })
    y += 8
  }

  footerWithPageNumbers(doc, input.footer, SIZE.footer)
  doc.end()
  return done
}
