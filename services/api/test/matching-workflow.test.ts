import { excludedPairs, partnerships, proposalDecisions } from '@dj/db'
import {
  bearer,
  createStaff,
  eventsFor,
  json,
  registerCoordinator,
  seedInstitution,
  seedProposal,
  startTestApp,
} from '@dj/stack'
import { eq } from 'drizzle-orm'
import t from 'tap'
import { canSeeContact } from '../src/domains/registry/access.js'

const ctx = await startTestApp('matching_workflow')
t.teardown(() => ctx.close())
const { app } = ctx

const officerD = await createStaff(app, 'officer-d@kreis-dueren.de', 'officer', 'duren')
const officerJ = await createStaff(app, 'officer-j@jinhua.gov.cn', 'officer', 'jinhua')
const admin = await createStaff(app, 'admin@dj.example', 'admin')
const coordD = await registerCoordinator(app, 'd@school.de')
const coordJ = await registerCoordinator(app, 'j@school.cn')
const coordOther = await registerCoordinator(app, 'other@school.de')
const d = await seedInstitution(app, 'duren', 'Gymnasium Am Wirteltor', [coordD.id])
const j = await seedInstitution(app, 'jinhua', 'Jinhua No. 1 Middle School', [coordJ.id])
const other = await seedInstitution(app, 'duren', 'Other School', [coordOther.id])
const j2 = await seedInstitution(app, 'jinhua', 'Yiwu Sports School', [coordJ.id])

const post = (url: string, token: string, payload?: object) =>
  app.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) })

await t.test(
  'accept: access checks, idempotence, both sides, officer confirmation, partnership',
  async (t) => {
    const id = await seedProposal(app, d, j)

    const byOther = await post(`/v1/proposals/${id}/accept`, coordOther.accessToken)
    t.equal(byOther.statusCode, 404, 'a coordinator of another institution cannot see it')
    const byOfficer = await post(`/v1/proposals/${id}/accept`, officerD.accessToken)
    t.equal(byOfficer.statusCode, 403, 'officers do not answer for institutions')
    const early = await post(`/v1/officer/proposals/${id}/confirm`, officerD.accessToken)
    t.equal(early.statusCode, 409)
    t.equal(json(early).code, 'PROPOSAL_NOT_ACCEPTED')

    const first = await post(`/v1/proposals/${id}/accept`, coordD.accessToken)
    t.equal(first.statusCode, 200)
    const firstBody = json<{ status: string; own: { answer: string } }>(first)
    t.equal(firstBody.status, 'open')
    t.equal(firstBody.own.answer, 'accept')
    const again = await post(`/v1/proposals/${id}/accept`, coordD.accessToken)
    t.equal(again.statusCode, 200, 'double accept is idempotent')
    const decisions = await app.db
      .select()
      .from(proposalDecisions)
      .where(eq(proposalDecisions.proposalId, id))
    t.equal(decisions.length, 1, 'one decision row')
    const accepted1 = await eventsFor(app, 'proposal.accepted', id)
    t.equal(accepted1.length, 1, 'only the partner is told, once')
    t.same(accepted1[0]!.payload.audience, { institutionIds: [j.id], officerSides: ['jinhua'] })
    t.match(
      accepted1[0]!.payload,
      { own: { id: j.id }, partner: { id: d.id } },
      'it reads: your partner accepted',
    )

    const second = await post(`/v1/proposals/${id}/accept`, coordJ.accessToken)
    t.equal(second.statusCode, 200)
    const secondBody = json<{ status: string; partner: { answer: string } }>(second)
    t.equal(secondBody.status, 'accepted', 'both accepted: waits for the officers')
    t.equal(secondBody.partner.answer, 'accept')
    const accepted2 = await eventsFor(app, 'proposal.accepted', id)
    t.equal(accepted2.length, 2)
    t.same(
      accepted2.map((e) => (e.payload.audience as { institutionIds: string[] }).institutionIds),
      [[j.id], [d.id]],
      'the second acceptance tells the first side',
    )

    const declineNow = await post(`/v1/proposals/${id}/decline`, coordJ.accessToken, { reason: 'other' })
    t.equal(declineNow.statusCode, 409)
    t.equal(json(declineNow).code, 'PROPOSAL_ALREADY_ANSWERED')

    const wrongSide = await post(`/v1/officer/proposals/${id}/confirm`, officerJ.accessToken, {
      side: 'duren',
    })
    t.equal(wrongSide.statusCode, 403, 'an officer cannot confirm for the other side')
    const byCoordinator = await post(`/v1/officer/proposals/${id}/confirm`, coordD.accessToken)
    t.equal(byCoordinator.statusCode, 403)
    const byAdmin = await post(`/v1/officer/proposals/${id}/confirm`, admin.accessToken)
    t.equal(byAdmin.statusCode, 403, 'confirmation is an officer act for a side')

    const confirmD = await post(`/v1/officer/proposals/${id}/confirm`, officerD.accessToken)
    t.equal(confirmD.statusCode, 200)
    t.same(json(confirmD), { id, status: 'accepted', confirmedBy: 'duren', partnershipId: null })
    const confirmDAgain = await post(`/v1/officer/proposals/${id}/confirm`, officerD.accessToken)
    t.same(json(confirmDAgain), { id, status: 'accepted', confirmedBy: 'duren', partnershipId: null })
    t.equal((await eventsFor(app, 'proposal.officer_confirmed', id)).length, 2, 'told once')
    t.notOk(await canSeeContact(app.db, [d.id], j.id), 'no contact details before the partnership')
    const before = await app.inject({
      method: 'GET',
      url: `/v1/proposals/${id}`,
      headers: bearer(coordD.accessToken),
    })
    t.equal(json<{ partner: { contact: unknown } }>(before).partner.contact, null)

    const confirmJ = await post(`/v1/officer/proposals/${id}/confirm`, officerJ.accessToken, {
      side: 'jinhua',
    })
    t.equal(confirmJ.statusCode, 200)
    const cj = json<{ status: string; partnershipId: string }>(confirmJ)
    t.equal(cj.status, 'confirmed')
    t.ok(cj.partnershipId)
    const rows = await app.db.select().from(partnerships).where(eq(partnerships.proposalId, id))
    t.equal(rows.length, 1)
    t.equal(rows[0]!.institutionA, d.id)
    const confirmed = await app.dbHandle.sql`
    select payload from outbox where event_type = 'partnership.confirmed' and payload->>'partnershipId' = ${cj.partnershipId}`
    t.equal(confirmed.length, 2, 'partnership.confirmed for notify and schedule')
    t.same((confirmed[0]!.payload as { audience: unknown }).audience, {
      institutionIds: [d.id, j.id],
      officerSides: ['duren', 'jinhua'],
    })
    t.ok(await canSeeContact(app.db, [d.id], j.id), 'partners see each other’s contact')
    t.ok(await canSeeContact(app.db, [j.id], d.id))
    t.notOk(await canSeeContact(app.db, [other.id], j.id), 'others still do not')
    const after = await app.inject({
      method: 'GET',
      url: `/v1/proposals/${id}`,
      headers: bearer(coordD.accessToken),
    })
    t.same(json<{ partner: { contact: unknown } }>(after).partner.contact, {
      name: `Contact ${j.name}`,
      role: 'teacher',
      email: 'contact@jinhua.example',
    })
    const afterJ = await app.inject({
      method: 'GET',
      url: `/v1/proposals/${id}`,
      headers: bearer(coordJ.accessToken),
    })
    t.match(json<{ partner: { contact: { name: string } } }>(afterJ).partner.contact, {
      name: `Contact ${d.name}`,
    })
    const profile = await app.inject({
      method: 'GET',
      url: `/v1/institutions/${j.id}`,
      headers: bearer(coordD.accessToken),
    })
    t.equal(profile.statusCode, 200)
    t.match(
      json<{ access: string; contact: { email: string } }>(profile),
      { access: 'public', contact: { email: 'contact@jinhua.example' } },
      'the partner profile carries the contact person once the partnership exists',
    )

    const acceptAfter = await post(`/v1/proposals/${id}/accept`, coordD.accessToken)
    t.equal(acceptAfter.statusCode, 200, 'accepting a confirmed proposal I accepted is idempotent')
    t.equal(json<{ status: string }>(acceptAfter).status, 'confirmed')
    const declineAfter = await post(`/v1/proposals/${id}/decline`, coordD.accessToken, { reason: 'other' })
    t.equal(declineAfter.statusCode, 409)
    t.equal(json(declineAfter).code, 'PROPOSAL_CONFIRMED')
  },
)

await t.test('decline: reason validated, pair excluded, no more answers', async (t) => {
  const id = await seedProposal(app, other, j2)
  const badReason = await post(`/v1/proposals/${id}/decline`, coordOther.accessToken, { reason: 'meh' })
  t.equal(badReason.statusCode, 400)
  const byJ = await post(`/v1/proposals/${id}/decline`, coordD.accessToken, { reason: 'other' })
  t.equal(byJ.statusCode, 404, 'not their institution')
  const res = await post(`/v1/proposals/${id}/decline`, coordOther.accessToken, {
    reason: 'language',
    text: 'Our pupils do not learn English yet.',
  })
  t.equal(res.statusCode, 200)
  t.equal(json<{ status: string }>(res).status, 'declined')
  const excluded = await app.db.select().from(excludedPairs).where(eq(excludedPairs.proposalId, id))
  t.equal(excluded.length, 1)
  t.equal(excluded[0]!.interestA, other.interestId)
  t.equal(excluded[0]!.interestB, j2.interestId)
  const events = await eventsFor(app, 'proposal.declined', id)
  t.equal(events.length, 2)
  t.equal(events[0]!.payload['reason'], 'language')

  const accept = await post(`/v1/proposals/${id}/accept`, coordJ.accessToken)
  t.equal(accept.statusCode, 409)
  t.equal(json(accept).code, 'PROPOSAL_DECLINED')
  t.equal(json(accept).status, 409)
  t.match(accept.headers['content-type'], /application\/problem\+json/)
  const again = await post(`/v1/proposals/${id}/decline`, coordOther.accessToken, { reason: 'language' })
  t.equal(again.statusCode, 200, 'declining twice answers the same state')
})

await t.test('expiry: overdue proposals cannot be accepted and are expired on request', async (t) => {
  const overdue = await seedProposal(app, d, j2, { expiresAt: new Date(Date.now() - 60_000) })
  const later = await seedProposal(app, other, j, { expiresAt: new Date(Date.now() + 86_400_000) })
  const accept = await post(`/v1/proposals/${overdue}/accept`, coordD.accessToken)
  t.equal(accept.statusCode, 409)
  t.equal(json(accept).code, 'PROPOSAL_EXPIRED')

  const byCoordinator = await post('/v1/officer/proposals/expire', coordD.accessToken)
  t.equal(byCoordinator.statusCode, 403)
  const run = await post('/v1/officer/proposals/expire', officerJ.accessToken)
  t.equal(run.statusCode, 200)
  t.same(json(run), { expired: 1, ids: [overdue] })
  const again = await post('/v1/officer/proposals/expire', officerJ.accessToken)
  t.same(json(again), { expired: 0, ids: [] }, 'expiring is idempotent')
  const audit = await app.dbHandle.sql<{ after: { count: number } }[]>`
    select after from audit_log where action = 'proposals.expired' and request_id is not null`
  t.same(
    audit.map((a) => a.after),
    [{ count: 1 }],
    'one audit entry, for the run that expired something',
  )

  const events = await eventsFor(app, 'proposal.expired', overdue)
  t.equal(events.length, 2)
  const view = await app.inject({
    method: 'GET',
    url: `/v1/proposals/${overdue}`,
    headers: bearer(coordJ.accessToken),
  })
  t.equal(json<{ status: string }>(view).status, 'expired')
  const acceptExpired = await post(`/v1/proposals/${overdue}/accept`, coordJ.accessToken)
  t.equal(json(acceptExpired).code, 'PROPOSAL_EXPIRED')
  const stillOpen = await app.inject({
    method: 'GET',
    url: `/v1/proposals/${later}`,
    headers: bearer(coordJ.accessToken),
  })
  t.equal(json<{ status: string }>(stillOpen).status, 'open')
})

await t.test('the TTL setting decides expires_at of proposals', async (t) => {
  t.equal(ctx.config.PROPOSAL_TTL_DAYS, 21, 'default 21 days')
  t.equal(ctx.config.AUTO_CONFIRM_PARTNERSHIPS, false)
})
