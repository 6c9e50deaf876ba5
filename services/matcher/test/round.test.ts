import { createDb, type DbHandle, matchRounds, outbox, proposals } from '@dj/db'
import { DEFAULT_WEIGHTS } from '@dj/matching'
import { writeOutbox } from '@dj/outbox'
import type { EventOf, OutboxEnvelope } from '@dj/queue'
import { createTestDatabase, createTestRedis, waitFor } from '@dj/testkit'
import { Queue } from 'bullmq'
import { and, eq, inArray, sql } from 'drizzle-orm'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { computeRound } from '../src/compute.js'
import { loadMatcherConfig } from '../src/config.js'
import { loadRoundInput } from '../src/load.js'
import { processRound, type RoundDeps } from '../src/round.js'
import { type Seeded, SMALL_POPULATION, seedPopulation } from './helper/seed.js'

const database = await createTestDatabase('matcher_round')
const redis = createTestRedis('matcher_round')
const config = loadMatcherConfig({
  env: {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: redis.prefix,
    MATCHER_PORT: '0',
  },
  envFile: false,
})
const handle: DbHandle = createDb(database.url)
const db = handle.db
t.teardown(async () => {
  await handle.close()
  await redis.cleanup()
  await database.drop()
})

const seeded: Seeded[] = await seedPopulation(db, SMALL_POPULATION)
const byName = (name: string) => seeded.find((s) => s.name === name)!
const skippedInterests = [...byName('Pending School').interestIds, ...byName('Paused School').interestIds]

/** What the API does: the round row and its event in one transaction. */
async function requestRound(policy: 'stable' | 'welfare' = 'stable', scope = {}) {
  return db.transaction(async (tx) => {
    const [round] = await tx.insert(matchRounds).values({ policy, scope }).returning()
    const [outboxId] = await writeOutbox(tx, { type: 'round.requested', roundId: round!.id })
    const envelope: OutboxEnvelope<EventOf<'round.requested'>> = {
      outboxId: outboxId!,
      event: { type: 'round.requested', roundId: round!.id },
    }
    return { round: round!, envelope }
  })
}

const pairsOf = async (roundId: string) =>
  (
    await db
      .select({ a: proposals.interestA, b: proposals.interestB, score: proposals.score })
      .from(proposals)
      .where(eq(proposals.roundId, roundId))
      .orderBy(proposals.interestA, proposals.interestB)
  ).map((p) => `${p.a}|${p.b}|${p.score}`)

const deps: RoundDeps = { db, weights: { ...DEFAULT_WEIGHTS }, proposalTtlDays: 21 }

/** Lets later rounds propose the same pairs again (their earlier proposals no longer hold capacity). */
const expireAll = () => db.update(proposals).set({ status: 'expired' }).where(eq(proposals.status, 'open'))

let firstPairs: string[] = []

await t.test('the worker runs a requested round: explained proposals, progress, summary', async (t) => {
  // Ready starts the worker and the relay; close stops them.
  const app = await buildApp({ config, logger: false, relayIntervalMs: 50 })
  t.teardown(() => app.close())
  await app.ready()
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.equal(health.statusCode, 200)
  const ready = await waitFor(async () => {
    const r = await app.inject({ method: 'GET', url: '/ready' })
    return r.statusCode === 200 ? r : undefined
  })
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'ok', redis: 'ok' } })

  const { round, envelope } = await requestRound('stable')
  const done = await waitFor(
    async () => {
      const [r] = await db.select().from(matchRounds).where(eq(matchRounds.id, round.id))
      return r?.status === 'done' ? r : undefined
    },
    { what: 'round done' },
  )
  t.equal(done.progress, 100)
  t.ok(done.summary)
  t.same(done.summary!.interests, { duren: 3, jinhua: 3 })
  t.equal(done.summary!.proposals, 3)
  t.equal(done.summary!.interestsMatched, 6)
  t.ok(done.summary!.totalScore > 0)
  t.equal(done.summary!.meanScore, Math.round((done.summary!.totalScore / 3) * 1e6) / 1e6)
  t.ok(done.summary!.tradeOff.stableGivesUp >= -1e-9, 'welfare never has less total score than stable')
  t.same(done.weights, { ...DEFAULT_WEIGHTS })

  const rows = await db.select().from(proposals).where(eq(proposals.roundId, round.id))
  t.equal(rows.length, 3)
  for (const p of rows) {
    t.equal(p.status, 'open')
    t.ok(p.expiresAt && p.expiresAt.getTime() > Date.now(), 'expires later')
    t.equal(p.explanation.length, 8, 'one explanation item per criterion')
    const sum = p.explanation.reduce((s, e) => s + e.contribution, 0)
    t.ok(Math.abs(sum - (p.score ?? 0)) < 1e-9, 'contributions add up to the score')
    t.notOk(skippedInterests.includes(p.interestA) || skippedInterests.includes(p.interestB))
  }
  const events = await db
    .select()
    .from(outbox)
    .where(and(eq(outbox.eventType, 'proposal.created'), eq(outbox.queue, 'notify')))
  t.equal(events.length, 6, 'one proposal.created per proposal and side')
  const audiences = events.map((e) => (e.payload as EventOf<'proposal.created'>).audience.institutionIds![0])
  t.equal(new Set(audiences).size, 6, 'each institution hears about its own proposal')

  const queue = new Queue('match', { connection: { url: redis.url }, prefix: redis.prefix })
  t.teardown(() => queue.close())
  const job = await queue.getJob(envelope.outboxId)
  t.equal(job?.progress, 100, 'BullMQ job progress reported')
  const [ob] = await db.select().from(outbox).where(eq(outbox.id, envelope.outboxId))
  t.ok(ob?.doneAt, 'the outbox row is done')
  firstPairs = await pairsOf(round.id)
})

await t.test('processing a done round again changes nothing', async (t) => {
  const [round] = await db.select().from(matchRounds).where(eq(matchRounds.status, 'done'))
  const again = await db.transaction(async (tx) =>
    writeOutbox(tx, { type: 'round.requested', roundId: round!.id }),
  )
  const outcome = await processRound(deps, {
    outboxId: again[0]!,
    event: { type: 'round.requested', roundId: round!.id },
  })
  t.same(outcome, { status: 'skipped', reason: 'already_done' })
  t.same(await pairsOf(round!.id), firstPairs)
})

await t.test('open proposals hold capacity: a second round proposes nothing new', async (t) => {
  const { round, envelope } = await requestRound('stable')
  const outcome = await processRound(deps, envelope)
  t.equal(outcome.status, 'done')
  t.same(await pairsOf(round.id), [])
  const [r] = await db.select().from(matchRounds).where(eq(matchRounds.id, round.id))
  t.equal(r!.summary!.lockedPairs, 3)
})

await t.test('the same input gives the same result', async (t) => {
  await expireAll()
  const input = await loadRoundInput(db, { scope: {} })
  const options = { policy: 'stable' as const, proposer: 'duren' as const, weights: { ...DEFAULT_WEIGHTS } }
  t.same(computeRound(input, options), computeRound(input, options))
  const { round, envelope } = await requestRound('stable')
  await processRound(deps, envelope)
  t.same(
    await pairsOf(round.id),
    firstPairs,
    're-running on the same data proposes the same pairs and scores',
  )
})

await t.test('a crash after writing the proposals does not duplicate them', async (t) => {
  await expireAll()
  let crashes = 0
  const crashing: RoundDeps = {
    ...deps,
    hooks: {
      afterProposalsWritten: async () => {
        if (crashes++ === 0) throw new Error('worker killed mid-transaction')
      },
    },
  }
  const { round, envelope } = await requestRound('stable')
  await t.rejects(processRound(crashing, envelope), /worker killed/)
  const [midway] = await db.select().from(matchRounds).where(eq(matchRounds.id, round.id))
  t.equal(midway!.status, 'running', 'the round is still running after the crash')
  t.same(await pairsOf(round.id), [], 'the crashed attempt left nothing behind')
  await processRound(crashing, envelope)
  t.same(await pairsOf(round.id), firstPairs)
})

await t.test('a crash after the commit: the retry skips, nothing is duplicated', async (t) => {
  await expireAll()
  let crashes = 0
  const crashing: RoundDeps = {
    ...deps,
    hooks: {
      afterCommit: async () => {
        if (crashes++ === 0) throw new Error('killed before the job was acknowledged')
      },
    },
  }
  const { round, envelope } = await requestRound('stable')
  await t.rejects(processRound(crashing, envelope), /killed before/)
  t.same(await processRound(crashing, envelope), { status: 'skipped', reason: 'already_done' })
  t.same(await pairsOf(round.id), firstPairs)
  const [{ n }] = (await db.execute(
    sql`select count(*)::int as n from proposals where round_id = ${round.id}::uuid`,
  )) as unknown as [{ n: number }]
  t.equal(n, 3)
})

await t.test('the worker retries a crashed job to one set of proposals', async (t) => {
  await expireAll()
  let crashes = 0
  const app = await buildApp({
    config,
    logger: false,
    relayIntervalMs: 50,
    hooks: {
      afterProposalsWritten: async () => {
        if (crashes++ === 0) throw new Error('first attempt dies')
      },
    },
  })
  t.teardown(() => app.close())
  await app.ready()
  const { round } = await requestRound('stable')
  await waitFor(
    async () => {
      const [r] = await db.select().from(matchRounds).where(eq(matchRounds.id, round.id))
      return r?.status === 'done'
    },
    { what: 'retried round done', timeoutMs: 20_000 },
  )
  t.equal(crashes, 2, 'failed once, then succeeded')
  t.same(await pairsOf(round.id), firstPairs)
})

await t.test('excluded pairs are never proposed; scope limits the interests', async (t) => {
  await expireAll()
  const [first] = firstPairs
  const [a, b] = first!.split('|')
  const { excludedPairs, interests } = await import('@dj/db')
  const inst = await db
    .select({ id: interests.id, inst: interests.institutionId })
    .from(interests)
    .where(inArray(interests.id, [a!, b!]))
  const instOf = new Map(inst.map((r) => [r.id, r.inst]))
  await db.insert(excludedPairs).values({
    institutionA: instOf.get(a!)!,
    institutionB: instOf.get(b!)!,
    interestA: a!,
    interestB: b!,
    reason: 'declined',
  })
  const { round, envelope } = await requestRound('welfare')
  await processRound(deps, envelope)
  const pairs = await pairsOf(round.id)
  t.ok(pairs.length > 0)
  t.notOk(
    pairs.some((p) => p.startsWith(`${a}|${b}|`)),
    'the declined pair is not proposed again',
  )

  await expireAll()
  const scoped = await requestRound('stable', { topics: ['sport'] })
  await processRound(deps, scoped.envelope)
  const [r] = await db.select().from(matchRounds).where(eq(matchRounds.id, scoped.round.id))
  t.same(r!.summary!.interests, { duren: 1, jinhua: 1 }, 'only interests with a scoped topic')
})
