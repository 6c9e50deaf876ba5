// Page weight on the demo data (issue 15: every web page < 15 KB transferred). Seeds the demo
// population (plus a matching round over all of it, an expression of interest and a CSV import),
// signs in every kind of reader, opens every GET page of the web's route table with real ids in
// all four languages, asking for `br, gzip`, and prints per page the bytes transferred on a first
// visit (headers + compressed HTML + the stylesheet, script and icon it links) and on a repeat visit
// (the HTML alone: the assets are immutable and cached), and the HTML uncompressed. "KB" is read as
// 15,000 bytes, the stricter reading. Asserts nothing (test/page-weight.test.ts does).
// Run: pnpm bench:weight   (PAGE_WEIGHT_LOCALES=de,zh to measure fewer languages; TOP=n rows)
import type { Locale } from '../src/i18n/index.js'
import { LOCALES } from '../src/i18n/index.js'
import { LIMIT_BYTES, startDemo, type Weight, weighAll } from '../test/helper/page-weight.js'

const locales = (process.env['PAGE_WEIGHT_LOCALES']?.split(',') as Locale[] | undefined) ?? LOCALES
const top = Number(process.env['TOP'] ?? 40)

const started = performance.now()
const demo = await startDemo('page-weight-bench')
try {
  const seeded = performance.now()
  const { weights, opened, patterns } = await weighAll(demo, { locales })
  const pad = (s: string | number, n: number) => String(s).padStart(n)
  const row = (w: Weight) =>
    `${pad(w.firstVisit, 7)} ${pad(w.repeatVisit, 7)} ${pad(w.html, 7)} ${w.encoding.padEnd(4)} ${
      w.firstVisit < LIMIT_BYTES ? 'yes' : 'NO '
    }  ${w.locale.padEnd(9)} ${w.reader.padEnd(16)} ${w.path}`
  console.log(
    `page weight on the demo data: ${weights.length} page views, ${opened.size} of ${patterns.size} GET routes opened as HTML pages, locales ${locales.join(', ')}`,
  )
  console.log(
    `limit ${LIMIT_BYTES} bytes transferred on a first visit (headers + compressed body + linked assets)\n`,
  )
  console.log('  first  repeat    html enc  <15k  locale    reader           page')
  for (const w of weights.slice(0, top)) console.log(row(w))

  // The heaviest view of each route, so every page shows once.
  const byPattern = new Map<string, Weight>()
  for (const w of weights) if (!byPattern.has(w.pattern)) byPattern.set(w.pattern, w)
  console.log('\nheaviest view of each page:')
  console.log('  first  repeat    html enc  <15k  locale    reader           page')
  for (const w of byPattern.values()) console.log(row(w))
  const skipped = [...patterns].filter((p) => !opened.has(p))
  if (skipped.length)
    console.log(`\nnot an HTML page for any reader (files, redirects, JSON): ${skipped.join(', ')}`)
  const over = weights.filter((w) => w.firstVisit >= LIMIT_BYTES)
  const heaviest = weights[0]
  console.log(
    `\n${over.length} of ${weights.length} views over the limit; heaviest ${heaviest?.firstVisit} B first visit / ${heaviest?.repeatVisit} B repeat (${heaviest?.path}); ` +
      `ratio of the heaviest to the limit ${((heaviest?.firstVisit ?? 0) / LIMIT_BYTES).toFixed(2)}`,
  )
  console.log(
    `seeding ${((seeded - started) / 1000).toFixed(1)} s, weighing ${((performance.now() - seeded) / 1000).toFixed(1)} s`,
  )
} finally {
  await demo.close()
}
