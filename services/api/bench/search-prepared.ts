/**
 * The partner-search statement through drizzle's `db.execute` (postgres.js unnamed statements:
 * parse + describe, then bind + execute, and a fresh parse and plan every time) against the same
 * SQL as a named prepared statement (`executePrepared`: postgres.js `unsafe(text, params,
 * { prepare: true })`, one round trip once the connection knows it). Loads the demo population
 * (scale 1) and ten times that into fresh databases and runs each common query:
 *   - one client: alternating rounds of both variants, median and p95 per variant and the ratio;
 *   - 50 concurrent callers on the API's pool size: req/s and p95 per variant and the ratio.
 * Both variants must return the same rows (checked once per query).
 *
 *   node --import tsx services/api/bench/search-prepared.ts
 *   (env: BENCH_SCALES=1,10  BENCH_RUNS=200 per query and variant  BENCH_CLIENTS=50  BENCH_POOL=10)
 */
import { performance } from 'node:perf_hooks'
import { type Db, executePrepared } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase } from '@dj/testkit'
import type { SQL } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { loadDemoPopulation } from '../src/domains/registry/demo-load.js'
import {
  institutionSearchQuery,
  interestSearchQuery,
  type SearchFilters,
} from '../src/domains/registry/search.js'

const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number)
const RUNS = Number(process.env.BENCH_RUNS ?? 200)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50)
const POOL = Number(process.env.BENCH_POOL ?? 10)
const ROUNDS = 4
const SEED = 20260101

type Case = { label: string; query: (viewerId: string) => SQL }
const inst = (f: Omit<SearchFilters, 'limit'>) => () => institutionSearchQuery({ limit: 20, ...f })
const int = (f: Omit<SearchFilters, 'limit'>) => (viewerId: string) =>
  interestSearchQuery({ limit: 20, viewerId, ...f })
const year = new Date().getUTCFullYear() + 1

const CASES: Case[] = [
  { label: 'institutions q=Schule', query: inst({ side: 'duren', q: 'Schule' }) },
  { label: 'institutions q=中学', query: inst({ side: 'jinhua', q: '中学' }) },
  { label: 'institutions topic=sport', query: inst({ side: 'jinhua', topic: ['sport'] }) },
  { label: 'institutions no q', query: inst({ side: 'jinhua' }) },
  { label: 'interests q=Schule', query: int({ side: 'duren', q: 'Schule' }) },
  { label: 'interests q=中学', query: int({ side: 'jinhua', q: '中学' }) },
  { label: 'interests topic=sport', query: int({ side: 'jinhua', topic: ['sport'] }) },
  { label: 'interests no q', query: int({ side: 'jinhua' }) },
  {
    label: 'interests many filters',
    query: int({
      side: 'jinhua',
      topic: ['education', 'culture'],
      format: ['group_visit'],
      ageMin: 12,
      ageMax: 15,
      lang: ['en', 'de'],
      from: `${year}-03-01`,
      to: `${year}-06-30`,
    }),
  },
]

/**
 * Pools like createDb's. `custom` plans every execution of a named statement for its values
 * (plan_cache_mode): PostgreSQL otherwise switches a statement to one generic plan after five
 * runs, and how selective a search word is decides the right plan.
 */
function pool(url: string, custom: boolean) {
  const client = postgres(url, {
    max: POOL,
    onnotice: () => {},
    ...(custom ? { connection: { plan_cache_mode: 'force_custom_plan' } } : {}),
  })
  return { db: drizzle(client) as unknown as Db, close: () => client.end({ timeout: 5 }) }
}

type Pools = Record<'auto' | 'custom', Db>
type Variant = { name: string; run: (p: Pools, q: SQL) => Promise<unknown[]> }
const VARIANTS: Variant[] = [
  { name: 'drizzle execute', run: async (p, q) => (await p.auto.execute(q)) as unknown as unknown[] },
  { name: 'prepared', run: (p, q) => executePrepared(p.auto, q) },
  { name: 'prepared custom', run: (p, q) => executePrepared(p.custom, q) },
]

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
const ms = (x: number) => x.toFixed(2).padStart(7)

/** One client: alternating rounds so both variants see the same load on a shared machine. */
async function sequential(db: Pools, query: SQL) {
  const times = VARIANTS.map(() => [] as number[])
  for (let round = 0; round < ROUNDS; round++)
    for (const [v, variant] of VARIANTS.entries())
      for (let n = 0; n < RUNS / ROUNDS; n++) {
        const t = performance.now()
        await variant.run(db, query)
        times[v]!.push(performance.now() - t)
      }
  return times.map((t) => t.sort((a, b) => a - b))
}

/** CLIENTS callers at once over every case, RUNS requests per case; alternating rounds. */
async function concurrent(db: Pools, queries: SQL[]) {
  const out = VARIANTS.map(() => ({ times: [] as number[], seconds: 0 }))
  for (let round = 0; round < ROUNDS; round++)
    for (const [v, variant] of VARIANTS.entries()) {
      let next = 0
      const total = (queries.length * RUNS) / ROUNDS
      const t0 = performance.now()
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (next < total) {
            const q = queries[next++ % queries.length]!
            const t = performance.now()
            await variant.run(db, q)
            out[v]!.times.push(performance.now() - t)
          }
        }),
      )
      out[v]!.seconds += (performance.now() - t0) / 1000
    }
  for (const o of out) o.times.sort((a, b) => a - b)
  return out
}

async function runScale(scale: number) {
  const tdb = await createTestDatabase(`bench_prep_${scale}`)
  const auto = pool(tdb.url, false)
  const custom = pool(tdb.url, true)
  const pools: Pools = { auto: auto.db, custom: custom.db }
  try {
    const pop = generateDemoPopulation({ seed: SEED, scale, baseYear: year })
    await auto.db.transaction((tx) => loadDemoPopulation(tx, pop, null))
    await auto.db.$client`analyze`
    // A coordinator of the searched side's other side would see their expressions; none exist in
    // the bare population, so the subquery runs and finds nothing, as for most real viewers.
    const viewerId = '00000000-0000-4000-8000-000000000000'
    console.log(
      `\n${pop.institutions.length} institutions, ${pop.interests.length} interests; one client, ${RUNS} runs per variant (ms)`,
    )
    console.log(
      `${'query'.padEnd(28)} ${VARIANTS.map((v) => `${v.name.padStart(16)} p50     p95`).join('  ')}  p50 ratios to drizzle`,
    )
    const queries = CASES.map((c) => c.query(viewerId))
    for (const [i, c] of CASES.entries()) {
      const q = queries[i]!
      const [a, ...others] = await Promise.all(VARIANTS.map((v) => v.run(pools, q)))
      if (others.some((b) => JSON.stringify(a) !== JSON.stringify(b)))
        throw new Error(`${c.label}: the variants disagree`)
      const times = await sequential(pools, q)
      const ratios = times.slice(1).map((t) => (pct(t, 0.5) / pct(times[0]!, 0.5)).toFixed(2))
      console.log(
        `${c.label.padEnd(28)} ${times.map((t) => `${''.padStart(16)}${ms(pct(t, 0.5))} ${ms(pct(t, 0.95))}`).join('  ')}  ${ratios.join(' ')}  (${a!.length} rows)`,
      )
    }
    const conc = await concurrent(pools, queries)
    console.log(`${CLIENTS} concurrent callers, pool ${POOL}, all queries mixed:`)
    for (const [v, o] of conc.entries())
      console.log(
        `  ${VARIANTS[v]!.name.padEnd(16)} ${(o.times.length / o.seconds).toFixed(0).padStart(6)} req/s  p50 ${ms(pct(o.times, 0.5))}  p95 ${ms(pct(o.times, 0.95))}`,
      )
    const rate = conc.map((o) => o.times.length / o.seconds)
    for (const [v, r] of rate.entries())
      if (v > 0) console.log(`  ${VARIANTS[v]!.name} / drizzle: ${(r / rate[0]!).toFixed(2)} × the rate`)
  } finally {
    await auto.close()
    await custom.close()
    await tdb.drop()
  }
}

console.log('search statement: drizzle execute vs prepared (the machine may be shared: compare the ratios)')
for (const scale of SCALES) await runScale(scale)
