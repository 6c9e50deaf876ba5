// The exchange itself (issue 13) end to end: an event written to the outbox as the API or the
// scheduler writes it reaches exactly its audience, by mail and in the inbox, in each reader's
// language, and respects their preferences. The scheduler-only events never reach the notifier.
import { type Locale, renderInApp } from '@dj/messages'
import { writeOutbox } from '@dj/outbox'
import { type DomainEvent, EVENT_SUBSCRIBERS } from '@dj/queue'
import { waitFor } from '@dj/testkit'
import t from 'tap'
import type { App } from '../src/app.js'
import {
  createInstitution,
  createUser,
  emit,
  mailsTo,
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
  env = await startEnv('notify_exchange')
  app = await startNotifier(env)
})
t.teardown(async () => {
  await app.close()
  await env.close()
})

async function inboxOf(userId: string) {
  const rows = await env.handle.sql<{ payload: DomainEvent; locale: Locale; time_zone: string }[]>`
    select n.payload, coalesce(p.locale, u.locale) as locale, u.time_zone
    from notifications n join users u on u.id = n.user_id
    left join notification_preferences p on p.user_id = u.id
    where n.user_id = ${userId} order by n.created_at`
  return rows.map((r) => renderInApp(r.payload, { locale: r.locale, timeZone: r.time_zone }, WEB))
}

/** Two partner institutions with a coordinator each, the offices of both sides and a stranger. */
async function cast() {
  const anna = await createUser(env, { locale: 'de' })
  const li = await createUser(env, { locale: 'zh', timeZone: 'Asia/Shanghai' })
  const stranger = await createUser(env, { locale: 'en' })
  const officerDu = await createUser(env, { role: 'officer', side: 'duren', locale: 'de-simple' })
  const officerJh = await createUser(env, { role: 'officer', side: 'jinhua', locale: 'en' })
  const school = await createInstitution(env, 'Gymnasium am Wirteltor', 'duren', [anna.id])
  const club = await createInstitution(env, '金华第一中学', 'jinhua', [li.id])
  await createInstitution(env, 'Realschule Jülich', 'duren', [stranger.id])
  return { anna, li, stranger, officerDu, officerJh, school, club }
}

const deliver = async (event: DomainEvent) => {
  const id = await emit(env, event)
  await waitFor(() => outboxDone(env, id), { what: `${event.type} delivered` })
}

t.test('a checklist item due: both institutions, a calendar day in each language', async (t) => {
  const c = await cast()
  await deliver({
    type: 'trip.checklist_due',
    audience: { institutionIds: [c.school.id, c.club.id] },
    tripPlanId: '7c1e0f4a-0000-4000-8000-000000000001',
    partnershipId: '7c1e0f4a-0000-4000-8000-000000000002',
    itemKey: 'visa_f',
    dueDate: '2027-03-01',
    step: 1,
  })
  const [de] = mailsTo(env.sink, c.anna.email)
  t.match(de!.subject, 'Checkliste der Reise: Visum für China (F-Visum) bis Mo., 01.03.2027')
  t.match(de!.text, `${WEB}/partnerships/7c1e0f4a-0000-4000-8000-000000000002/trips/`)
  const [zh] = mailsTo(env.sink, c.li.email)
  t.match(zh!.subject, '中国签证（F签证），截止 2027年3月1日 星期一')
  for (const who of [c.stranger, c.officerDu, c.officerJh])
    t.equal(mailsTo(env.sink, who.email).length, 0, 'no one outside the partnership')
  const [entry] = await inboxOf(c.li.id)
  t.match(entry?.link, /\/trips\/7c1e0f4a-0000-4000-8000-000000000001$/, 'the inbox links to the trip')
})

t.test('a filed report: the partner and the offices of both sides, not its own institution', async (t) => {
  const c = await cast()
  await deliver({
    type: 'report.filed',
    audience: { institutionIds: [c.club.id], officerSides: ['duren', 'jinhua'] },
    reportId: '7c1e0f4a-0000-4000-8000-000000000003',
    visitId: '7c1e0f4a-0000-4000-8000-000000000004',
    partnershipId: '7c1e0f4a-0000-4000-8000-000000000002',
    institutionId: c.school.id,
    institutionName: c.school.name,
  })
  t.equal(mailsTo(env.sink, c.anna.email).length, 0, 'the filing institution is not told')
  t.match(mailsTo(env.sink, c.li.email)[0]?.subject, 'Gymnasium am Wirteltor 已提交报告')
  t.match(
    mailsTo(env.sink, c.officerDu.email)[0]?.subject,
    'Gymnasium am Wirteltor hat den Bericht geschickt',
  )
  t.match(mailsTo(env.sink, c.officerJh.email)[0]?.subject, 'Gymnasium am Wirteltor filed its report')
  t.equal(mailsTo(env.sink, c.stranger.email).length, 0)
})

t.test('an overdue report: the office of that side only, and preferences apply', async (t) => {
  const c = await cast()
  await setPrefs(env, c.officerJh.id, { channels: { 'report.overdue': { email: false } } })
  await deliver({
    type: 'report.overdue',
    audience: { officerSides: ['jinhua'] },
    reportId: '7c1e0f4a-0000-4000-8000-000000000005',
    visitId: '7c1e0f4a-0000-4000-8000-000000000004',
    partnershipId: '7c1e0f4a-0000-4000-8000-000000000002',
    institutionId: c.club.id,
    institutionName: c.club.name,
    side: 'jinhua',
  })
  t.equal(mailsTo(env.sink, c.officerJh.email).length, 0, 'email switched off for this type')
  const inbox = await inboxOf(c.officerJh.id)
  t.equal(inbox.length, 1, 'still in the inbox')
  t.equal(inbox[0]?.title, 'Report overdue: 金华第一中学')
  for (const who of [c.officerDu, c.anna, c.li])
    t.equal((await inboxOf(who.id)).length, 0, 'nobody else hears of it')
})

t.test('the scheduler-only events have no audience and never reach the notifier', async (t) => {
  t.same(EVENT_SUBSCRIBERS['trip.plan_changed'], ['schedule'])
  t.same(EVENT_SUBSCRIBERS['funding.programme_changed'], ['schedule'])
  const ids = [
    ...(await writeOutbox(env.handle.db, {
      type: 'trip.plan_changed',
      tripPlanId: '7c1e0f4a-0000-4000-8000-000000000001',
      partnershipId: '7c1e0f4a-0000-4000-8000-000000000002',
    })),
    ...(await writeOutbox(env.handle.db, {
      type: 'funding.programme_changed',
      programmeId: '7c1e0f4a-0000-4000-8000-000000000006',
    })),
  ]
  const rows = await env.handle.sql<{ queue: string }[]>`
    select queue from outbox where id = any(${ids}::uuid[])`
  t.same(
    rows.map((r) => r.queue),
    ['schedule', 'schedule'],
  )
})
