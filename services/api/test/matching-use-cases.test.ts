import { randomUUID } from 'node:crypto'
import { auditLog } from '@dj/db'
import { seedInstitution, seedProposal, startTestApp, type TestContext } from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'
import type { Actor } from '../src/domains/actor.js'
import { isDomainError } from '../src/domains/errors.js'
import * as expressionCases from '../src/domains/matching/use-cases/expressions.js'
import * as officerCases from '../src/domains/matching/use-cases/officer-proposals.js'
import * as proposalCases from '../src/domains/matching/use-cases/proposals.js'
import * as roundCases from '../src/domains/matching/use-cases/rounds.js'
import * as inboxCases from '../src/domains/notifications/use-cases/inbox.js'
import * as reportCases from '../src/domains/reporting/use-cases/reports.js'
import type { Deps, UseCase, UseCaseEnv } from '../src/domains/use-case.js'
import * as workCases from '../src/domains/work/use-cases/work.js'
import { seedActor } from './helper/actor.js'

/** The matching, work and reporting use cases called without HTTP: an actor, an input, the env. */
let ctx: TestContext
let env: UseCaseEnv
t.before(async () => {
  ctx = await startTestApp('matching_use_cases')
  env = ctx.app.useCases
})
t.teardown(() => ctx.close())

const actor = (role: Actor['role'], side: Actor['side'] = null) => seedActor(ctx.app.db, role, side)

const exec = <I, O>(uc: UseCase<I, keyof Deps, O>, who: Actor | null, input: I) =>
  uc.execute(env, { actor: who, input, requestId: 'req-use-case' })

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
}

t.test('callers: each use case refuses anonymous callers and the wrong roles', async (t) => {
  const coordinator = await actor('coordinator')
  const admin = await actor('admin')
  const id = randomUUID()
  t.equal(await codeOf(exec(proposalCases.viewMyProposal, null, { id })), 'AUTH_UNAUTHENTICATED')
  t.equal(await codeOf(exec(proposalCases.confirm, admin, { id, body: {} })), 'ACCESS_FORBIDDEN')
  t.equal(
    await codeOf(exec(roundCases.startRound, coordinator, { scope: {}, policy: 'stable' })),
    'ACCESS_FORBIDDEN',
  )
  t.equal(await codeOf(exec(workCases.myToDos, admin, {})), 'ACCESS_FORBIDDEN')
  t.equal(await codeOf(exec(proposalCases.viewMyProposal, coordinator, { id })), 'NOT_FOUND')
  t.equal(
    await codeOf(exec(proposalCases.viewMyProposal, coordinator, { id: 'not-a-uuid' })),
    'REQUEST_VALIDATION',
    'the input is checked against its schema before the use case runs',
  )
})

t.test('a proposal from accept to partnership, and the work lists that follow it', async (t) => {
  const dc = await actor('coordinator')
  const jc = await actor('coordinator')
  const duren = await seedInstitution(ctx.app, 'duren', 'UC Gymnasium', [dc.userId])
  const jinhua = await seedInstitution(ctx.app, 'jinhua', 'UC Senior High', [jc.userId])
  const id = await seedProposal(ctx.app, duren, jinhua)

  const todos = await exec(workCases.myToDos, dc, {})
  t.equal(todos.proposalsToAnswer.total, 1, 'the open proposal waits for an answer')
  const mine = await exec(proposalCases.listProposalsOfMine, dc, { limit: 10, awaiting: true })
  t.same(
    mine.items.map((p) => p.id),
    [id],
  )

  const first = await exec(proposalCases.accept, dc, { id })
  t.equal(first.status, 'open', 'one side accepted: still open')
  t.equal(first.own.answer, 'accept')
  const again = await exec(proposalCases.accept, dc, { id })
  t.equal(again.own.answer, 'accept', 'accepting twice answers the same')
  const both = await exec(proposalCases.accept, jc, { id })
  t.equal(both.status, 'accepted', 'both sides accepted')
  t.equal(
    await codeOf(exec(proposalCases.decline, jc, { id, answer: { reason: 'capacity' } })),
    'PROPOSAL_ALREADY_ANSWERED',
    'an answer stands: who accepted cannot decline',
  )

  const dOfficer = await actor('officer', 'duren')
  const jOfficer = await actor('officer', 'jinhua')
  const admin = await actor('admin')
  const waiting = await exec(officerCases.listAwaiting, dOfficer, { limit: 50 })
  t.ok(
    waiting.items.some((p) => p.id === id),
    'the office sees it waiting for confirmation',
  )
  t.equal(
    await codeOf(exec(officerCases.listAwaiting, dOfficer, { limit: 50, side: 'jinhua' })),
    'ACCESS_FORBIDDEN',
    'officers read their own side only',
  )
  const work = await exec(workCases.officerWork, admin, {})
  t.same(
    work.sides.map((s) => s.side),
    ['duren', 'jinhua'],
    'admins get both offices',
  )

  t.equal(
    await codeOf(exec(proposalCases.confirm, dOfficer, { id, body: { side: 'jinhua' } })),
    'ACCESS_FORBIDDEN',
    'an officer confirms for their own side only',
  )
  const half = await exec(proposalCases.confirm, dOfficer, { id, body: {} })
  t.same(
    { status: half.status, confirmedBy: half.confirmedBy, partnershipId: half.partnershipId },
    { status: 'accepted', confirmedBy: 'duren', partnershipId: null },
  )
  const done = await exec(proposalCases.confirm, jOfficer, { id, body: {} })
  t.equal(done.status, 'confirmed')
  t.ok(done.partnershipId, 'both confirmations make the partnership')
  const view = await exec(officerCases.viewOfficerProposal, admin, { id })
  t.same([view.duren.confirmed, view.jinhua.confirmed], [true, true])
  const audits = await ctx.app.db.select().from(auditLog).where(eq(auditLog.entityId, id))
  t.ok(
    audits.every((a) => a.requestId === 'req-use-case'),
    'the caller’s request id reaches the audit trail',
  )
})

t.test('declining excludes the pair; expressions stay visible to both ends only', async (t) => {
  const dc = await actor('coordinator')
  const jc = await actor('coordinator')
  const stranger = await actor('coordinator')
  const duren = await seedInstitution(ctx.app, 'duren', 'UC Realschule', [dc.userId])
  const jinhua = await seedInstitution(ctx.app, 'jinhua', 'UC Middle School', [jc.userId])
  const id = await seedProposal(ctx.app, duren, jinhua)
  t.equal(await codeOf(exec(proposalCases.accept, stranger, { id })), 'NOT_FOUND', 'strangers do not see it')
  const declined = await exec(proposalCases.decline, jc, { id, answer: { reason: 'capacity', text: 'full' } })
  t.equal(declined.status, 'declined')
  t.equal(await codeOf(exec(proposalCases.accept, dc, { id })), 'PROPOSAL_DECLINED')

  // A fresh pair: interest from one side, then back from the other.
  const d2 = await seedInstitution(ctx.app, 'duren', 'UC Gesamtschule', [dc.userId])
  const j2 = await seedInstitution(ctx.app, 'jinhua', 'UC Vocational', [jc.userId])
  const one = await exec(proposalCases.expressInterest, dc, {
    toInterestId: j2.interestId,
    fromInterestId: d2.interestId,
  })
  t.same(
    { created: one.created, status: one.status, proposalId: one.proposalId },
    {
      created: true,
      status: 'pending',
      proposalId: null,
    },
  )
  const repeat = await exec(proposalCases.expressInterest, dc, {
    toInterestId: j2.interestId,
    fromInterestId: d2.interestId,
  })
  t.equal(repeat.created, false, 'expressing the same interest again creates nothing')
  const incoming = await exec(expressionCases.listMyExpressions, jc, { direction: 'incoming', limit: 20 })
  const expression = incoming.items.find((e) => e.id === one.expressionId)
  t.ok(expression?.canAnswer, 'the other side can answer it')
  t.equal(
    await codeOf(exec(expressionCases.viewMyExpression, stranger, { id: one.expressionId })),
    'NOT_FOUND',
  )
  const back = await exec(proposalCases.expressInterest, jc, {
    toInterestId: d2.interestId,
    fromInterestId: j2.interestId,
  })
  t.same(
    { status: back.status, proposalStatus: back.proposalStatus },
    {
      status: 'matched',
      proposalStatus: 'accepted',
    },
  )
})

t.test('rounds, expiry and reports', async (t) => {
  const officer = await actor('officer', 'duren')
  const queued = await exec(roundCases.startRound, officer, { scope: {}, policy: 'welfare' })
  t.equal(queued.status, 'queued')
  const round = await exec(roundCases.viewRound, officer, { id: queued.id })
  t.same([round.policy, round.status], ['welfare', 'queued'])
  const rounds = await exec(reportCases.listMatchingRounds, officer, { limit: 50 })
  t.ok(rounds.items.some((r) => r.id === queued.id))
  t.equal(
    await codeOf(exec(roundCases.listProposalsOfRound, officer, { id: randomUUID(), query: { limit: 10 } })),
    'NOT_FOUND',
  )

  const dc = await actor('coordinator')
  const jc = await actor('coordinator')
  const duren = await seedInstitution(ctx.app, 'duren', 'UC Overdue', [dc.userId])
  const jinhua = await seedInstitution(ctx.app, 'jinhua', 'UC Overdue CN', [jc.userId])
  const overdue = await seedProposal(ctx.app, duren, jinhua, { expiresAt: new Date(Date.now() - 60_000) })
  const expired = await exec(roundCases.expireProposals, officer, {})
  t.ok(expired.ids.includes(overdue), 'overdue open proposals expire')
  t.equal(expired.expired, expired.ids.length)
  const audited = await ctx.app.db.select().from(auditLog).where(eq(auditLog.action, 'proposals.expired'))
  t.ok(audited.length >= 1, 'an expiry that expired anything is audited')
  const none = await exec(roundCases.expireProposals, officer, {})
  t.same(none, { expired: 0, ids: [] }, 'nothing left to expire')

  const stats = await exec(reportCases.funnelStats, officer, {})
  t.same(
    stats.sides.map((s) => s.side),
    ['duren'],
    "officers default to their own side's funnel",
  )
  const both = await exec(reportCases.funnelStats, officer, { side: 'both' })
  t.equal(both.sides.length, 2, 'aggregates of both sides on request')
  t.equal(await codeOf(exec(reportCases.dashboardOverview, officer, { side: 'jinhua' })), 'ACCESS_FORBIDDEN')
})

t.test('inbox: counts answer for the reader only', async (t) => {
  const reader = await actor('coordinator')
  const empty = await exec(inboxCases.listMyNotifications, reader, { limit: 20 })
  t.same([empty.total, empty.unread], [0, 0])
  t.same(await exec(inboxCases.readAll, reader, {}), { marked: 0, unread: 0 })
  t.equal(await codeOf(exec(inboxCases.readOne, reader, { id: randomUUID() })), 'NOT_FOUND')
})
