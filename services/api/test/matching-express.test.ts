import { excludedPairs, interests, partnerships, proposalDecisions, proposals } from '@dj/db'
import { bearer, json, registerCoordinator, seedInstitution, seedProposal, startTestApp } from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'

const ctx = await startTestApp('matching_express', { AUTO_CONFIRM_PARTNERSHIPS: 'false' })
t.teardown(() => ctx.close())
const { app } = ctx

const coordD = await registerCoordinator(app, 'd@school.de')
const coordJ = await registerCoordinator(app, 'j@school.cn')
const coordD2 = await registerCoordinator(app, 'd2@school.de')
const d = await seedInstitution(app, 'duren', 'Gymnasium Am Wirteltor', [coordD.id])
const j = await seedInstitution(app, 'jinhua', 'Jinhua No. 1 Middle School', [coordJ.id])
const d2 = await seedInstitution(app, 'duren', 'Realschule Jülich', [coordD2.id])
const jPending = await seedInstitution(app, 'jinhua', 'Pending School', [], { status: 'pending' })
const j3 = await seedInstitution(app, 'jinhua', 'Dongyang High School', [coordJ.id])

const express = (token: string, toInterestId: string, fromInterestId: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/interests/${toInterestId}/express-interest`,
    headers: bearer(token),
    payload: { fromInterestId },
  })

interface ExpressOut {
  expressionId: string
  status: 'pending' | 'matched'
  proposalId: string | null
  proposalStatus: string | null
}

await t.test('access and state checks', async (t) => {
  const notMine = await express(coordD2.accessToken, j.interestId, d.interestId)
  t.equal(notMine.statusCode, 403, 'only for an interest of my own institution')
  const sameSide = await express(coordD.accessToken, d2.interestId, d.interestId)
  t.equal(sameSide.statusCode, 409)
  t.equal(json(sameSide).code, 'INTEREST_SAME_SIDE')
  const hidden = await express(coordD.accessToken, jPending.interestId, d.interestId)
  t.equal(hidden.statusCode, 404, 'unverified institutions are invisible')
  await app.db.update(interests).set({ status: 'paused' }).where(eq(interests.id, j3.interestId))
  const paused = await express(coordD.accessToken, j3.interestId, d.interestId)
  t.equal(paused.statusCode, 409)
  t.equal(json(paused).code, 'INTEREST_NOT_OPEN')
  await app.db.update(interests).set({ status: 'open' }).where(eq(interests.id, j3.interestId))
})

await t.test('one-sided interest is stored; the reverse makes an accepted proposal', async (t) => {
  const first = await express(coordD.accessToken, j.interestId, d.interestId)
  t.equal(first.statusCode, 201)
  const one = json<ExpressOut>(first)
  t.equal(one.status, 'pending')
  t.equal(one.proposalId, null)
  const told = await app.dbHandle.sql<{ payload: { audience: unknown; from: { id: string } } }[]>`
    select payload from outbox where event_type = 'interest.expressed' and payload->>'expressionId' = ${one.expressionId}`
  t.equal(told.length, 1)
  t.same(told[0]!.payload.audience, { institutionIds: [j.id] })
  t.equal(told[0]!.payload.from.id, d.id)

  const repeat = await express(coordD.accessToken, j.interestId, d.interestId)
  t.equal(repeat.statusCode, 200, 'expressing twice is idempotent')
  t.equal(json<ExpressOut>(repeat).expressionId, one.expressionId)

  const back = await express(coordJ.accessToken, d.interestId, j.interestId)
  t.equal(back.statusCode, 201)
  const matched = json<ExpressOut>(back)
  t.equal(matched.status, 'matched')
  t.equal(matched.proposalStatus, 'accepted')
  const [row] = await app.db.select().from(proposals).where(eq(proposals.id, matched.proposalId!))
  t.equal(row!.status, 'accepted')
  t.equal(row!.origin, 'expressed')
  t.equal(row!.interestA, d.interestId, 'the Düren interest is always side a')
  const decisions = await app.db
    .select()
    .from(proposalDecisions)
    .where(eq(proposalDecisions.proposalId, matched.proposalId!))
  t.same(decisions.map((x) => `${x.side}:${x.decision}`).sort(), ['duren:accept', 'jinhua:accept'])
  const events = await app.dbHandle.sql`
    select 1 from outbox where event_type = 'proposal.accepted' and queue = 'notify' and payload->>'proposalId' = ${matched.proposalId}`
  t.equal(events.length, 2)

  const list = await app.inject({
    method: 'GET',
    url: '/v1/proposals?status=accepted',
    headers: bearer(coordD.accessToken),
  })
  const items = json<{
    items: { id: string; origin: string; own: { answer: string }; partner: { answer: string } }[]
  }>(list).items
  t.equal(items.length, 1)
  t.equal(items[0]!.origin, 'expressed')
  t.equal(items[0]!.own.answer, 'accept')
  t.equal(items[0]!.partner.answer, 'accept')

  const again = await express(coordJ.accessToken, d.interestId, j.interestId)
  t.equal(again.statusCode, 200)
  t.equal(json<ExpressOut>(again).proposalId, matched.proposalId, 'no second proposal')
})

await t.test('an excluded pair cannot be expressed', async (t) => {
  await app.db.insert(excludedPairs).values({
    institutionA: d2.id,
    institutionB: j3.id,
    interestA: d2.interestId,
    interestB: j3.interestId,
    reason: 'declined',
  })
  const res = await express(coordD2.accessToken, j3.interestId, d2.interestId)
  t.equal(res.statusCode, 409)
  t.equal(json(res).code, 'PAIR_EXCLUDED')
})

await t.test('with AUTO_CONFIRM_PARTNERSHIPS mutual interest is a partnership at once', async (t) => {
  const auto = await startTestApp('matching_autoconf', { AUTO_CONFIRM_PARTNERSHIPS: 'true' })
  t.teardown(() => auto.close())
  const a = auto.app
  const cd = await registerCoordinator(a, 'ad@school.de')
  const cj = await registerCoordinator(a, 'aj@school.cn')
  const sd = await seedInstitution(a, 'duren', 'Auto D', [cd.id])
  const sj = await seedInstitution(a, 'jinhua', 'Auto J', [cj.id])
  const ex = (token: string, to: string, from: string) =>
    a.inject({
      method: 'POST',
      url: `/v1/interests/${to}/express-interest`,
      headers: bearer(token),
      payload: { fromInterestId: from },
    })
  t.equal((await ex(cd.accessToken, sj.interestId, sd.interestId)).statusCode, 201)
  const res = await ex(cj.accessToken, sd.interestId, sj.interestId)
  const body = json<ExpressOut>(res)
  t.equal(body.proposalStatus, 'confirmed')
  const rows = await a.db.select().from(partnerships).where(eq(partnerships.proposalId, body.proposalId!))
  t.equal(rows.length, 1)

  const sd2 = await seedInstitution(a, 'duren', 'Auto D2', [cd.id])
  const sj2 = await seedInstitution(a, 'jinhua', 'Auto J2', [cj.id])
  const proposalId = await seedProposal(a, sd2, sj2)
  const acceptD = await a.inject({
    method: 'POST',
    url: `/v1/proposals/${proposalId}/accept`,
    headers: bearer(cd.accessToken),
  })
  t.equal(json<{ status: string }>(acceptD).status, 'open')
  const acceptJ = await a.inject({
    method: 'POST',
    url: `/v1/proposals/${proposalId}/accept`,
    headers: bearer(cj.accessToken),
  })
  const accepted = json<{ status: string; partnershipId: string | null }>(acceptJ)
  t.equal(accepted.status, 'confirmed', 'both accepted: no officer step')
  t.ok(accepted.partnershipId)
})
