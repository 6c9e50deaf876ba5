import {
  bearer,
  createStaff,
  json,
  loadMatcherConfig,
  registerCoordinator,
  seedInstitution,
  startMatcher,
  startTestApp,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import t from 'tap'

const ctx = await startTestApp('matching_rounds')
t.teardown(() => ctx.close())
const { app } = ctx

const officerD = await createStaff(app, 'officer-d@kreis-dueren.de', 'officer', 'duren')
const coordD1 = await registerCoordinator(app, 'd1@school.de')
const coordD2 = await registerCoordinator(app, 'd2@school.de')
const coordJ1 = await registerCoordinator(app, 'j1@school.cn')
const coordJ2 = await registerCoordinator(app, 'j2@school.cn')
const outsider = await registerCoordinator(app, 'nobody@school.de')
const d1 = await seedInstitution(app, 'duren', 'Gymnasium Am Wirteltor', [coordD1.id], {
  topics: ['culture', 'science'],
})
const d2 = await seedInstitution(app, 'duren', 'Realschule Jülich', [coordD2.id], { topics: ['sport'] })
const j1 = await seedInstitution(app, 'jinhua', 'Jinhua No. 1 Middle School', [coordJ1.id], {
  topics: ['culture', 'science'],
})
const j2 = await seedInstitution(app, 'jinhua', 'Yiwu Sports School', [coordJ2.id], { topics: ['sport'] })
await seedInstitution(app, 'jinhua', 'Pending School', [], { status: 'pending' })

const matcherConfig = loadMatcherConfig({
  env: {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: ctx.db.url,
    REDIS_URL: ctx.redis.url,
    QUEUE_PREFIX: ctx.redis.prefix,
    PORT: '0',
  },
  envFile: false,
})
const matcher = await startMatcher({ config: matcherConfig, relayIntervalMs: 50 })
t.teardown(() => matcher.close())

interface RoundOut {
  id: string
  status: string
  progress: number
  summary: { proposals: number; interestsMatched: number; tradeOff: { stableGivesUp: number } } | null
}

async function startRound(body: object) {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/officer/rounds',
    headers: bearer(officerD.accessToken),
    payload: body,
  })
  return res
}

async function roundDone(id: string): Promise<RoundOut> {
  return waitFor(
    async () => {
      const res = await app.inject({
        method: 'GET',
        url: `/v1/officer/rounds/${id}`,
        headers: bearer(officerD.accessToken),
      })
      const r = json<RoundOut>(res)
      return r.status === 'done' ? r : undefined
    },
    { what: `round ${id} done` },
  )
}

let roundId = ''

await t.test('only officers start rounds; the body is validated', async (t) => {
  const asCoordinator = await app.inject({
    method: 'POST',
    url: '/v1/officer/rounds',
    headers: bearer(coordD1.accessToken),
    payload: { scope: {}, policy: 'stable' },
  })
  t.equal(asCoordinator.statusCode, 403)
  const bad = await startRound({ scope: { formats: ['space_travel'] }, policy: 'greedy' })
  t.equal(bad.statusCode, 400)
  t.equal(json(bad).code, 'REQUEST_VALIDATION')
})

await t.test(
  'a round runs in the matcher; officers see progress, summary and explained proposals',
  async (t) => {
    const res = await startRound({ scope: { formats: ['pupil_exchange_hosting'] }, policy: 'stable' })
    t.equal(res.statusCode, 202)
    roundId = json<{ id: string }>(res).id
    const events = await app.dbHandle.sql`
    select 1 from outbox where event_type = 'round.requested' and payload->>'roundId' = ${roundId}`
    t.equal(events.length, 1, 'round.requested written with the round')

    const done = await roundDone(roundId)
    t.equal(done.progress, 100)
    t.equal(done.summary?.proposals, 2)
    t.equal(done.summary?.interestsMatched, 4)
    t.ok(done.summary!.tradeOff.stableGivesUp >= -1e-9)

    const page1 = await app.inject({
      method: 'GET',
      url: `/v1/officer/rounds/${roundId}/proposals?limit=1`,
      headers: bearer(officerD.accessToken),
    })
    t.equal(page1.statusCode, 200)
    const p1 = json<{
      items: { id: string; explanation: unknown[]; a: { institution: { id: string } } }[]
      nextCursor: string
    }>(page1)
    t.equal(p1.items.length, 1)
    t.ok(p1.nextCursor)
    t.equal(p1.items[0]!.explanation.length, 8)
    const page2 = await app.inject({
      method: 'GET',
      url: `/v1/officer/rounds/${roundId}/proposals?limit=1&cursor=${p1.nextCursor}`,
      headers: bearer(officerD.accessToken),
    })
    const p2 = json<{ items: { id: string }[]; nextCursor: string | null }>(page2)
    t.equal(p2.items.length, 1)
    t.not(p2.items[0]!.id, p1.items[0]!.id)
    t.equal(p2.nextCursor, null)

    const missing = await app.inject({
      method: 'GET',
      url: '/v1/officer/rounds/00000000-0000-4000-8000-000000000000',
      headers: bearer(officerD.accessToken),
    })
    t.equal(missing.statusCode, 404)
  },
)

interface ProposalOut {
  id: string
  status: string
  side: string
  explanation: { criterion: string }[]
  own: { institutionId: string; answer: string | null }
  partner: { institution: { id: string; name: string; contact?: unknown }; interest: { id: string } }
}

const myProposals = async (token: string) =>
  json<{ items: ProposalOut[] }>(
    await app.inject({ method: 'GET', url: '/v1/proposals', headers: bearer(token) }),
  ).items

await t.test('both sides see their proposals with the partner profile and the explanation', async (t) => {
  const forD1 = await myProposals(coordD1.accessToken)
  const forJ1 = await myProposals(coordJ1.accessToken)
  t.equal(forD1.length, 1)
  t.equal(forJ1.length, 1)
  t.equal(forD1[0]!.id, forJ1[0]!.id, 'the same proposal on both sides')
  t.equal(forD1[0]!.side, 'duren')
  t.equal(forD1[0]!.partner.institution.id, j1.id, 'the best-fitting partner (shared topics)')
  t.equal(forD1[0]!.partner.interest.id, j1.interestId)
  t.equal(forJ1[0]!.partner.institution.name, d1.name)
  t.notOk('contact' in forD1[0]!.partner.institution, 'no contact details before a partnership')
  t.equal(forD1[0]!.explanation.length, 8)
  const forD2 = await myProposals(coordD2.accessToken)
  t.equal(forD2[0]?.own.institutionId, d2.id)
  t.equal(forD2[0]?.partner.institution.id, j2.id)
  t.same(await myProposals(outsider.accessToken), [], 'not a member: sees nothing')
})

await t.test('a declined pair is never proposed again in the next round', async (t) => {
  const [proposal] = await myProposals(coordD1.accessToken)
  const declined = await app.inject({
    method: 'POST',
    url: `/v1/proposals/${proposal!.id}/decline`,
    headers: bearer(coordD1.accessToken),
    payload: { reason: 'dates_do_not_fit' },
  })
  t.equal(declined.statusCode, 200)
  const res = await startRound({ scope: {}, policy: 'welfare' })
  const second = await roundDone(json<{ id: string }>(res).id)
  t.equal(second.summary?.proposals, 0, 'd1/j1 declined, d2/j2 still open: nothing new')
  const forD1 = await myProposals(coordD1.accessToken)
  t.same(
    forD1.map((p) => p.status),
    ['declined'],
    'd1 still has only the declined proposal',
  )
})
