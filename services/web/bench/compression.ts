// How the compression threshold was chosen (issue 15, item 4): real answers of the platform — a
// rendered page, the stylesheet, a JSON list of the API — cut to growing sizes and compressed as
// @fastify/compress does (brotli at its quality 4, gzip at zlib's default level 6). Prints, per size,
// the bytes sent, the TCP segments they take (1,460 bytes of payload each) and the CPU time per
// answer. Asserts nothing. Run: node --import tsx services/web/bench/compression.ts
import { readFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const SEGMENT = 1460
const SIZES = [256, 512, 768, 1024, 1460, 2048, 4096, 8192, 16_384, 32_768]
const css = readFileSync(new URL('../public/app.css', import.meta.url), 'utf8')

// A page-like HTML text and an API-like JSON list, built from the platform's own words, so the
// mix of markup, German, Chinese and ids is what the real answers carry.
const card = (i: number) =>
  `<article class="card"><h3><a href="/institutions/${crypto.randomUUID()}">Städtisches Gymnasium am Wirteltor ${i}</a></h3>` +
  `<p lang="zh">兰溪市第二中学 · 金华市</p><dl><dt>Formate</dt><dd>Schüleraustausch (Gastgeber), Gruppenbesuch</dd>` +
  `<dt>Themen</dt><dd>Kultur, Energie und Wasserstoff</dd><dt>Alter</dt><dd>13–16</dd></dl>` +
  `<form method="post" action="/search/express"><input type="hidden" name="_csrf" value="${crypto.randomUUID()}">` +
  `<button type="submit">Interesse bekunden</button></form></article>\n`
const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Partnersuche</title></head><body><main>${Array.from({ length: 80 }, (_, i) => card(i)).join('')}</main></body></html>`
const json = JSON.stringify({
  items: Array.from({ length: 120 }, (_, i) => ({
    id: crypto.randomUUID(),
    side: i % 2 ? 'jinhua' : 'duren',
    name: i % 2 ? `金华市第${i}中学` : `Realschule Jülich ${i}`,
    status: 'verified',
    kind: 'school',
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
  })),
  nextCursor: null,
  total: 1440,
})

const segments = (n: number) => Math.ceil(n / SEGMENT)
function time(fn: () => Buffer): { bytes: number; us: number } {
  let bytes = 0
  const runs = 200
  const started = process.hrtime.bigint()
  for (let i = 0; i < runs; i++) bytes = fn().length
  return { bytes, us: Number(process.hrtime.bigint() - started) / 1e3 / runs }
}

for (const [name, text] of [
  ['page (HTML)', html],
  ['stylesheet', css],
  ['API list (JSON)', json],
] as const) {
  const full = Buffer.from(text)
  console.log(`\n${name}: ${full.length} bytes in all; cut to`)
  console.log('   size  segs │ brotli q4  segs     µs │ gzip 6  segs     µs')
  for (const size of SIZES) {
    if (size > full.length) break
    const body = full.subarray(0, size)
    const br = time(() => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }))
    const gz = time(() => gzipSync(body))
    console.log(
      `${String(size).padStart(7)} ${String(segments(size)).padStart(5)} │ ${String(br.bytes).padStart(9)} ${String(segments(br.bytes)).padStart(5)} ${br.us.toFixed(0).padStart(6)} │ ${String(gz.bytes).padStart(6)} ${String(segments(gz.bytes)).padStart(5)} ${gz.us.toFixed(0).padStart(6)}`,
    )
  }
}
console.log(
  '\nRule: compress when it can save a segment (a round trip on a cold connection) for a few µs; an answer that fits one segment gains nothing.',
)
