import { createDb, matchRounds, outbox } from '@dj/db'
import { DEFAULT_WEIGHTS } from '@dj/matching'
import { writeOutbox } from '@dj/outbox'
import { createTestDatabase } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { MatcherError } from '../src/errors.js'
import { processRoundJob, type RoundDeps, type RoundJob } from '../src/round.js'
import { parseWeights } from '../src/weights.js'
import { SMALL_POPULATION, seedPopulation } from './helper/seed.js'

t.test('MATCH_WEIGHTS: empty means defaults, partial JSON overrides, nonsense is refused', async (t) => {
  t.same(parseWeights(''), DEFAULT_WEIGHTS)
  t.same(parseWeights('{"topics":0.5,"continuation":0}'), {
    ...DEFAULT_WEIGHTS,
    topics: 0.5,
    continuation: 0,
  })
  for (const bad of ['nope', '[1]', '{"colour":1}', '{"topics":-1}']) {
    t.throws(() => parseWeights(bad), MatcherError, bad)
  }
})

t.test('the last failed attempt marks the round failed; earlier ones leave it to retry', async (t) => {
  const database = await createTestDatabase('matcher_job')
  const handle = createDb(database.url)
  t.teardown(async () => {
    await handle.close()
    await database.drop()
  })
  const db = handle.db
  await seedPopulation(db, SMALL_POPULATION)
  const { roundId, outboxId } = await db.transaction(async (tx) => {
    const [round] = await tx.insert(matchRounds).values({ policy: 'stable' }).returning()
    const [id] = await writeOutbox(tx, { type: 'round.requested', roundId: round!.id })
    return { roundId: round!.id, outboxId: id! }
  })
  // All-zero weights are refused by the engine: every attempt fails the same way.
  const broken: RoundDeps = {
    db,
    weights: Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0])) as RoundDeps['weights'],
    proposalTtlDays: 21,
  }
  const progress: number[] = []
  const job = (attemptsMade: number): RoundJob => ({
    data: { outboxId, event: { type: 'round.requested', roundId } },
    attemptsMade,
    opts: { attempts: 3 },
    updateProgress: async (p) => {
      progress.push(p)
    },
  })
  await t.rejects(processRoundJob(broken, job(0)), /MATCH_INVALID_WEIGHTS/)
  const [retrying] = await db.select().from(matchRounds).where(eq(matchRounds.id, roundId))
  t.equal(retrying!.status, 'running')
  t.same(progress, [10, 40], 'progress reported up to the failure')
  const [row] = await db.select().from(outbox).where(eq(outbox.id, outboxId))
  t.match(row!.lastError, /MATCH_INVALID_WEIGHTS/)

  await t.rejects(processRoundJob(broken, job(2)), /MATCH_INVALID_WEIGHTS/)
  const [failed] = await db.select().from(matchRounds).where(eq(matchRounds.id, roundId))
  t.equal(failed!.status, 'failed')
  t.match(failed!.error, /MATCH_INVALID_WEIGHTS/)

  const fixed: RoundDeps = { ...broken, weights: { ...DEFAULT_WEIGHTS } }
  const outcome = await processRoundJob(fixed, job(0))
  t.match(outcome, { status: 'done', proposals: 3 }, 'a manual retry after fixing the weights completes it')
})
