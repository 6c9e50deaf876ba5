/**
 * renderInApp per row, as the inbox list renders it (proposal.created, with a score and an
 * expiry; one reader per locale and zone). Prints microseconds per row; a script, not a test.
 *
 *   npx tsx packages/messages/bench/inapp.ts [rows]
 */
import type { DomainEvent } from '@dj/contracts'
import { renderInApp } from '../src/index.js'

const rows = Number(process.argv[2] ?? 20_000)
const event = (i: number): DomainEvent => ({
  type: 'proposal.created',
  audience: { institutionIds: ['i1'] },
  proposalId: `p${i}`,
  own: { id: 'a', name: 'Gymnasium am Wirteltor', side: 'duren' },
  partner: { id: 'b', name: '金华市第一中学', side: 'jinhua' },
  score: (i % 100) / 100,
  expiresAt: new Date(Date.UTC(2026, 3, 1 + (i % 28), 8)).toISOString(),
})
const readers = [
  { locale: 'de', timeZone: 'Europe/Berlin' },
  { locale: 'en', timeZone: 'Europe/London' },
  { locale: 'zh', timeZone: 'Asia/Shanghai' },
  { locale: 'de-simple', timeZone: 'Europe/Berlin' },
] as const

for (const reader of readers) {
  for (let i = 0; i < 200; i++) renderInApp(event(i), reader, 'https://w.example') // warm up
  const start = process.hrtime.bigint()
  for (let i = 0; i < rows; i++) renderInApp(event(i), reader, 'https://w.example')
  const us = Number(process.hrtime.bigint() - start) / 1000 / rows
  console.log(`renderInApp ${reader.locale.padEnd(9)} ${reader.timeZone.padEnd(14)} ${us.toFixed(1)} µs/row`)
}
