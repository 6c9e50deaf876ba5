/**
 * Partner-search benchmark: loads the demo population (scale 1: 1,650 institutions) and ten
 * times that (16,500) into fresh databases, starts the real API on an ephemeral port and fires
 * a mix of filtered and full-text searches from 50 concurrent clients, bounded by request count
 * and time. Prints p50/p95/p99 latency and requests per second per size.
 *
 *   pnpm bench:search   (env: BENCH_REQUESTS=4000, BENCH_SECONDS=30, BENCH_CLIENTS=50, BENCH_SCALES=1,10,
 *                        BENCH_SLOW=<ms> prints slower requests)
 */
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { memberships, users } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase, createTestRedis } from '@dj/testkit'
import { eq, sql } from 'drizzle-orm'
import { buildApp } from '../src/app.js'
import { loadApiConfig } from '../src/config.js'
import { loadDemoPopulation } from '../src/domains/registry/demo-load.js'
import { requestMix, SEED } from './search-mix.js'

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50)
const WARMUP = 200

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!

async function runSize(scale: number) {
  const db = await createTestDatabase(`bench_search_${scale}`)
  const redis = createTestRedis(`bench_search_${scale}`)
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
    const pop = generateDemoPopulation({ seed: SEED, scale, baseYear: new Date().getUTCFullYear() + 1 })
    const t0 = performance.now()
    await app.db.transaction((tx) => loadDemoPopulation(tx, pop, null))
    await app.dbHandle.sql`analyze`
    const loadMs = performance.now() - t0
    const tokens: Record<'duren' | 'jinhua', string> = { duren: '', jinhua: '' }
    for (const side of ['duren', 'jinhua'] as const) {
      const [u] = await app.db
        .insert(users)
        .values({ email: `bench.${side}@demo.invalid`, displayName: side, emailVerifiedAt: sql`now()` })
        .returning({ id: users.id })
      const inst = pop.institutions.find((i) => i.side === side)!
      const [row] = (await app.db.execute(
        sql`select id from institutions where external_key = ${inst.externalKey}`,
      )) as unknown as { id: string }[]
      await app.db.insert(memberships).values({ userId: u!.id, institutionId: row!.id, role: 'owner' })
      const [fresh] = await app.db.select().from(users).where(eq(users.id, u!.id))
      tokens[side] = app.signAccessToken({
        sub: u!.id,
        role: 'coordinator',
        side: null,
        sv: fresh!.sessionVersion,
      })
    }
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
    const mix = requestMix(REQUESTS + WARMUP)
    const { latencies, seconds: elapsed } = await new Promise<{ latencies: number[]; seconds: number }>(
      (resolve, reject) => {
        // Workers do not inherit the tsx loader: register it, then load the TypeScript client.
        const client = new URL('./search-client.ts', import.meta.url).href
        const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(client)}) })`
        const w = new Worker(boot, {
          eval: true,
          workerData: {
            base,
            mix,
            tokens,
            clients: CLIENTS,
            requests: REQUESTS,
            seconds: SECONDS,
            warmup: WARMUP,
            slowMs: process.env.BENCH_SLOW ? Number(process.env.BENCH_SLOW) : null,
          },
        })
        w.once('message', resolve)
        w.once('error', reject)
      },
    )
    latencies.sort((a, b) => a - b)
    return {
      institutions: pop.institutions.length,
      interests: pop.interests.length,
      loadSeconds: (loadMs / 1000).toFixed(1),
      requests: latencies.length,
      p50: pct(latencies, 0.5).toFixed(1),
      p95: pct(latencies, 0.95).toFixed(1),
      p99: pct(latencies, 0.99).toFixed(1),
      rps: (latencies.length / elapsed).toFixed(0),
    }
  } finally {
    await app.close()
    await redis.cleanup()
    await db.drop()
  }
}

console.log(
  `search bench: ${CLIENTS} concurrent clients, up to ${REQUESTS} requests or ${SECONDS} s per size`,
)
const SCALES = (process.env.BENCH_SCALES ?? '1,10').split(',').map(Number)
for (const scale of SCALES) {
  const r = await runSize(scale)
  console.log(
    `${String(r.institutions).padStart(6)} institutions, ${String(r.interests).padStart(6)} interests (loaded in ${r.loadSeconds} s): ` +
      `${r.requests} requests  p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  ${r.rps} req/s`,
  )
}
