import {
  bearer,
  createInstitution,
  createInterest,
  createStaff,
  durenSchool,
  interestBody,
  invitationToken,
  jinhuaSchool,
  json,
  login,
  officerAct,
  PASSWORD,
  registerCoordinator,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t from 'tap'
import { canSeeContact } from '../src/domains/registry/access.js'

let ctx: TestContext
t.before(async () => {
  ctx = await startTestApp('registry')
})
t.teardown(() => ctx.close())

const get = (url: string, token?: string) =>
  ctx.app.inject({ method: 'GET', url, ...(token ? { headers: bearer(token) } : {}) })

type Page = {
  items: { id: string; name: string; contact?: unknown; institution?: { id: string } }[]
  nextCursor: string | null
}

t.test('registration → verification → search, for both sides', async (t) => {
  const anna = await registerCoordinator(ctx.app, 'anna@gym-dueren.de')
  const wang = await registerCoordinator(ctx.app, 'wang@jhyz.cn', { locale: 'zh', timeZone: 'Asia/Shanghai' })
  const odn = await createStaff(ctx.app, 'officer.flow.dn@kreis-dueren.de', 'officer', 'duren')
  const ojh = await createStaff(ctx.app, 'officer.flow.jh@jinhua.gov.cn', 'officer', 'jinhua')

  const dn = await createInstitution(ctx.app, anna.accessToken, durenSchool('Gymnasium am Wirteltor Düren'))
  const jh = await createInstitution(ctx.app, wang.accessToken, jinhuaSchool('金华市第一中学'))
  await createInterest(ctx.app, anna.accessToken, dn)
  await createInterest(
    ctx.app,
    wang.accessToken,
    jh,
    interestBody({ topics: ['science'], languages: [{ lang: 'en', level: 'fluent' }] }),
  )

  // Pending institutions are invisible to the other side.
  t.equal((await get(`/v1/institutions/${jh}`, anna.accessToken)).statusCode, 404)
  t.same(json<Page>(await get('/v1/search/institutions', anna.accessToken)).items, [])

  const queue = json<Page>(await get('/v1/officer/institutions?status=pending', odn.accessToken))
  t.same(
    queue.items.map((i) => i.id),
    [dn],
    'the Düren officer sees only the Düren queue',
  )
  t.equal(
    (await officerAct(ctx.app, odn.accessToken, jh, 'verify')).statusCode,
    403,
    'no action on the other side',
  )
  t.equal((await officerAct(ctx.app, odn.accessToken, dn, 'verify')).statusCode, 200)
  t.equal((await officerAct(ctx.app, ojh.accessToken, jh, 'verify')).statusCode, 200)
  t.equal((await officerAct(ctx.app, ojh.accessToken, jh, 'verify')).statusCode, 409, 'already verified')

  const fromDuren = json<Page>(await get('/v1/search/institutions', anna.accessToken))
  t.same(
    fromDuren.items.map((i) => i.id),
    [jh],
  )
  t.notOk('contact' in fromDuren.items[0]!, 'no contact details in search results')
  const fromJinhua = json<Page>(await get('/v1/search/institutions', wang.accessToken))
  t.same(
    fromJinhua.items.map((i) => i.id),
    [dn],
  )

  const profile = json<{ access: string; contact?: unknown }>(
    await get(`/v1/institutions/${dn}`, wang.accessToken),
  )
  t.equal(profile.access, 'public')
  t.notOk(profile.contact, 'the other side does not see the contact person')
  const own = json<{ access: string; contact: { email: string } }>(
    await get(`/v1/institutions/${dn}`, anna.accessToken),
  )
  t.equal(own.contact.email, 'anna@example.org')

  const interests = json<Page>(await get('/v1/search/interests?topic=science', anna.accessToken))
  t.same(
    interests.items.map((i) => i.institution?.id),
    [jh],
  )
  t.same(json<Page>(await get('/v1/search/interests?topic=sport', anna.accessToken)).items, [])

  // Audit: who, what, before and after.
  const audit = await ctx.app.dbHandle.sql`
    select actor_id, action, before->>'status' as b, after->>'status' as a from audit_log
    where entity_id = ${dn} and action like 'institution.verify'`
  t.same(
    audit.map((r) => [r.actor_id, r.action, r.b, r.a]),
    [[odn.id, 'institution.verify', 'pending', 'verified']],
  )
  const events = await ctx.app.dbHandle
    .sql`select event_type from outbox where payload->'institution'->>'id' = ${dn}`
  t.same(
    events.map((e) => e.event_type),
    ['institution.verified'],
  )
})

t.test('reject with a reason the coordinator sees; suspend and reinstate', async (t) => {
  const c = await registerCoordinator(ctx.app, 'rs@example.org')
  const o = await createStaff(ctx.app, 'officer.rs@kreis-dueren.de', 'officer', 'duren')
  const id = await createInstitution(
    ctx.app,
    c.accessToken,
    durenSchool('Realschule Kreuzau', { subtype: 'realschule', municipalityId: 'dn-kreuzau' }),
  )
  const noReason = await officerAct(ctx.app, o.accessToken, id, 'reject')
  t.equal(noReason.statusCode, 400)
  t.equal(json<{ errors: { field: string }[] }>(noReason).errors[0]?.field, 'reason')
  t.equal((await officerAct(ctx.app, o.accessToken, id, 'reject', 'Bitte Website ergänzen')).statusCode, 200)
  const seen = json<{ status: string; statusReason: string }>(
    await get(`/v1/institutions/${id}`, c.accessToken),
  )
  t.same([seen.status, seen.statusReason], ['rejected', 'Bitte Website ergänzen'])
  t.equal((await officerAct(ctx.app, o.accessToken, id, 'verify')).statusCode, 200)
  t.equal((await officerAct(ctx.app, o.accessToken, id, 'suspend', 'Beschwerde')).statusCode, 200)
  t.equal((await officerAct(ctx.app, o.accessToken, id, 'reinstate')).statusCode, 200)
  const actions = await ctx.app.dbHandle.sql`select action from audit_log where entity_id = ${id} order by id`
  t.same(
    actions.map((a) => a.action),
    [
      'institution.registered',
      'institution.reject',
      'institution.verify',
      'institution.suspend',
      'institution.reinstate',
    ],
  )
})

t.test('full-text search finds Chinese 2-character words and German words with umlauts', async (t) => {
  const dnc = await registerCoordinator(ctx.app, 'fts.dn@example.org')
  const jhc = await registerCoordinator(ctx.app, 'fts.jh@example.org')
  const oj = await createStaff(ctx.app, 'officer.fts.jh@jinhua.gov.cn', 'officer', 'jinhua')
  const od = await createStaff(ctx.app, 'officer.fts.dn@kreis-dueren.de', 'officer', 'duren')
  await createInstitution(
    ctx.app,
    dnc.accessToken,
    durenSchool('Grundschule Nörvenich', { subtype: 'grundschule', municipalityId: 'dn-titz' }),
  )
  const names = ['金华市第二中学', '义乌市小学', '兰溪体育俱乐部', '东阳职业技术学院']
  const ids: Record<string, string> = {}
  for (const n of names) {
    ids[n] = await createInstitution(
      ctx.app,
      jhc.accessToken,
      jinhuaSchool(n, {
        municipalityId: 'jh-panan',
        description: { original: { lang: 'zh', text: `${n}欢迎德国伙伴。` }, translations: [] },
      }),
    )
    await officerAct(ctx.app, oj.accessToken, ids[n]!, 'verify')
  }
  const dnIds: Record<string, string> = {}
  for (const [n, d] of [
    ['Städtisches Gymnasium Jülich', 'Wir bieten Übernachtung in Gastfamilien.'],
    ['Sportverein Düren-Süd', 'Tischtennis und Fußball für Jugendliche.'],
  ] as const) {
    dnIds[n] = await createInstitution(
      ctx.app,
      dnc.accessToken,
      durenSchool(n, {
        municipalityId: 'dn-titz',
        description: { original: { lang: 'de', text: d }, translations: [] },
      }),
    )
    await officerAct(ctx.app, od.accessToken, dnIds[n]!, 'verify')
  }
  // Restricted to one municipality per side so rows of the other tests do not interfere.
  const search = async (token: string, q: string) => {
    const m = token === dnc.accessToken ? 'jh-panan' : 'dn-titz'
    const url = `/v1/search/institutions?q=${encodeURIComponent(q)}&municipalityId=${m}&limit=100`
    return json<Page>(await get(url, token))
      .items.map((i) => i.name)
      .sort()
  }

  t.same(await search(dnc.accessToken, '金华'), ['金华市第二中学'])
  t.same(await search(dnc.accessToken, '中学'), ['金华市第二中学'])
  t.same(
    await search(dnc.accessToken, '学'),
    ['东阳职业技术学院', '义乌市小学', '金华市第二中学'],
    'one character still works',
  )
  t.same(await search(dnc.accessToken, '德国伙伴'), names.slice().sort(), 'found in descriptions')
  t.same(await search(dnc.accessToken, '体育'), ['兰溪体育俱乐部'])
  t.same(
    await search(dnc.accessToken, 'Jinhua No'),
    names.slice().sort(),
    'English name translations are searched',
  )

  t.same(await search(jhc.accessToken, 'Jülich'), ['Städtisches Gymnasium Jülich'])
  t.same(await search(jhc.accessToken, 'juelich'), ['Städtisches Gymnasium Jülich'], 'umlaut transliteration')
  t.same(
    await search(jhc.accessToken, 'übernachtung'),
    ['Städtisches Gymnasium Jülich'],
    'case-insensitive, description',
  )
  t.same(await search(jhc.accessToken, 'Fußball'), ['Sportverein Düren-Süd'])
  t.same(await search(jhc.accessToken, 'Nörvenich'), [], 'pending institutions are not found')
  t.same(await search(jhc.accessToken, 'Xylophon'), [])

  // Cursor pagination visits every row once.
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: Page = json<Page>(
      await get(`/v1/search/institutions?limit=2${cursor ? `&after=${cursor}` : ''}`, dnc.accessToken),
    )
    seen.push(...page.items.map((i) => i.id))
    cursor = page.nextCursor
  } while (cursor)
  t.ok(seen.length >= names.length && new Set(seen).size === seen.length, 'pages do not overlap')
})

t.test('cross-field validation names each offending field', async (t) => {
  const c = await registerCoordinator(ctx.app, 'val@example.org')
  const id = await createInstitution(ctx.app, c.accessToken, durenSchool('Gesamtschule Langerwehe'))
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/v1/institutions/${id}/interests`,
    headers: bearer(c.accessToken),
    payload: interestBody({
      ageMin: 18,
      ageMax: 12,
      groupMin: 20,
      groupMax: 10,
      durationMinDays: 10,
      durationMaxDays: 5,
      hostingGuests: -1,
      windows: [{ start: '2020-01-10', end: '2020-01-01' }],
      languages: [
        { lang: 'en', level: 'basic' },
        { lang: 'en', level: 'fluent' },
      ],
    }),
  })
  t.equal(res.statusCode, 400)
  t.match(String(res.headers['content-type']), /application\/problem\+json/)
  const body = json<{ code: string; errors: { field: string; message: string }[] }>(res)
  t.equal(body.code, 'REQUEST_VALIDATION')
  const fields = body.errors.map((e) => e.field)
  for (const f of [
    'ageMin',
    'groupMin',
    'durationMinDays',
    'hostingGuests',
    'windows.0.start',
    'windows.0.end',
    'languages.1.lang',
  ])
    t.ok(fields.includes(f), `names ${f}`)

  const profile = await ctx.app.inject({
    method: 'PATCH',
    url: `/v1/institutions/${id}`,
    headers: bearer(c.accessToken),
    payload: { subtype: 'senior_high', municipalityId: 'jh-yiwu' },
  })
  t.equal(profile.statusCode, 400)
  t.same(
    json<{ errors: { field: string }[] }>(profile)
      .errors.map((e) => e.field)
      .sort(),
    ['municipalityId', 'subtype'],
  )
  const noConsent = await ctx.app.inject({
    method: 'POST',
    url: '/v1/institutions',
    headers: bearer(c.accessToken),
    payload: durenSchool('Hauptschule Titz', { subtype: 'hauptschule', contactConsent: false }),
  })
  t.same(
    json<{ errors: { field: string }[] }>(noConsent).errors.map((e) => e.field),
    ['contactConsent'],
  )
})

t.test('interests: update, re-confirm, the other side sees open ones only', async (t) => {
  const c = await registerCoordinator(ctx.app, 'int@example.org')
  const id = await createInstitution(
    ctx.app,
    c.accessToken,
    durenSchool('Berufskolleg Jülich', { subtype: 'berufskolleg' }),
  )
  const i1 = await createInterest(ctx.app, c.accessToken, id)
  const patched = await ctx.app.inject({
    method: 'PATCH',
    url: `/v1/interests/${i1}`,
    headers: bearer(c.accessToken),
    payload: { status: 'paused', ageMax: 13 },
  })
  t.equal(patched.statusCode, 400, 'ageMax below ageMin')
  t.same(
    json<{ errors: { field: string }[] }>(patched).errors.map((e) => e.field),
    ['ageMin'],
  )
  const ok = await ctx.app.inject({
    method: 'PATCH',
    url: `/v1/interests/${i1}`,
    headers: bearer(c.accessToken),
    payload: { status: 'paused' },
  })
  t.equal(json<{ status: string }>(ok).status, 'paused')
  t.equal(json<Page>(await get(`/v1/institutions/${id}/interests`, c.accessToken)).items.length, 1)
})

t.test(
  'admins editing an institution or its interests are audited; members editing their own are not',
  async (t) => {
    const c = await registerCoordinator(ctx.app, 'audit.member@example.org')
    const admin = await createStaff(ctx.app, 'admin.audit@example.org', 'admin')
    const id = await createInstitution(ctx.app, c.accessToken, durenSchool('Realschule Inden'))
    const own = await createInterest(ctx.app, c.accessToken, id)
    const patch = (token: string, url: string, payload: object) =>
      ctx.app.inject({ method: 'PATCH', url, headers: bearer(token), payload })
    t.equal((await patch(c.accessToken, `/v1/interests/${own}`, { status: 'paused' })).statusCode, 200)
    const byAdmin = await createInterest(ctx.app, admin.accessToken, id)
    t.equal(
      (await patch(admin.accessToken, `/v1/interests/${byAdmin}`, { status: 'paused' })).statusCode,
      200,
    )
    t.equal(
      (await patch(admin.accessToken, `/v1/institutions/${id}`, { website: 'https://inden.example' }))
        .statusCode,
      200,
    )
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/interests/${byAdmin}`,
      headers: bearer(admin.accessToken),
    })
    t.equal(del.statusCode, 204)
    const rows = await ctx.app.dbHandle.sql<{ actor_id: string; action: string; entity_id: string }[]>`
    select actor_id, action, entity_id from audit_log
    where action in ('interest.created', 'interest.updated', 'interest.deleted', 'institution.updated')
      and entity_id in (${id}, ${own}, ${byAdmin})
    order by id`
    t.same(
      rows.map((r) => [r.action, r.entity_id, r.actor_id]),
      [
        ['interest.created', byAdmin, admin.id],
        ['interest.updated', byAdmin, admin.id],
        ['institution.updated', id, admin.id],
        ['interest.deleted', byAdmin, admin.id],
      ],
    )
  },
)

t.test('invitations: accept, expiry, wrong address, last-owner rule', async (t) => {
  const owner = await registerCoordinator(ctx.app, 'owner@example.org')
  const colleague = await registerCoordinator(ctx.app, 'colleague@example.org')
  const stranger = await registerCoordinator(ctx.app, 'stranger@example.org')
  const id = await createInstitution(
    ctx.app,
    owner.accessToken,
    durenSchool('Sekundarschule Nideggen', { subtype: 'sekundarschule' }),
  )
  const invite = (email: string, role = 'member', token = owner.accessToken) =>
    ctx.app.inject({
      method: 'POST',
      url: `/v1/institutions/${id}/invitations`,
      headers: bearer(token),
      payload: { email, role },
    })
  const tokenFor = async (invitationId: string) => invitationToken(ctx.app, invitationId)
  const accept = (token: string, as: string) =>
    ctx.app.inject({ method: 'POST', url: '/v1/invitations/accept', headers: bearer(as), payload: { token } })

  t.equal(
    (await invite('x@example.org', 'member', colleague.accessToken)).statusCode,
    404,
    'non-members cannot invite',
  )
  const inv = json<{ id: string }>(await invite('Colleague@Example.org', 'owner'))
  const token = await tokenFor(inv.id)
  const [event] = await ctx.app.dbHandle
    .sql`select payload from outbox where payload->>'invitationId' = ${inv.id}`
  t.match(event!.payload, {
    type: 'membership.invited',
    audience: { emails: [{ email: 'Colleague@Example.org' }] },
  })
  t.equal((await accept(token, stranger.accessToken)).statusCode, 409, 'bound to the invited address')
  const accepted = await accept(token, colleague.accessToken)
  t.same(json(accepted), { institutionId: id, role: 'owner' })
  t.equal((await accept(token, colleague.accessToken)).statusCode, 401, 'single use')

  const late = json<{ id: string }>(await invite('stranger@example.org'))
  await ctx.app.dbHandle
    .sql`update invitations set expires_at = now() - interval '1 minute' where id = ${late.id}`
  const expired = await accept(await tokenFor(late.id), stranger.accessToken)
  t.equal(expired.statusCode, 409)
  t.match(json<{ detail: string }>(expired).detail, /expired/)

  const members = json<{ items: { userId: string; role: string }[] }>(
    await get(`/v1/institutions/${id}/members`, owner.accessToken),
  )
  t.same(
    members.items.map((m) => m.role),
    ['owner', 'owner'],
  )
  const remove = (userId: string, as: string) =>
    ctx.app.inject({ method: 'DELETE', url: `/v1/institutions/${id}/members/${userId}`, headers: bearer(as) })
  t.equal((await remove(colleague.id, owner.accessToken)).statusCode, 204)
  const last = await remove(owner.id, owner.accessToken)
  t.equal(last.statusCode, 409, 'the last owner cannot leave')
  t.match(json<{ detail: string }>(last).detail, /at least one owner/)
})

t.test('export and account deletion', async (t) => {
  const a = await registerCoordinator(ctx.app, 'export.a@example.org')
  const b = await registerCoordinator(ctx.app, 'export.b@example.org')
  const id = await createInstitution(
    ctx.app,
    a.accessToken,
    durenSchool('Gymnasium Linnich', {
      contact: { name: 'A', role: 'Lehrerin', email: 'export.a@example.org' },
    }),
  )
  await createInterest(ctx.app, a.accessToken, id)
  const exp = await get('/v1/me/export', a.accessToken)
  t.equal(exp.statusCode, 200)
  const data = json<{ account: { email: string }; institutions: { id: string; interests: unknown[] }[] }>(exp)
  t.equal(data.account.email, 'export.a@example.org')
  t.same(
    data.institutions.map((i) => [i.id, i.interests.length]),
    [[id, 1]],
  )

  const del = (password: string, token = a.accessToken) =>
    ctx.app.inject({ method: 'DELETE', url: '/v1/me', headers: bearer(token), payload: { password } })
  t.equal((await del('wrong password 123')).statusCode, 401)
  const refused = await del(PASSWORD)
  t.equal(refused.statusCode, 409, 'last owner must hand over first')
  t.match(json<{ detail: string }>(refused).detail, /Gymnasium Linnich/)

  const inv = await ctx.app.inject({
    method: 'POST',
    url: `/v1/institutions/${id}/invitations`,
    headers: bearer(a.accessToken),
    payload: { email: 'export.b@example.org', role: 'owner' },
  })
  await ctx.app.inject({
    method: 'POST',
    url: '/v1/invitations/accept',
    headers: bearer(b.accessToken),
    payload: { token: invitationToken(ctx.app, json<{ id: string }>(inv).id) },
  })

  t.equal((await del(PASSWORD)).statusCode, 204)
  const [user] = await ctx.app.dbHandle
    .sql`select email, display_name, password_hash, status from users where id = ${a.id}`
  t.match(user, {
    email: /^deleted-.*@deleted\.invalid$/,
    display_name: 'deleted user',
    password_hash: null,
    status: 'deleted',
  })
  t.equal((await get('/v1/me', a.accessToken)).statusCode, 401, 'sessions revoked')
  await t.rejects(login(ctx.app, 'export.a@example.org'))
  const audit = await ctx.app.dbHandle
    .sql`select actor_id, actor_label from audit_log where entity_id = ${id}`
  t.same(
    audit.map((r) => [r.actor_id, r.actor_label]),
    [[null, '[deleted user]']],
    'audit kept, person replaced',
  )
  const inst = json<{ contact: unknown }>(await get(`/v1/institutions/${id}`, b.accessToken))
  t.equal(inst.contact, null, "the deleted user's own contact entry is removed")
  const left = await ctx.app.dbHandle.sql`select count(*)::int as n from memberships where user_id = ${a.id}`
  t.equal(left[0]!.n, 0)
})

t.test('canSeeContact: members yes, the other side not without a partnership', async (t) => {
  const dn = await registerCoordinator(ctx.app, 'contact.dn@example.org')
  const jh = await registerCoordinator(ctx.app, 'contact.jh@example.org')
  const a = await createInstitution(ctx.app, dn.accessToken, durenSchool('Gymnasium Kreuzau'))
  const b = await createInstitution(ctx.app, jh.accessToken, jinhuaSchool('兰溪市第一中学'))
  t.equal(await canSeeContact(ctx.app.db, [a], a), true)
  t.equal(await canSeeContact(ctx.app.db, [b], a), false)
  t.equal(await canSeeContact(ctx.app.db, [], a), false)
})
