/**
 * Where the partner search's database time goes: the request mix of bench/search.ts, each
 * request's statement run once under EXPLAIN (ANALYZE, BUFFERS) on the demo population at the
 * chosen scales. Buffer blocks touched do not depend on how loaded the machine is (the times
 * do), so the breakdown per kind of request (endpoint, searched side, full / short / empty
 * page, with or without text) says which plans cost the most, on a quiet or a busy machine.
 *
 *   node --import tsx services/api/bench/search-plans.ts   (env: BENCH_SCALES=10, BENCH_REQUESTS=1000, BENCH_TOP=10)
 */
import { createDb, type Side } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase } from '@dj/testkit'
import { PgDialect } from 'drizzle-orm/pg-core'
import { loadDemoPopulation } from '../src/domains/registry/demo-load.js'
import {
  institutionSearchQuery,
  interestSearchQuery,
  type SearchFilters,
} from '../src/domains/registry/search.js'
import { requestMix, SEED } from './search-mix.js'

const SCALES = (process.env.BENCH_SCALES ?? '10').split(',').map(Number)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
const TOP = Number(process.env.BENCH_TOP ?? 10)
const dialect = new PgDialect()

/** The filters the use case passes for a coordinator of `side` (who searches the other side). */
function filtersOf(url: string, side: Side): { what: string; f: SearchFilters } {
  const u = new URL(url, 'http://bench')
  const p = u.searchParams
  const f: SearchFilters = {
    side: side === 'duren' ? 'jinhua' : 'duren',
    limit: Number(p.get('limit') ?? 20),
  }
  for (const k of ['q', 'municipalityId', 'kind', 'from', 'to'] as const) {
    const v = p.get(k)
    if (v) f[k] = v
  }
  for (const k of ['ageMin', 'ageMax'] as const) if (p.get(k)) f[k] = Number(p.get(k))
  for (const k of ['topic', 'format', 'lang'] as const) if (p.getAll(k).length) f[k] = p.getAll(k)
  const what = u.pathname.endsWith('/interests') ? 'interests' : 'institutions'
  // A coordinator's interest hits carry the expressions subquery; none exist here.
  if (what === 'interests') f.viewerId = '00000000-0000-4000-8000-000000000000'
  return { what, f }
}

interface Planned {
  request: string
  group: string
  blocks: number
  ms: number
}

async function runScale(scale: number) {
  const tdb = await createTestDatabase(`bench_plans_${scale}`)
  const handle = createDb(tdb.url, { max: 1, customPlans: true })
  try {
    const pop = generateDemoPopulation({ seed: SEED, scale, baseYear: new Date().getUTCFullYear() + 1 })
    await handle.db.transaction((tx) => loadDemoPopulation(tx, pop, null))
    await handle.sql`analyze`
    const planned: Planned[] = []
    for (const { url, side } of requestMix(REQUESTS)) {
      const { what, f } = filtersOf(url, side)
      const q = what === 'interests' ? interestSearchQuery(f) : institutionSearchQuery(f)
      const { sql, params } = dialect.sqlToQuery(q)
      type Explained = { 'QUERY PLAN': [{ Plan: Record<string, number>; 'Execution Time': number }] }
      const [row] = await handle.sql.unsafe<Explained[]>(
        `explain (analyze, buffers, format json) ${sql}`,
        params as never[],
      )
      const plan = row!['QUERY PLAN'][0]
      const rows = Math.min(plan.Plan['Actual Rows']!, f.limit + 1)
      const page = rows === 0 ? 'empty' : rows <= f.limit ? 'short' : 'full'
      planned.push({
        request: decodeURIComponent(url),
        group: `${what} of ${f.side}, ${page} page, ${f.q ? 'text' : 'no text'}`,
        blocks: plan.Plan['Shared Hit Blocks']! + plan.Plan['Shared Read Blocks']!,
        ms: plan['Execution Time'],
      })
    }
    const total = planned.reduce((a, p) => a + p.blocks, 0)
    const groups = new Map<string, Planned[]>()
    for (const p of planned) groups.set(p.group, [...(groups.get(p.group) ?? []), p])
    console.log(
      `\n${pop.institutions.length} institutions, ${pop.interests.length} interests: ${planned.length} requests, ` +
        `${(total / planned.length).toFixed(0)} blocks per statement on average`,
    )
    console.log(`${'kind of request'.padEnd(48)} count  blocks/stmt  share  median ms`)
    for (const [g, ps] of [...groups].sort(
      (a, b) => b[1].reduce((s, p) => s + p.blocks, 0) - a[1].reduce((s, p) => s + p.blocks, 0),
    )) {
      const blocks = ps.reduce((s, p) => s + p.blocks, 0)
      const ms = ps.map((p) => p.ms).sort((a, b) => a - b)[Math.floor(ps.length / 2)]!
      console.log(
        `${g.padEnd(48)} ${String(ps.length).padStart(5)}  ${(blocks / ps.length).toFixed(0).padStart(11)}  ${`${((blocks / total) * 100).toFixed(0)}%`.padStart(5)}  ${ms.toFixed(2).padStart(9)}`,
      )
    }
    planned.sort((a, b) => b.blocks - a.blocks)
    const tenth = planned.slice(0, Math.ceil(planned.length / 10)).reduce((a, p) => a + p.blocks, 0)
    console.log(
      `the costliest 10% of statements touch ${((tenth / total) * 100).toFixed(0)}% of the blocks; the top ${TOP}:`,
    )
    for (const p of planned.slice(0, TOP))
      console.log(`  ${String(p.blocks).padStart(7)} blocks ${p.ms.toFixed(1).padStart(7)} ms  ${p.request}`)
  } finally {
    await handle.close()
    await tdb.drop()
  }
}

console.log(`search plans: the bench:search mix, ${REQUESTS} requests per size, one EXPLAIN ANALYZE each`)
for (const scale of SCALES) await runScale(scale)
