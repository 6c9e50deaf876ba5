import { writeOutbox } from '@dj/outbox'
import { bearer, createStaff, json, registerCoordinator, startTestApp, type TestContext } from '@dj/stack'
import t from 'tap'

let ctx: TestContext
t.before(async () => {
  ctx = await startTestApp('notifications')
})
t.teardown(() => ctx.close())

const sql = () => ctx.app.dbHandle.sql

/** Inbox rows with stored text (as rows from before events were stored; rendering is tested below). */
async function seedInbox(userId: string, n: number, label: string) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const [row] = await sql()<{ id: string }[]>`
      insert into notifications (user_id, event_type, title, body, link, created_at)
      values (${userId}, 'institution.verified', ${`${label} ${i}`}, 'body', 'https://w/x',
        now() - ${`${n - i} minutes`}::interval)
      returning id`
    ids.push(row!.id)
  }
  return ids
}

t.test('inbox: cursor pages, unread count, mark read, read-all, only my own', async (t) => {
  const anna = await registerCoordinator(ctx.app, 'anna.inbox@example.org')
  const li = await registerCoordinator(ctx.app, 'li.inbox@example.org', { locale: 'zh' })
  await seedInbox(anna.id, 5, 'anna')
  const [liItem] = await seedInbox(li.id, 1, 'li')
  const get = (url: string, token: string) => ctx.app.inject({ method: 'GET', url, headers: bearer(token) })
  const post = (url: string, token: string) => ctx.app.inject({ method: 'POST', url, headers: bearer(token) })

  const titles: string[] = []
  let cursor: string | null = null
  let pages = 0
  do {
    const res = await get(`/v1/notifications?limit=2${cursor ? `&cursor=${cursor}` : ''}`, anna.accessToken)
    t.equal(res.statusCode, 200)
    const body = json<{ items: { title: string; read: boolean }[]; nextCursor: string | null }>(res)
    titles.push(...body.items.map((i) => i.title))
    cursor = body.nextCursor
    pages += 1
  } while (cursor && pages < 10)
  t.same(
    titles,
    ['anna 4', 'anna 3', 'anna 2', 'anna 1', 'anna 0'],
    'newest first, each once, across 3 pages',
  )
  t.equal(pages, 3)

  const count = async (token: string) =>
    json<{ unread: number }>(await get('/v1/notifications/unread-count', token)).unread
  t.equal(await count(anna.accessToken), 5)
  t.equal(await count(li.accessToken), 1)

  const first = json<{ items: { id: string }[] }>(await get('/v1/notifications?limit=1', anna.accessToken))
  const read = await post(`/v1/notifications/${first.items[0]!.id}/read`, anna.accessToken)
  t.equal(read.statusCode, 200)
  t.equal(json<{ unread: number }>(read).unread, 4)
  t.equal(
    (await post(`/v1/notifications/${first.items[0]!.id}/read`, anna.accessToken)).statusCode,
    200,
    'idempotent',
  )

  const foreign = await post(`/v1/notifications/${liItem}/read`, anna.accessToken)
  t.equal(foreign.statusCode, 404, "someone else's notification is not found")
  t.equal(await count(li.accessToken), 1, 'and stays unread')

  const unreadOnly = json<{ items: unknown[] }>(await get('/v1/notifications?unread=true', anna.accessToken))
  t.equal(unreadOnly.items.length, 4)
  const all = await post('/v1/notifications/read-all', anna.accessToken)
  t.same(json(all), { marked: 4, unread: 0 })
  t.equal(await count(li.accessToken), 1, "read-all touches only the caller's")
  const liList = json<{ items: { title: string }[] }>(await get('/v1/notifications', li.accessToken))
  t.same(
    liList.items.map((i) => i.title),
    ['li 0'],
  )
  t.equal((await get('/v1/notifications?cursor=bm9wZQ', anna.accessToken)).statusCode, 400, 'bad cursor')
  t.equal((await ctx.app.inject({ method: 'GET', url: '/v1/notifications' })).statusCode, 401)
})

t.test('crafted inbox cursors answer 400 problem+json, never 500 (issue 11)', async (t) => {
  const anna = await registerCoordinator(ctx.app, 'anna.cursor@example.org')
  await seedInbox(anna.id, 3, 'c')
  const uuid = '3f0e6a8e-1c2b-4d5e-8f90-0123456789ab'
  const b64 = (text: string) => Buffer.from(text).toString('base64url')
  const keyset = (at: string, id = uuid) => b64(JSON.stringify({ s: 'created.desc', k: [at, id] }))
  const crafted = {
    'the old "0|<uuid>"': b64(`0|${uuid}`),
    'a date JavaScript rolls over (Feb 30)': keyset('2026-02-30T00:00:00.000000Z'),
    'year 0': keyset('0000-01-01T00:00:00.000000Z'),
    'a uuid of dashes': keyset('2026-01-01T00:00:00.000000Z', '-'.repeat(36)),
  }
  for (const [name, cursor] of Object.entries(crafted)) {
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/v1/notifications?cursor=${cursor}`,
      headers: bearer(anna.accessToken),
    })
    t.equal(res.statusCode, 400, name)
    t.match(String(res.headers['content-type']), /^application\/problem\+json/)
  }
})

t.test(
  "inbox entries are rendered when read: in the reader's language and zone, anew after a change",
  async (t) => {
    const li = await registerCoordinator(ctx.app, 'li.render@example.org', {
      locale: 'zh',
      timeZone: 'Asia/Shanghai',
    })
    const meeting = {
      type: 'meeting.scheduled',
      audience: { userIds: [li.id] },
      meetingId: '7b0c3c52-1f8e-4bb4-9a36-2a3c0a6c0009',
      uid: 'meeting-7b0c3c52@dj-exchange',
      sequence: 0,
      title: 'Kennenlernen',
      time: { start: '2026-03-25T08:00:00Z', end: '2026-03-25T09:00:00Z' },
      organizerEmail: 'officer@kreis-dueren.de',
    }
    await sql()`
    insert into notifications (outbox_id, user_id, event_type, payload)
    values (gen_random_uuid(), ${li.id}, 'meeting.scheduled', ${JSON.stringify(meeting)}::jsonb)`
    const inbox = async () =>
      json<{ items: { title: string; body: string; link: string | null }[] }>(
        await ctx.app.inject({ method: 'GET', url: '/v1/notifications', headers: bearer(li.accessToken) }),
      ).items
    const [zh] = await inbox()
    t.match(zh!.title, /会议已安排：Kennenlernen/)
    t.match(zh!.body, /16:00/, '08:00 UTC shown as 16:00 in Shanghai')
    t.match(zh!.link, /\/meetings\/7b0c3c52-1f8e-4bb4-9a36-2a3c0a6c0009$/)
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: bearer(li.accessToken),
      payload: { language: 'en' },
    })
    t.equal(put.statusCode, 200)
    const [en] = await inbox()
    t.match(en!.title, /Kennenlernen/)
    t.notMatch(en!.title, /会议/, 'the same entry, now in English')
    t.match(en!.body, /16:00/)
    await sql()`update users set time_zone = 'Europe/Berlin' where id = ${li.id}`
    const [berlin] = await inbox()
    t.match(
      berlin!.body,
      /09:00/,
      'and in the zone the reader has now (CET before the switch to summer time)',
    )
    // An event no template renders any more (a retired type) still shows, under its type.
    await sql()`
      insert into notifications (outbox_id, user_id, event_type, payload, created_at)
      values (gen_random_uuid(), ${li.id}, 'retired.type', '{"type":"retired.type"}'::jsonb,
        now() + interval '1 minute')`
    const [retired, ...rest] = await inbox()
    t.same(retired, { ...retired, title: 'retired.type', body: '', link: null })
    t.equal(rest.length, 1, 'the other entry still renders')
  },
)

t.test('preferences: defaults from the account, switch channels, digest, quiet hours', async (t) => {
  const u = await registerCoordinator(ctx.app, 'prefs@example.org', { locale: 'de-simple' })
  const get = () =>
    ctx.app.inject({ method: 'GET', url: '/v1/me/notification-preferences', headers: bearer(u.accessToken) })
  const put = (payload: object) =>
    ctx.app.inject({
      method: 'PUT',
      url: '/v1/me/notification-preferences',
      headers: bearer(u.accessToken),
      payload,
    })
  type Prefs = {
    language: string
    languageOverride: string | null
    mode: string
    quietHours: { start: string; end: string } | null
    channels: Record<string, { email: boolean; inApp: boolean; locked: boolean }>
  }
  const defaults = json<Prefs>(await get())
  t.equal(defaults.language, 'de-simple', 'language defaults to the account locale')
  t.equal(defaults.languageOverride, null)
  t.equal(defaults.mode, 'immediate')
  t.equal(defaults.quietHours, null)
  t.same(defaults.channels['proposal.created'], { email: true, inApp: true, locked: false })
  t.same(defaults.channels['auth.password_changed'], { email: true, inApp: true, locked: true })
  t.notOk('digest.due' in defaults.channels)

  const res = await put({
    language: 'zh',
    mode: 'daily',
    quietHours: { start: '22:00', end: '07:00' },
    channels: { 'proposal.created': { email: false }, 'meeting.scheduled': { inApp: false } },
  })
  t.equal(res.statusCode, 200)
  const saved = json<Prefs>(res)
  t.equal(saved.language, 'zh')
  t.equal(saved.mode, 'daily')
  t.same(saved.quietHours, { start: '22:00', end: '07:00' })
  t.same(saved.channels['proposal.created'], { email: false, inApp: true, locked: false })
  t.same(saved.channels['meeting.scheduled'], { email: true, inApp: false, locked: false })
  const [row] = await sql()<{ locale: string; mode: string; quiet_start: string; channels: unknown }[]>`
    select locale, mode, quiet_start, channels from notification_preferences where user_id = ${u.id}`
  t.same(row, {
    locale: 'zh',
    mode: 'daily',
    quiet_start: '22:00',
    channels: {
      'proposal.created': { email: false, inApp: true },
      'meeting.scheduled': { email: true, inApp: false },
    },
  })

  const partial = json<Prefs>(await put({ channels: { 'proposal.created': { email: true } } }))
  t.equal(partial.mode, 'daily', 'fields left out keep their value')
  t.same(partial.channels['proposal.created'], { email: true, inApp: true, locked: false })
  const reset = json<Prefs>(await put({ language: null, quietHours: null }))
  t.equal(reset.language, 'de-simple')
  t.equal(reset.quietHours, null)

  t.equal((await put({ channels: { 'auth.password_reset_requested': { email: false } } })).statusCode, 400)
  t.equal((await put({ channels: { 'no.such': { email: false } } })).statusCode, 400)
  t.equal((await put({ quietHours: { start: '25:00', end: '07:00' } })).statusCode, 400)
  t.equal((await put({ mode: 'weekly' })).statusCode, 400)
})

t.test('admins list failed notifications and retry them; others may not', async (t) => {
  const admin = await createStaff(ctx.app, 'admin.notify@example.org', 'admin')
  const coord = await registerCoordinator(ctx.app, 'coord.notify@example.org')
  const event = {
    type: 'institution.verified' as const,
    audience: { userIds: [coord.id] },
    institution: { id: '3f0e4b1c-0000-4000-8000-000000000001', name: 'Schule', side: 'duren' as const },
  }
  const [outboxId] = await writeOutbox(ctx.app.db, event)
  await sql()`update outbox set done_at = now(), dispatched_at = now() where id = ${outboxId!}`
  const [d] = await sql()<{ id: string }[]>`
    insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status, attempts, last_error, payload)
    values (${`${outboxId}:${coord.id}:email`}, ${outboxId!}, 'institution.verified', ${coord.id}, 'coord.notify@example.org',
      'email', 'failed', 1, 'EENVELOPE 550: No such user here', ${JSON.stringify(event)}::jsonb)
    returning id`

  const list = (token: string) =>
    ctx.app.inject({ method: 'GET', url: '/v1/admin/notifications/failed', headers: bearer(token) })
  t.equal((await list(coord.accessToken)).statusCode, 403)
  const failed = json<{ items: { id: string; lastError: string; eventType: string }[] }>(
    await list(admin.accessToken),
  )
  t.equal(failed.items.length, 1)
  t.equal(failed.items[0]!.id, d!.id)
  t.match(failed.items[0]!.lastError, /550/)

  const retry = (id: string, token = admin.accessToken) =>
    ctx.app.inject({ method: 'POST', url: `/v1/admin/notifications/${id}/retry`, headers: bearer(token) })
  t.equal((await retry(d!.id, coord.accessToken)).statusCode, 403)
  const ok = await retry(d!.id)
  t.equal(ok.statusCode, 202)
  t.same(json(ok), { deliveryId: d!.id, status: 'pending', queued: true })
  const [after] = await sql()<{ status: string; done: boolean; dispatched: boolean }[]>`
    select d.status, o.done_at is not null as done, o.dispatched_at is not null as dispatched
    from deliveries d join outbox o on o.id = d.outbox_id where d.id = ${d!.id}`
  t.same(
    after,
    { status: 'pending', done: false, dispatched: false },
    'delivery pending, outbox row re-opened',
  )
  const job = await ctx.app.producers.queue('notify').getJob(outboxId!)
  t.ok(job, 'a notify job for the outbox row is queued')
  t.same(job!.data, { outboxId, event })
  t.equal((await retry(d!.id)).statusCode, 409, 'only failed deliveries')
  t.equal((await retry('3f0e4b1c-0000-4000-8000-0000000000ff')).statusCode, 404)
  t.equal(json<{ items: unknown[] }>(await list(admin.accessToken)).items.length, 0)
  const [audit] = await sql()<{ n: number }[]>`
    select count(*)::int as n from audit_log where action = 'notification.retried' and entity_id = ${d!.id}`
  t.equal(audit!.n, 1, 'audited')
})

t.test('admins see queue counts', async (t) => {
  const admin = await createStaff(ctx.app, 'admin.queues@example.org', 'admin')
  const coord = await registerCoordinator(ctx.app, 'coord.queues@example.org')
  const res = await ctx.app.inject({
    method: 'GET',
    url: '/v1/admin/queues',
    headers: bearer(admin.accessToken),
  })
  t.equal(res.statusCode, 200)
  const body = json<{ queues: { name: string; counts: Record<string, number> }[] }>(res)
  const notify = body.queues.find((q) => q.name === 'notify')
  t.ok(notify, 'notify queue listed')
  t.type(notify!.counts['failed'], 'number')
  t.equal(
    (await ctx.app.inject({ method: 'GET', url: '/v1/admin/queues', headers: bearer(coord.accessToken) }))
      .statusCode,
    403,
  )
})

t.test('Bull Board at /admin/queues: admin bearer or the signed cookie, nobody else', async (t) => {
  const admin = await createStaff(ctx.app, 'admin.board@example.org', 'admin')
  const coord = await registerCoordinator(ctx.app, 'coord.board@example.org')
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers })
  t.equal((await get('/admin/queues')).statusCode, 401, 'anonymous')
  t.equal((await get('/admin/queues', bearer(coord.accessToken))).statusCode, 403, 'coordinator')
  const page = await get('/admin/queues', bearer(admin.accessToken))
  t.equal(page.statusCode, 200, 'admin with bearer')
  t.match(page.headers['content-type'], /text\/html/)
  const api = await get('/admin/queues/api/queues', bearer(admin.accessToken))
  t.equal(api.statusCode, 200)
  t.match(api.body, /"name":"notify"/)

  const session = await ctx.app.inject({
    method: 'POST',
    url: '/v1/admin/queues/session',
    headers: bearer(admin.accessToken),
  })
  t.equal(session.statusCode, 204)
  const cookie = String(session.headers['set-cookie']).split(';')[0]!
  t.match(String(session.headers['set-cookie']), /HttpOnly; SameSite=Strict/)
  t.equal((await get('/admin/queues/api/queues', { cookie })).statusCode, 200, 'the cookie opens the board')
  t.equal(
    (await get('/admin/queues', { cookie: `${cookie}x` })).statusCode,
    403,
    'a tampered cookie does not',
  )
  const denied = await ctx.app.inject({
    method: 'POST',
    url: '/v1/admin/queues/session',
    headers: bearer(coord.accessToken),
  })
  t.equal(denied.statusCode, 403)
})
