/**
 * Cross-language discovery benchmark (issue 14, item 5): loads the demo population (scale 1:
 * 1,650 institutions) into a fresh database and runs 20 German queries against the Jinhua side and
 * 20 Chinese queries against the Düren side, each without the glossary (the query alone) and with
 * it (the query OR-ed with its glossary terms, the lookup included), through the search's own
 * functions on the pool (prepared statements, as the API runs them). Prints per query the results
 * before and after and the median time of both, and the totals.
 *
 *   pnpm bench:glossary   (env: BENCH_RUNS=15 timed runs per query and mode)
 */
import { performance } from 'node:perf_hooks'
import type { Side } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase, createTestRedis } from '@dj/testkit'
import { buildApp } from '../src/app.js'
import { loadApiConfig } from '../src/config.js'
import { glossaryExpansion } from '../src/domains/glossary/expansion.js'
import { loadDemoPopulation } from '../src/domains/registry/demo-load.js'
import { searchInstitutions } from '../src/domains/registry/search.js'
import { SEED } from './search-mix.js'

const RUNS = Number(process.env.BENCH_RUNS ?? 15)
/** Everything a query finds (the API pages by 20; counting needs the whole set). */
const ALL = 5000
const PAGE = 20

/** What a Düren coordinator would type looking for Jinhua partners (searched on the Jinhua side). */
export const GERMAN_QUERIES = [
  'Wasserstoff',
  'Berufsschule',
  'Berufskolleg',
  'Gymnasium',
  'Grundschule',
  'Sportverein',
  'Fußball',
  'Energiewende',
  'Ausbildung',
  'Musik',
  'Kunst',
  'Umwelt',
  'Tischtennis',
  'Schwimmen',
  'Bibliothek',
  'Chor',
  'Elektronik',
  'Textil',
  'Verein',
  'Schule',
] as const

/** What a Jinhua coordinator would type looking for Düren partners (searched on the Düren side). */
export const CHINESE_QUERIES = [
  '氢能',
  '职业学校',
  '职业技术学院',
  '高中',
  '中学',
  '小学',
  '体育俱乐部',
  '足球',
  '能源转型',
  '职业培训',
  '音乐',
  '艺术',
  '环境',
  '乒乓球',
  '游泳',
  '图书馆',
  '合唱团',
  '机械制造',
  '学校',
  '协会',
] as const

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function main() {
  const db = await createTestDatabase('bench_glossary')
  const redis = createTestRedis('bench_glossary')
  const config = loadApiConfig({
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      EMAIL_LINK_SECRET: 'bench-link-secret-that-is-long-enough-0123456789',
      PORT: '0',
    },
    envFile: false,
  })
  const app = await buildApp({ config, logger: false })
  try {
    const pop = generateDemoPopulation({ seed: SEED, scale: 1, baseYear: new Date().getUTCFullYear() + 1 })
    await app.db.transaction((tx) => loadDemoPopulation(tx, pop, null))
    await app.dbHandle.sql`analyze`
    const off = (side: Side, q: string, limit: number) => searchInstitutions(app.db, { side, q, limit })
    const on = async (side: Side, q: string, limit: number) =>
      searchInstitutions(app.db, { side, q, limit, expansion: await glossaryExpansion(app.db, q) })
    const time = async (run: () => Promise<unknown>) => {
      for (let i = 0; i < 3; i++) await run()
      const ms: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now()
        await run()
        ms.push(performance.now() - t0)
      }
      return median(ms)
    }
    const rows: string[][] = []
    const totals = { before: 0, after: 0, found: 0, offMs: 0, onMs: 0 }
    const queries: [Side, string][] = [
      ...GERMAN_QUERIES.map((q): [Side, string] => ['jinhua', q]),
      ...CHINESE_QUERIES.map((q): [Side, string] => ['duren', q]),
    ]
    for (const [side, q] of queries) {
      const before = (await off(side, q, ALL)).items.length
      const hits = (await on(side, q, ALL)).items
      const via = new Map<string, number>()
      for (const h of hits)
        if (h.matchedVia) via.set(h.matchedVia.term, (via.get(h.matchedVia.term) ?? 0) + 1)
      const offMs = await time(() => off(side, q, PAGE))
      const onMs = await time(() => on(side, q, PAGE))
      totals.before += before
      totals.after += hits.length
      totals.found += before === 0 && hits.length > 0 ? 1 : 0
      totals.offMs += offMs
      totals.onMs += onMs
      const top = [...via].sort((a, b) => b[1] - a[1]).slice(0, 2)
      rows.push([
        q,
        side,
        String(before),
        String(hits.length),
        top.map(([term, n]) => `${term} ${n}`).join(', '),
        offMs.toFixed(2),
        onMs.toFixed(2),
        (onMs / offMs).toFixed(2),
      ])
    }
    const head = ['query', 'side', 'before', 'after', 'found via (top)', 'off ms', 'on ms', 'ratio']
    const widths = head.map((h, i) => Math.max([...h].length, ...rows.map((r) => [...r[i]!].length)))
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')
    console.log(`glossary bench: demo scale 1, ${RUNS} timed runs per query and mode, page of ${PAGE}`)
    console.log(line(head))
    console.log(widths.map((w) => '-'.repeat(w)).join('-|-'))
    for (const r of rows) console.log(line(r))
    console.log(
      `total results ${totals.before} → ${totals.after}; queries with 0 results before and some after: ${totals.found} of ${queries.length}; ` +
        `median time summed ${totals.offMs.toFixed(1)} ms → ${totals.onMs.toFixed(1)} ms (ratio ${(totals.onMs / totals.offMs).toFixed(2)})`,
    )
  } finally {
    await app.close()
    await redis.cleanup()
    await db.drop()
  }
}

await main()
