import { type Locale, renderInApp } from '@dj/messages'
import { type DomainEvent, linkToken } from '@dj/queue'
import { waitFor } from '@dj/testkit'
import t from 'tap'
import type { App } from '../src/app.js'
import {
  createInstitution,
  createUser,
  emit,
  LINK_SECRET,
  mailsTo,
  meetingEvent,
  type NotifierEnvHandle,
  outboxDone,
  setPrefs,
  startEnv,
  startNotifier,
  WEB,
} from './helper/env.js'

let env: NotifierEnvHandle
let app: App
t.before(async () => {
  env = await startEnv('notify_delivery')
  app = await startNotifier(env)
})
t.teardown(async () => {
  await app.close()
  await env.close()
})

/** The user's inbox as the API shows it: each stored event rendered in their language and zone. */
async function inbox(userId: string) {
  const rows = await env.handle.sql<{ payload: DomainEvent; locale: Locale; time_zone: string }[]>`
    select n.payload, coalesce(p.locale, u.locale) as locale, u.time_zone
    from notifications n join users u on u.id = n.user_id
    left join notification_preferences p on p.user_id = u.id
    where n.user_id = ${userId} order by n.created_at`
  return rows.map((r) => renderInApp(r.payload, { locale: r.locale, timeZone: r.time_zone }, WEB))
}

t.test('meeting scheduled: members and officers, each in their language and zone, with ICS', async (t) => {
  const anna = await createUser(env, { locale: 'de', timeZone: 'Europe/Berlin' })
  const li = await createUser(env, { locale: 'zh', timeZone: 'Asia/Shanghai' })
  const officer = await createUser(env, {
    role: 'officer',
    side: 'jinhua',
    locale: 'en',
    timeZone: 'Asia/Shanghai',
  })
  const otherSide = await createUser(env, { role: 'officer', side: 'duren' })
  const disabled = await createUser(env, { status: 'disabled' })
  const a = await createInstitution(env, 'Gymnasium am Wirteltor', 'duren', [anna.id, disabled.id])
  const b = await createInstitution(env, '金华第一中学', 'jinhua', [li.id])
  const outboxId = await emit(env, meetingEvent({ institutionIds: [a.id, b.id], officerSides: ['jinhua'] }))
  await waitFor(() => outboxDone(env, outboxId), { what: 'outbox row done' })

  const [de] = mailsTo(env.sink, anna.email)
  t.ok(de, 'German member got mail')
  t.match(de!.subject, /Treffen vereinbart: Kennenlernen/)
  t.match(de!.text, 'Mi., 25.03.2026, 09:00–10:00 MEZ')
  t.match(de!.html, /<p>Das Treffen/)
  const [zh] = mailsTo(env.sink, li.email)
  t.match(zh!.subject, /会议已安排/)
  t.match(zh!.text, '2026年3月25日 星期三 16:00–17:00（北京时间）')
  const [en] = mailsTo(env.sink, officer.email)
  t.match(en!.subject, /^Meeting scheduled/)
  t.match(en!.text, 'Wed, 25 Mar 2026, 16:00–17:00 China Standard Time')
  t.equal(mailsTo(env.sink, otherSide.email).length, 0, 'officers of the other side get nothing')
  t.equal(mailsTo(env.sink, disabled.email).length, 0, 'disabled accounts get nothing')

  const ics = de!.attachments.find((x) => x.contentType.startsWith('text/calendar'))
  t.ok(ics, 'calendar part attached')
  const body = ics!.content
  t.match(body, /^BEGIN:VCALENDAR\r\n/)
  t.match(body, /\r\nMETHOD:REQUEST\r\n/)
  t.match(body, /\r\nUID:meeting-7b0c3c52@dj-exchange\r\n/)
  t.match(body, /\r\nSEQUENCE:0\r\n/)
  t.match(body, /\r\nDTSTART:20260325T080000Z\r\n/)
  t.match(body, /\r\nDTEND:20260325T090000Z\r\n/)
  t.match(body, /END:VCALENDAR\r\n$/)

  t.equal((await inbox(anna.id)).length, 1, 'in-app too')
  t.match((await inbox(li.id))[0]!.title, /会议已安排/)
  t.equal(de!.messageId.endsWith('@notify.dj-exchange.local>'), true, 'deterministic Message-ID domain')
})

t.test('cancelled meeting carries METHOD:CANCEL and the new sequence', async (t) => {
  const u = await createUser(env, { locale: 'en' })
  const id = await emit(env, meetingEvent({ userIds: [u.id] }, { type: 'meeting.cancelled', sequence: 3 }))
  await waitFor(() => outboxDone(env, id))
  const [m] = mailsTo(env.sink, u.email)
  t.match(m!.subject, /^Meeting cancelled/)
  const ics = m!.attachments.find((x) => x.contentType.startsWith('text/calendar'))!.content
  t.match(ics, /METHOD:CANCEL/)
  t.match(ics, /SEQUENCE:3/)
  t.match(ics, /STATUS:CANCELLED/)
})

t.test('verification mail: link from PUBLIC_WEB_URL, email only, in the user language', async (t) => {
  const u = await createUser(env, { locale: 'de-simple' })
  const id = await emit(env, {
    type: 'auth.email_verification_requested',
    userId: u.id,
    tokenId: 'c0ffee00-0000-4000-8000-000000000001',
    expiresAt: '2026-03-27T08:00:00Z',
  })
  await waitFor(() => outboxDone(env, id))
  const [m] = mailsTo(env.sink, u.email)
  // The event names the token row; the link carries the token derived from it.
  const token = linkToken(LINK_SECRET, 'verify_email', 'c0ffee00-0000-4000-8000-000000000001')
  t.match(m!.text, `${WEB}/verify-email?token=${token}`)
  t.match(m!.text, 'Bitte klicken Sie auf den Link.')
  t.equal((await inbox(u.id)).length, 0, 'no token in the in-app inbox')
})

t.test('invitation goes to a bare address in the given language', async (t) => {
  const inviter = await createUser(env)
  const inst = await createInstitution(env, 'Realschule Jülich', 'duren', [inviter.id])
  const id = await emit(env, {
    type: 'membership.invited',
    audience: { emails: [{ email: 'Neu@Example.org', locale: 'en', timeZone: 'Europe/Berlin' }] },
    invitationId: 'b6d8e8e0-7c89-4e1b-8f5b-000000000001',
    institution: inst,
    invitedByName: 'Anna Schmitz',
    expiresAt: '2026-04-01T10:00:00Z',
  })
  await waitFor(() => outboxDone(env, id))
  const [m] = mailsTo(env.sink, 'neu@example.org')
  t.match(m!.subject, 'Invitation to join Realschule Jülich')
  const token = linkToken(LINK_SECRET, 'invitation', 'b6d8e8e0-7c89-4e1b-8f5b-000000000001')
  t.match(m!.text, `${WEB}/invitations/accept?token=${token}`)
  t.match(m!.text, 'Wed, 1 Apr 2026, 12:00 CEST')
})

t.test('preferences switch channels off per event type; language preference wins', async (t) => {
  const u = await createUser(env, { locale: 'de' })
  await setPrefs(env, u.id, {
    locale: 'en',
    channels: { 'institution.verified': { email: false }, 'institution.reinstated': { inApp: false } },
  })
  const inst = {
    id: 'f3a1c5e2-0000-4000-8000-000000000001',
    name: 'Kita Sonnenschein',
    side: 'duren' as const,
  }
  const v = await emit(env, {
    type: 'institution.verified',
    audience: { userIds: [u.id] },
    institution: inst,
  })
  const r = await emit(env, {
    type: 'institution.reinstated',
    audience: { userIds: [u.id] },
    institution: inst,
  })
  await waitFor(async () => (await outboxDone(env, v)) && outboxDone(env, r))
  const mails = mailsTo(env.sink, u.email)
  t.same(
    mails.map((m) => m.subject),
    ['Kita Sonnenschein is active again'],
    'only the reinstated mail, in English',
  )
  const items = await inbox(u.id)
  t.same(
    items.map((i) => i.title),
    ['Kita Sonnenschein has been verified'],
    'only the verified in-app item',
  )
})

t.test('the same event dispatched twice (relay re-dispatch, a second job) is delivered once', async (t) => {
  const u = await createUser(env, { locale: 'en' })
  const event = {
    type: 'institution.suspended' as const,
    audience: { userIds: [u.id] },
    institution: { id: 'f3a1c5e2-0000-4000-8000-000000000002', name: 'TSV Düren', side: 'duren' as const },
    reason: 'Unterlagen fehlen',
  }
  const id = await emit(env, event)
  await app.notifier.producers.add(
    'notify',
    'outbox.event',
    { outboxId: id, event },
    { jobId: `${id}-dup-a` },
  )
  await app.notifier.producers.add(
    'notify',
    'outbox.event',
    { outboxId: id, event },
    { jobId: `${id}-dup-b` },
  )
  await waitFor(() => outboxDone(env, id))
  // Let the extra jobs finish too before counting.
  await waitFor(
    async () => (await app.notifier.producers.queue('notify').getJobCounts('active', 'wait')).wait === 0,
  )
  await new Promise((r) => setTimeout(r, 300))
  t.equal(mailsTo(env.sink, u.email).length, 1, 'one mail')
  t.equal((await inbox(u.id)).length, 1, 'one inbox row')
  const [d] = await env.handle.sql<{ n: number }[]>`
    select count(*)::int as n from deliveries where outbox_id = ${id}`
  t.equal(d!.n, 1, 'one email delivery record (the inbox row is the in-app one)')
})

t.test(
  'permanent SMTP failure: recorded as failed, not retried, job kept failed; an admin retry delivers once',
  async (t) => {
    const u = await createUser(env, { email: 'gibtsnicht@example.org', locale: 'en' })
    env.sink.rejectRecipients.add(u.email)
    const id = await emit(env, {
      type: 'institution.verified',
      audience: { userIds: [u.id] },
      institution: { id: 'f3a1c5e2-0000-4000-8000-000000000003', name: 'Musikschule', side: 'duren' },
    })
    await waitFor(() => outboxDone(env, id))
    const [d] = await env.handle.sql<{ status: string; attempts: number; last_error: string }[]>`
    select status, attempts, last_error from deliveries where outbox_id = ${id} and channel = 'email'`
    t.equal(d!.status, 'failed')
    t.equal(d!.attempts, 1, 'not retried')
    t.match(d!.last_error, /550/)
    const job = await app.notifier.producers.queue('notify').getJob(id)
    t.equal(await job!.getState(), 'failed', 'the job is kept in the failed set')
    t.equal(job!.attemptsMade, 1)
    env.sink.rejectRecipients.delete(u.email)

    // What POST /v1/admin/notifications/:id/retry does (services/api domains/notifications/admin.ts):
    // failed → pending, outbox row re-opened, the failed job replaced by a fresh one.
    await env.handle
      .sql`update deliveries set status = 'pending' where outbox_id = ${id} and status = 'failed'`
    await env.handle.sql`update outbox set done_at = null, dispatched_at = null where id = ${id}`
    await app.notifier.producers.queue('notify').remove(id)
    await app.notifier.producers.add(
      'notify',
      'outbox.event',
      { outboxId: id, event: job!.data.event },
      { jobId: id },
    )
    await waitFor(() => outboxDone(env, id), { what: 'retried delivery done' })
    t.equal(mailsTo(env.sink, u.email).length, 1, 'the retry delivered the mail once')
    const [after] = await env.handle.sql<{ status: string }[]>`
    select status from deliveries where outbox_id = ${id} and channel = 'email'`
    t.equal(after!.status, 'sent')
    const [inbox] = await env.handle.sql<
      { n: number }[]
    >`select count(*)::int as n from notifications where user_id = ${u.id}`
    t.equal(inbox!.n, 1, 'the in-app item was not duplicated by the retry')
  },
)

t.test('health and readiness', async (t) => {
  const health = await app.inject({ method: 'GET', url: '/health' })
  t.same(health.json(), { status: 'ok' })
  const ready = await app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready', checks: { postgres: 'ok', redis: 'ok', worker: 'ok' } })
})
