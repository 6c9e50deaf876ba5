import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { A4 } from '../src/index.js'

/** The text of every page, as a reader (or a search) gets it from the PDF bytes, and the title. */
export async function extract(
  pdf: Buffer,
): Promise<{ pages: { text: string; view: number[] }[]; title: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true })
    .promise
  const pages: { text: string; view: number[] }[] = []
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n)
    const content = await page.getTextContent()
    pages.push({ text: content.items.map((i) => ('str' in i ? i.str : '')).join(''), view: page.view })
  }
  const info = (await doc.getMetadata()).info as { Title?: string }
  await doc.destroy()
  return { pages, title: info.Title ?? '' }
}

/** Line breaks in the PDF fall anywhere; compare without white space. */
export const squash = (s: string) => s.replace(/\s+/g, '')

/** All the text run together without white space, the page count, and whether every page is A4. */
export async function flatText(pdf: Buffer): Promise<{ pages: number; text: string; allA4: boolean }> {
  const { pages } = await extract(pdf)
  return {
    pages: pages.length,
    text: squash(pages.map((p) => p.text).join('')),
    allA4: pages.every((p) => p.view.join() === [0, 0, A4.width, A4.height].join()),
  }
}
