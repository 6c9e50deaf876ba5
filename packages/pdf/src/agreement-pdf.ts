import {
  type AgreementState,
  DEFAULT_LANGUAGES,
  renderAgreement,
  renderSignatureBlock,
  type Section,
  type SignatureBlock,
} from '@dj/agreement'

import { COLOR, hairline, onEveryPage, openPdf } from './document.js'
import { A4, columns, halve, MARGIN } from './layout.js'

/** The agreement's languages (de, zh, en), as its sections name them. */
type Language = Section['columns'][number]['lang']

export interface AgreementPdfInput {
  /** The clauses, one column per language (`renderAgreement` of @dj/agreement). */
  sections: Section[]
  /** Who signed which version when (`renderSignatureBlock` of @dj/agreement). */
  signatures: SignatureBlock
  /** The document's creation date (ISO instant), passed in so equal input gives an equal PDF. */
  createdAt: string
}

const SIZE = { title: 15, heading: 10.5, body: 8.8, small: 7.5, footer: 6.5 } as const
const LINE_GAP = 1.6

/**
 * The agreement as an A4 PDF: each section's languages side by side in columns (German | Chinese,
 * or with English), the signature block with names, dates and the version hash, and on every page
 * a footer with the hash and how to check it against the platform. One embedded font (subset)
 * covers Latin and Chinese, and the text stays extractable (ToUnicode maps).
 */
export function renderAgreementPdf(input: AgreementPdfInput): Promise<Buffer> {
  const langs = input.sections[0]?.columns.map((c) => c.lang) ?? input.signatures.heading.map((h) => h.lang)
  const title = input.sections[0]?.columns.map((c) => c.heading).join(' / ') ?? ''
  const { doc, done } = openPdf({
    lang: langs[0] ?? 'de',
    title,
    subject: `Version ${input.signatures.version}, SHA-256 ${input.signatures.hash}`,
    keywords: input.signatures.hash,
    createdAt: input.createdAt,
  })
  const { xs, width } = columns(langs.length)
  const full = A4.width - 2 * MARGIN.side
  const bottom = A4.height - MARGIN.bottom
  let y = MARGIN.top

  const heightOf = (texts: string[], size: number, w = width) => {
    doc.fontSize(size)
    return Math.max(0, ...texts.map((t) => (t ? doc.heightOfString(t, { width: w, lineGap: LINE_GAP }) : 0)))
  }
  const newPage = () => {
    doc.addPage()
    y = MARGIN.top
  }
  /** Keeps what follows on this page if it fits, else starts a new one. */
  const room = (height: number) => {
    if (y + height > bottom && y > MARGIN.top) newPage()
  }
  /** One row: the languages' texts side by side, aligned at the top; split if taller than a page. */
  const row = (
    texts: string[],
    o: { size: number; color?: string; after?: number; align?: 'left' | 'center' } = { size: SIZE.body },
  ) => {
    const h = heightOf(texts, o.size)
    if (h > bottom - MARGIN.top) {
      const parts = texts.map(halve)
      row(
        parts.map((p) => p[0]),
        { ...o, after: 0 },
      )
      row(
        parts.map((p) => p[1]),
        o,
      )
      return
    }
    room(h)
    doc.fontSize(o.size).fillColor(o.color ?? COLOR.text)
    texts.forEach((t, i) => {
      if (t) doc.text(t, xs[i], y, { width, lineGap: LINE_GAP, align: o.align ?? 'left' })
    })
    y += h + (o.after ?? 5)
  }
  const rule = (gap = 8) => {
    hairline(doc, y, MARGIN.side, full)
    y += gap
  }

  for (const section of input.sections) {
    const headings = section.columns.map((c) => c.heading)
    const first = section.columns.map((c) => c.paragraphs[0] ?? '')
    if (section.id === 'title') {
      row(headings, { size: SIZE.title, color: COLOR.heading, after: 6, align: 'center' })
      row(first, { size: SIZE.body, align: 'center', after: 10 })
      rule(12)
      continue
    }
    // A heading is never left alone at the foot of a page.
    room(heightOf(headings, SIZE.heading) + 4 + heightOf(first, SIZE.body))
    row(headings, { size: SIZE.heading, color: COLOR.heading, after: 4 })
    const count = Math.max(...section.columns.map((c) => c.paragraphs.length))
    for (let i = 0; i < count; i++) row(section.columns.map((c) => c.paragraphs[i] ?? ''))
    y += 6
  }

  const sig = input.signatures
  room(
    heightOf(
      sig.heading.map((h) => h.text),
      SIZE.heading,
    ) + 60,
  )
  rule(10)
  row(
    sig.heading.map((h) => h.text),
    { size: SIZE.heading, color: COLOR.heading, after: 2 },
  )
  row(
    sig.status.map((s) => s.text),
    { size: SIZE.small, color: COLOR.muted, after: 8 },
  )
  for (const line of sig.lines) {
    room(
      heightOf(
        line.columns.map((c) => c.label),
        SIZE.small,
      ) +
        heightOf(
          line.columns.map((c) => c.text),
          SIZE.body,
        ) +
        12,
    )
    row(
      line.columns.map((c) => c.label),
      { size: SIZE.small, color: COLOR.muted, after: 1 },
    )
    row(
      line.columns.map((c) => c.text),
      { size: SIZE.body, after: 4 },
    )
    rule(8)
  }
  // The hash across the page, one line per language, so it is read (and copied) whole.
  for (const v of sig.versionLine) {
    room(heightOf([v.text], SIZE.small, full))
    doc
      .fontSize(SIZE.small)
      .fillColor(COLOR.text)
      .text(v.text, MARGIN.side, y, { width: full, lineGap: LINE_GAP })
    y += heightOf([v.text], SIZE.small, full) + 1
  }

  footers(
    doc,
    sig.footer.map((f) => f.text),
  )
  doc.end()
  return done
}

/** The verification line on every page (each language on its own line) and the page number. */
function footers(doc: PDFKit.PDFDocument, lines: string[]) {
  const full = A4.width - 2 * MARGIN.side
  onEveryPage(doc, ({ number, count }) => {
    let y = A4.height - MARGIN.bottom + 16
    doc.fontSize(SIZE.footer).fillColor(COLOR.muted)
    for (const line of lines) {
      doc.text(line, MARGIN.side, y, { width: full, lineGap: 1 })
      y += doc.heightOfString(line, { width: full, lineGap: 1 }) + 1
    }
    doc.text(`${number} / ${count}`, MARGIN.side, y + 2, { width: full, align: 'right' })
  })
}

/** The PDF of an agreement's current version straight from its state (sections and signature block). */
export function agreementPdf(
  state: AgreementState,
  o: { languages?: readonly Language[]; createdAt: string },
): Promise<Buffer> {
  const languages = o.languages ?? DEFAULT_LANGUAGES
  return renderAgreementPdf({
    sections: renderAgreement(state.fields, languages),
    signatures: renderSignatureBlock(state, languages),
    createdAt: o.createdAt,
  })
}
