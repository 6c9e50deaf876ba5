import { COLOR, footerWithPageNumbers, hairline, labelled, openPdf } from './document.js'
import { A4, MARGIN } from './layout.js'

/**
 * A funding programme's budget estimate for a trip, as an A4 page to attach to an application:
 * title block, labelled facts, the table of lines with their quantities, rates and amounts, the
 * total, the notes (what the estimate assumes) and a footer. The caller words and formats
 * everything (numbers in the reader's locale), so this module only lays it out.
 */
export interface BudgetPdfInput {
  lang: 'de' | 'en' | 'zh'
  title: string
  subtitle: string
  meta: readonly { label: string; value: string }[]
  /** Item, quantity, unit, rate, amount. */
  header: readonly [string, string, string, string, string]
  rows: readonly (readonly [string, string, string, string, string])[]
  total: { label: string; value: string }
  notes: readonly string[]
  footer: string
  /** The document's creation date (ISO instant), passed in so equal input gives an equal PDF. */
  createdAt: string
}

const SIZE = { title: 15, subtitle: 10, body: 9, label: 8, footer: 6.5 } as const
const LABEL_WIDTH = 150
/** Column widths of the table (points); the first takes what is left. */
const NUMBER_COLUMNS = [70, 80, 70, 80] as const

export function renderBudgetPdf(input: BudgetPdfInput): Promise<Buffer> {
  const { doc, done } = openPdf({
    lang: input.lang,
    title: input.title,
    subject: input.subtitle,
    createdAt: input.createdAt,
  })
  const full = A4.width - 2 * MARGIN.side
  const bottom = A4.height - MARGIN.bottom
  let y = MARGIN.top

  const room = (height: number) => {
    if (y + height > bottom && y > MARGIN.top) {
      doc.addPage()
      y = MARGIN.top
    }
  }
  const rule = (gap = 8, weight = 0.5) => {
    hairline(doc, y, MARGIN.side, full, weight)
    y += gap
  }
  const block = (text: string, size: number, color: string, after: number) => {
    doc.fontSize(size)
    const h = doc.heightOfString(text, { width: full, lineGap: 1.5 })
    room(h)
    doc.fillColor(color).text(text, MARGIN.side, y, { width: full, lineGap: 1.5 })
    y += h + after
  }

  block(input.title, SIZE.title, COLOR.heading, 4)
  block(input.subtitle, SIZE.subtitle, COLOR.muted, 10)
  rule(10)
  const valueWidth = full - LABEL_WIDTH
  for (const m of input.meta) {
    doc.fontSize(SIZE.body)
    const h = doc.heightOfString(m.value, { width: valueWidth })
    room(h)
    labelled(doc, m, { y, labelWidth: LABEL_WIDTH, valueWidth, size: SIZE })
    y += h + 4
  }
  y += 8

  const first = full - NUMBER_COLUMNS.reduce((a, b) => a + b, 0)
  const widths = [first, ...NUMBER_COLUMNS]
  const xs = widths.map((_, i) => MARGIN.side + widths.slice(0, i).reduce((a, b) => a + b, 0))
  // Text columns flush left, figures flush right so the decimals line up.
  const align = ['left', 'right', 'left', 'right', 'right'] as const
  const row = (cells: readonly string[], o: { color?: string; size?: number } = {}) => {
    doc.fontSize(o.size ?? SIZE.body)
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 6 })))
    room(h + 4)
    cells.forEach((c, i) => {
      doc
        .fillColor(o.color ?? COLOR.text)
        .text(c, (xs[i] ?? 0) + 3, y, { width: (widths[i] ?? 0) - 6, align: align[i] ?? 'left' })
    })
    y += h + 5
  }
  row(input.header, { color: COLOR.muted, size: SIZE.label })
  rule(5)
  for (const r of input.rows) row(r)
  rule(5, 1)
  row([input.total.label, '', '', '', input.total.value], { color: COLOR.heading })
  y += 10
  for (const n of input.notes) block(n, SIZE.label, COLOR.muted, 3)

  footerWithPageNumbers(doc, input.footer, SIZE.footer)
  doc.end()
  return done
}
