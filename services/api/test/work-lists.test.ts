import { imports } from '@dj/db'
// The matcher's round job, run here the way the worker would (tests may import other packages' code).
import { DEFAULT_WEIGHTS } from '@dj/matching'
import type { EventOf } from '@dj/queue'
import {
  bearer,
  createStaff,
  json,
  processRound,
  proposedMeeting,
  registerCoordinator,
  type SeededInstitution,
  seedInstitution,
  seedProposal,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t from 'tap'
import { handleRegistryEvent } from '../src/domains/registry/import-job.js'

// Issue 16, findings 1 and 2 and deliverable 3: what waits for whom. A pair from mutual interest
// waits on the offices' work lists like a pair from a round; the recipient of an expression of
// interest finds it and can answer; coordinators see their to-dos. Every new route is checked
// for all seven kinds of caller.

let ctx: TestContext
type Login = Awaited<ReturnType<typeof registerCoordinator>>
let du: Login
let jh: Login
let stranger: Login
let officerDu: Login
let officerJh: Login
let admin: Login
let duSchool: SeededInstitution
let jhSchool: SeededInstitution
/** A second pair, for the mutual interest (the first pair has a proposal from a round). */
let duMutual: SeededInstitution
let jhMutual: SeededInstitution
let roundPair = ''
let expressionId = ''
let mutualProposal = ''

t.before(async () => {
  ctx = await startTestApp('work_lists')
  du = await registerCoordinator(ctx.app, 'schmidt@work.example')
  jh = await registerCoordinator(ctx.app, 'wang@work.example', { locale: 'zh', timeZone: 'Asia/Shanghai' })
  stranger = await registerCoordinator(ctx.app, 'fremd@work.example')
  officerDu = await createStaff(ctx.app, 'amt@work.example', 'officer', 'duren')
  officerJh = await createStaff(ctx.app, 'office@work.example', 'officer', 'jinhua')
  admin = await createStaff(ctx.app, 'admin@work.example', 'admin')
  duSchool = await seedInstitution(ctx.app, 'duren', 'Gymnasium am Wirteltor', [du.id])
  jhSchool = await seedInstitution(ctx.app, 'jinhua', '金华市第一中学', [jh.id])
  duMutual = await seedInstitution(ctx.app, 'duren', 'Realschule Jülich', [du.id])
  jhMutual = await seedInstitution(ctx.app, 'jinhua', '兰溪市第二中学', [jh.id])
  await seedInstitution(ctx.app, 'duren', 'Fremde Schule', [stranger.id])
  await seedInstitution(ctx.app, 'duren', 'Wartende Schule', [], { status: 'pending' })
  roundPair = await seedProposal(ctx.app, duSchool, jhSchool)
})
t.teardown(() => ctx.close())

const call = (method: 'GET' | 'POST', url: string, token: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
const get = (url: string, token: string | null) => call('GET', url, token)

const CALLERS = ['anon', 'du', 'jh', 'stranger', 'officerDu', 'officerJh', 'admin'] as const
const tokenOf = (c: (typeof CALLERS)[number]) =>
  ({
    anon: null,
    du: du.accessToken,
    jh: jh.accessToken,
    stranger: stranger.accessToken,
    officerDu: officerDu.accessToken,
    officerJh: officerJh.accessToken,
    admin: admin.accessToken,
  })[c]

/** The status each of the seven callers gets, in CALLERS order. */
async function matrix(url: string) {
  const out: number[] = []
  for (const c of CALLERS) out.push((await get(url, tokenOf(c))).statusCode)
  return out
}

interface Work {
  sides: {
    side: string
    institutionsToVerify: number
    proposalsToConfirm: { total: number; fromRounds: number; fromInterest: number }
    importsWithProblems: number
  }[]
}
interface Awaiting {
  items: { id: string; origin: string; duren: { confirmed: boolean }; jinhua: { confirmed: boolean } }[]
  total: number
}

t.test('the recipient of an expression of interest finds it and answers it', async (t) => {
  const expressed = await call(
    'POST',
    `/v1/interests/${jhMutual.interestId}/express-interest`,
    du.accessToken,
    {
      fromInterestId: duMutual.interestId,
    },
  )
  t.equal(expressed.statusCode, 201, expressed.body)
  expressionId = json<{ expressionId: string }>(expressed).expressionId
  // The message links to the expression (packages/messages); the API serves that page's data.
  const incoming = json<{
    items: { id: string; canAnswer: boolean; partner: { institution: { name: string } } }[]
    total: number
  }>(await get('/v1/interest-expressions?direction=incoming', jh.accessToken))
  t.equal(incoming.total, 1)
  t.equal(incoming.items[0]?.id, expressionId)
  t.equal(incoming.items[0]?.partner.institution.name, 'Realschule Jülich')
  t.equal(incoming.items[0]?.canAnswer, true)
  t.equal(
    json<{ total: number }>(await get('/v1/interest-expressions?direction=incoming', du.accessToken)).total,
    0,
  )
  t.equal(
    json<{ total: number }>(await get('/v1/interest-expressions?direction=outgoing', du.accessToken)).total,
    1,
  )
  const todos = json<{ interestsToAnswer: { total: number; items: { id: string }[] } }>(
    await get('/v1/me/to-dos', jh.accessToken),
  )
  t.equal(todos.interestsToAnswer.total, 1)
  t.equal(todos.interestsToAnswer.items[0]?.id, expressionId)

  t.same(await matrix(`/v1/interest-expressions/${expressionId}`), [401, 200, 200, 404, 403, 403, 403])
  t.same(await matrix('/v1/interest-expressions'), [401, 200, 200, 200, 403, 403, 403])

  const one = json<{
    direction: string
    own: { interest: { id: string } }
    partner: { interest: { id: string } }
  }>(await get(`/v1/interest-expressions/${expressionId}`, jh.accessToken))
  t.equal(one.direction, 'incoming')
  // Answering: express interest back from the interest it was addressed to.
  const answered = await call(
    'POST',
    `/v1/interests/${one.partner.interest.id}/express-interest`,
    jh.accessToken,
    {
      fromInterestId: one.own.interest.id,
    },
  )
  t.equal(answered.statusCode, 201, answered.body)
  const out = json<{ status: string; proposalId: string; proposalStatus: string }>(answered)
  t.equal(out.status, 'matched')
  t.equal(out.proposalStatus, 'accepted')
  mutualProposal = out.proposalId
  const after = json<{ status: string; proposalId: string; canAnswer: boolean }>(
    await get(`/v1/interest-expressions/${expressionId}`, jh.accessToken),
  )
  t.same([after.status, after.proposalId, after.canAnswer], ['matched', mutualProposal, false])
  t.equal(
    json<{ interestsToAnswer: { total: number } }>(await get('/v1/me/to-dos', jh.accessToken))
      .interestsToAnswer.total,
    0,
    'answered: no longer a to-do',
  )
})

t.test("a pair from mutual interest waits on both offices' work lists, and is confirmed there", async (t) => {
  const work = json<Work>(await get('/v1/officer/work', officerDu.accessToken))
  t.equal(work.sides.length, 1, 'an officer sees their own side')
  t.same(work.sides[0], {
    side: 'duren',
    institutionsToVerify: 1,
    proposalsToConfirm: { total: 1, fromRounds: 0, fromInterest: 1 },
    importsWithProblems: 0,
  })
  t.equal(json<Work>(await get('/v1/officer/work', admin.accessToken)).sides.length, 2, 'admins see both')
  const list = json<Awaiting>(await get('/v1/officer/proposals', officerDu.accessToken))
  t.same(
    list.items.map((p) => [p.id, p.origin]),
    [[mutualProposal, 'expressed']],
  )
  const view = await get(`/v1/officer/proposals/${mutualProposal}`, officerJh.accessToken)
  t.equal(view.statusCode, 200)
  t.equal(json<{ duren: { answer: string } }>(view).duren.answer, 'accept')

  t.equal(
    (await call('POST', `/v1/officer/proposals/${mutualProposal}/confirm`, officerDu.accessToken, {}))
      .statusCode,
    200,
  )
  t.equal(
    json<Awaiting>(await get('/v1/officer/proposals', officerDu.accessToken)).total,
    0,
    'done for Düren',
  )
  const jinhua = json<Awaiting>(await get('/v1/officer/proposals', officerJh.accessToken))
  t.equal(jinhua.total, 1, 'still waiting for Jinhua')
  t.equal(jinhua.items[0]?.duren.confirmed, true)
  t.equal(json<Awaiting>(await get('/v1/officer/proposals', admin.accessToken)).total, 1)
  const confirmed = await call(
    'POST',
    `/v1/officer/proposals/${mutualProposal}/confirm`,
    officerJh.accessToken,
    {},
  )
  t.ok(json<{ partnershipId: string | null }>(confirmed).partnershipId, 'a partnership')
  t.equal(json<Awaiting>(await get('/v1/officer/proposals', officerJh.accessToken)).total, 0)
})

t.test('a pair from a round waits there too, once both coordinators accepted', async (t) => {
  const todos = (token: string) =>
    get('/v1/me/to-dos', token).then((r) =>
      json<{ proposalsToAnswer: { total: number; items: { id: string; partner: string }[] } }>(r),
    )
  t.same(
    (await todos(du.accessToken)).proposalsToAnswer.items.map((i) => [i.id, i.partner]),
    [[roundPair, '金华市第一中学']],
  )
  t.equal((await todos(stranger.accessToken)).proposalsToAnswer.total, 0)
  await call('POST', `/v1/proposals/${roundPair}/accept`, du.accessToken, {})
  t.equal((await todos(du.accessToken)).proposalsToAnswer.total, 0, 'answered by Düren')
  t.equal((await todos(jh.accessToken)).proposalsToAnswer.total, 1, 'still open for Jinhua')
  await call('POST', `/v1/proposals/${roundPair}/accept`, jh.accessToken, {})
  const work = json<Work>(await get('/v1/officer/work', officerJh.accessToken))
  t.same(work.sides[0]?.proposalsToConfirm, { total: 1, fromRounds: 1, fromInterest: 0 })
  t.same(
    json<Awaiting>(await get('/v1/officer/proposals?origin=round', officerJh.accessToken)).items.map(
      (p) => p.id,
    ),
    [roundPair],
  )
  t.equal(json<Awaiting>(await get('/v1/officer/proposals?origin=expressed', officerJh.accessToken)).total, 0)
})

t.test('imports with rejected rows are on the work list of their side only', async (t) => {
  await ctx.app.db.insert(imports).values([
    { side: 'duren', status: 'done', total: 10, processed: 10, failed: 3, fileName: 'schulen.csv' },
    { side: 'duren', status: 'done', total: 4, processed: 4, failed: 0, fileName: 'gut.csv' },
    { side: 'jinhua', status: 'failed', error: 'bad file', fileName: '学校.csv' },
  ])
  t.equal(json<Work>(await get('/v1/officer/work', officerDu.accessToken)).sides[0]?.importsWithProblems, 1)
  t.equal(json<Work>(await get('/v1/officer/work', officerJh.accessToken)).sides[0]?.importsWithProblems, 1)
  const mine = json<{ items: { fileName: string }[]; total: number }>(
    await get('/v1/officer/imports?problems=true', officerDu.accessToken),
  )
  t.same(
    mine.items.map((i) => i.fileName),
    ['schulen.csv'],
  )
  t.equal(json<{ total: number }>(await get('/v1/officer/imports', officerDu.accessToken)).total, 2)
  t.equal(json<{ total: number }>(await get('/v1/officer/imports', admin.accessToken)).total, 3)
})

t.test('coordinators see meetings to pick and visit plans to confirm', async (t) => {
  const [partnership] = await ctx.app.dbHandle.sql<{ id: string }[]>`
    select id from partnerships where proposal_id = ${mutualProposal}::uuid`
  const m = await proposedMeeting(ctx.app, partnership!.id, duMutual.id, jhMutual.id, [
    new Date('2027-02-01T08:00:00Z'),
  ])
  const todos = json<{ meetingsToPick: { items: { id: string; partner: string }[] } }>(
    await get('/v1/me/to-dos', du.accessToken),
  )
  t.same(todos.meetingsToPick.items, [{ id: m.id, partner: '兰溪市第二中学', title: m.title }])
  // Clubs: no school terms to plan around, so the finder offers windows.
  await ctx.app.dbHandle.sql`update institutions set kind = 'club', subtype = null
    where id in (${duMutual.id}::uuid, ${jhMutual.id}::uuid)`
  const plan = await call('POST', `/v1/partnerships/${partnership!.id}/visit-plans`, jh.accessToken, {
    direction: 'jinhua_to_duren',
    days: 5,
    groupSize: 10,
    range: { start: '2027-09-06', end: '2027-10-08' },
  })
  t.equal(plan.statusCode, 201, plan.body)
  const p = json<{ id: string; windows: { start: string }[] }>(plan)
  const plans = async (token: string) =>
    json<{ visitPlansToConfirm: { items: { id: string; partnerChose: boolean }[] } }>(
      await get('/v1/me/to-dos', token),
    ).visitPlansToConfirm.items
  t.same(await plans(du.accessToken), [{ id: p.id, partner: '兰溪市第二中学', days: 5, partnerChose: false }])
  await call('POST', `/v1/visit-plans/${p.id}/confirm`, jh.accessToken, { start: p.windows[0]!.start })
  t.same(
    (await plans(du.accessToken)).map((x) => x.partnerChose),
    [true],
    'the partner chose: confirm it',
  )
  t.same(await plans(jh.accessToken), [], 'waiting for the other side is not a to-do')
  t.equal((await plans(stranger.accessToken)).length, 0)
})

t.test('every new route × the seven callers', async (t) => {
  t.same(await matrix('/v1/officer/work'), [401, 403, 403, 403, 200, 200, 200])
  t.same(await matrix('/v1/officer/proposals'), [401, 403, 403, 403, 200, 200, 200])
  t.same(await matrix(`/v1/officer/proposals/${roundPair}`), [401, 403, 403, 403, 200, 200, 200])
  t.same(await matrix('/v1/officer/imports'), [401, 403, 403, 403, 200, 200, 200])
  t.same(await matrix('/v1/me/to-dos'), [401, 200, 200, 200, 403, 403, 403])
  t.same(await matrix(`/v1/interest-expressions/${expressionId}`), [401, 200, 200, 404, 403, 403, 403])
  // Officers only their side: asking for the other side's work is refused.
  for (const url of ['/v1/officer/work', '/v1/officer/proposals', '/v1/officer/imports']) {
    t.equal(
      (await get(`${url}?side=jinhua`, officerDu.accessToken)).statusCode,
      403,
      `${url}: not the other side`,
    )
    t.equal((await get(`${url}?side=jinhua`, officerJh.accessToken)).statusCode, 200)
    t.equal((await get(`${url}?side=jinhua`, admin.accessToken)).statusCode, 200)
  }
  t.equal(
    (await get('/v1/officer/proposals/00000000-0000-4000-8000-000000000000', officerDu.accessToken))
      .statusCode,
    404,
  )
  t.equal(
    (await get('/v1/interest-expressions/00000000-0000-4000-8000-000000000000', du.accessToken)).statusCode,
    404,
  )
})

t.test('the officer who started an import or a round is told when it is done, with a link', async (t) => {
  const upload = await ctx.app.inject({
    method: 'POST',
    url: '/v1/officer/imports?fileName=schulen.csv',
    headers: { ...bearer(officerDu.accessToken), 'content-type': 'text/csv' },
    payload:
      'external_key,name,kind,subtype,municipality\nw-1,Realschule Jülich,school,realschule,dn-juelich\nw-2,X,school,gymnasium,dn-dueren\n',
  })
  t.equal(upload.statusCode, 202, upload.body)
  const importId = json<{ id: string }>(upload).id
  const [row] = await ctx.app.dbHandle.sql<{ id: string; payload: EventOf<'import.requested'> }[]>`
    select id, payload from outbox where event_type = 'import.requested' and payload->>'importId' = ${importId}`
  await handleRegistryEvent(ctx.app.db, { outboxId: row!.id, event: row!.payload } as never)
  const [told] = await ctx.app.dbHandle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'import.finished' and queue = 'notify'`
  t.same(told?.payload, {
    type: 'import.finished',
    audience: { userIds: [officerDu.id] },
    importId,
    fileName: 'schulen.csv',
    status: 'done',
    total: 2,
    failed: 1,
  })

  const round = await call('POST', '/v1/officer/rounds', officerJh.accessToken, {
    scope: {},
    policy: 'stable',
  })
  const roundId = json<{ id: string }>(round).id
  const [job] = await ctx.app.dbHandle.sql<{ id: string; payload: EventOf<'round.requested'> }[]>`
    select id, payload from outbox where event_type = 'round.requested' and payload->>'roundId' = ${roundId}`
  await processRound({ db: ctx.app.db, weights: DEFAULT_WEIGHTS, proposalTtlDays: 21 }, {
    outboxId: job!.id,
    event: job!.payload,
  } as never)
  const [done] = await ctx.app.dbHandle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'round.finished' and queue = 'notify'`
  t.same(done?.payload.audience, { userIds: [officerJh.id] })
  t.same([done?.payload.roundId, done?.payload.status], [roundId, 'done'])
})
