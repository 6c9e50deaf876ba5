// What the platform says about events, as the notifier (mails) and the API (inbox) render it.
import { readFileSync } from 'node:fs'
import { LOCALES, type Locale, MESSAGE_TYPES } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
import {
  bearer,
  createInstitution,
  createInterest,
  createStaff,
  durenSchool,
  interestBody,
  jinhuaSchool,
  json,
  proposedMeeting,
  registerCoordinator,
  renderDigest,
  renderEmail,
} from '@dj/stack'
import t from 'tap'
import { type Stack, startStack } from './helper/stack.js'
import { anonymousSession, type WebSession, webGet, webSignIn } from './helper/web-session.js'

// Issue 16, deliverable 2 and finding 3: every notification links to the thing it is about. Real
// API calls write the events (outbox rows with real ids and audiences); the few events only the
// matcher or the scheduler write are built here with real ids. Every template is rendered as a
// mail in every language, and every link in it (the action and the footer) is followed, signed
// in as each recipient: each answers 200. The inbox's links are followed the same way.

let stack: Stack
const PASSWORD = 'correct horse battery'
const app = () => stack.api.app
t.before(async () => {
  stack = await startStack('notification-links')
})
t.teardown(() => stack?.close())

const post = async (url: string, token: string, payload: object = {}) => {
  const res = await app().inject({ method: 'POST', url, headers: bearer(token), payload })
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`)
  return json<Record<string, unknown>>(res)
}

/** Samples of every event type, in the order the flow produced them. */
const samples = new Map<string, DomainEvent>()

async function collectOutbox() {
  const rows = await app().dbHandle.sql<{ payload: DomainEvent }[]>`
    select payload from outbox where queue = 'notify' order by created_at, id`
  for (const r of rows) if (!samples.has(r.payload.type)) samples.set(r.payload.type, r.payload)
}

t.test('a flow through the platform writes the events', async (t) => {
  const du = await registerCoordinator(app(), 'schmidt@links.example')
  const jh = await registerCoordinator(app(), 'wang@links.example', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  const colleague = await registerCoordinator(app(), 'kollegin@links.example', { locale: 'de-simple' })
  const extra = await registerCoordinator(app(), 'extra@links.example', { locale: 'en' })
  const officerDu = await createStaff(app(), 'amt@links.example', 'officer', 'duren')
  const officerJh = await createStaff(app(), 'office@links.example', 'officer', 'jinhua')
  // Registering an address that has an account already (told to its owner).
  await app().inject({
    method: 'POST',
    url: '/v1/auth/register',
    payload: {
      email: 'extra@links.example',
      password: PASSWORD,
      name: 'x',
      locale: 'en',
      timeZone: 'Europe/Berlin',
    },
  })
  await app().inject({
    method: 'POST',
    url: '/v1/auth/password-reset/request',
    payload: { email: 'extra@links.example' },
  })
  await post('/v1/auth/change-password', extra.accessToken, {
    currentPassword: PASSWORD,
    newPassword: `${PASSWORD} 2`,
  })

  const duInst = await createInstitution(app(), du.accessToken, durenSchool('Gymnasium am Wirteltor'))
  const jhInst = await createInstitution(app(), jh.accessToken, jinhuaSchool('金华市第一中学'))
  const rejected = await createInstitution(
    app(),
    du.accessToken,
    durenSchool('Realschule Birkesdorf', { subtype: 'realschule' }),
  )
  await post(`/v1/officer/institutions/${duInst}/verify`, officerDu.accessToken)
  await post(`/v1/officer/institutions/${jhInst}/verify`, officerJh.accessToken)
  await post(`/v1/officer/institutions/${rejected}/reject`, officerDu.accessToken, {
    reason: 'Angaben fehlen',
  })
  await post(`/v1/officer/institutions/${duInst}/suspend`, officerDu.accessToken, { reason: 'Prüfung' })
  await post(`/v1/officer/institutions/${duInst}/reinstate`, officerDu.accessToken)
  await post(`/v1/institutions/${duInst}/invitations`, du.accessToken, { email: 'kollegin@links.example' })

  // Mutual interest: expressed, answered, confirmed by both offices → a partnership.
  const duInterest = await createInterest(app(), du.accessToken, duInst)
  const jhInterest = await createInterest(app(), jh.accessToken, jhInst)
  await post(`/v1/interests/${jhInterest}/express-interest`, du.accessToken, { fromInterestId: duInterest })
  const matched = await post(`/v1/interests/${duInterest}/express-interest`, jh.accessToken, {
    fromInterestId: jhInterest,
  })
  const proposalId = String(matched['proposalId'])
  await post(`/v1/officer/proposals/${proposalId}/confirm`, officerDu.accessToken)
  const confirmed = await post(`/v1/officer/proposals/${proposalId}/confirm`, officerJh.accessToken)
  const partnershipId = String(confirmed['partnershipId'])

  // A second pair as a round would propose it: one declined, one left to expire.
  const virtual = interestBody({ formats: ['virtual_exchange'], topics: ['science'] })
  const pairs: string[] = []
  for (const expiresAt of [new Date(Date.now() + 86_400_000), new Date(Date.now() - 60_000)]) {
    const [row] = await app().dbHandle.sql<{ id: string }[]>`
      insert into proposals (interest_a, interest_b, institution_a, institution_b, score, expires_at)
      values (${await createInterest(app(), du.accessToken, duInst, virtual)}::uuid,
        ${await createInterest(app(), jh.accessToken, jhInst, virtual)}::uuid,
        ${duInst}::uuid, ${jhInst}::uuid, 0.8, ${expiresAt.toISOString()}::timestamptz) returning id`
    pairs.push(row!.id)
  }
  await post(`/v1/proposals/${pairs[0]}/decline`, du.accessToken, { reason: 'capacity' })
  await post('/v1/officer/proposals/expire', officerDu.accessToken)

  // The intro meeting: booked, moved, cancelled.
  const meeting = await proposedMeeting(app(), partnershipId, duInst, jhInst, [
    new Date('2030-01-07T08:00:00Z'),
  ])
  await post(`/v1/meetings/${meeting.id}/choose`, du.accessToken, { slotIndex: 0 })
  await post(`/v1/meetings/${meeting.id}/reschedule`, jh.accessToken, { start: '2030-01-10T07:30:00Z' })
  await post(`/v1/meetings/${meeting.id}/cancel`, du.accessToken)

  // Visits (as clubs: no school terms to plan around): planned, booked, moved, cancelled; one dropped.
  await app().dbHandle
    .sql`update institutions set kind = 'club', subtype = null where id in (${duInst}::uuid, ${jhInst}::uuid)`
  const range = {
    direction: 'jinhua_to_duren',
    days: 5,
    groupSize: 10,
    range: { start: '2030-09-02', end: '2030-10-04' },
  }
  const plan = await post(`/v1/partnerships/${partnershipId}/visit-plans`, jh.accessToken, range)
  const windows = plan['windows'] as { start: string }[]
  t.ok(windows.length >= 2, 'the finder offers windows')
  await post(`/v1/visit-plans/${plan['id']}/confirm`, jh.accessToken, { start: windows[0]!.start })
  const booked = await post(`/v1/visit-plans/${plan['id']}/confirm`, du.accessToken, {
    start: windows[0]!.start,
  })
  const visitId = String(booked['visitId'])
  await post(`/v1/visits/${visitId}/change`, du.accessToken, { start: windows[1]!.start })
  await post(`/v1/visits/${visitId}/cancel`, jh.accessToken)
  const dropped = await post(`/v1/partnerships/${partnershipId}/visit-plans`, du.accessToken, range)
  await post(`/v1/visit-plans/${dropped['id']}/cancel`, du.accessToken)

  // A round and an import the Düren officer started (the matcher and the registry worker finish them).
  const round = await post('/v1/officer/rounds', officerDu.accessToken, { scope: {}, policy: 'stable' })
  const upload = await app().inject({
    method: 'POST',
    url: '/v1/officer/imports?fileName=schulen.csv',
    headers: { ...bearer(officerDu.accessToken), 'content-type': 'text/csv' },
    payload:
      'external_key,name,kind,subtype,municipality\nl-1,Realschule Jülich,school,realschule,dn-juelich\n',
  })
  t.equal(upload.statusCode, 202, upload.body)

  // The partners write to each other in the workspace (issue 12).
  await post(`/v1/partnerships/${partnershipId}/messages`, jh.accessToken, { body: '你们好！' })

  // The exchange agreement (issue 12): drafted, filled by both, sent out, signed, voided by an
  // edit, signed again and countersigned by both offices.
  const base = `/v1/partnerships/${partnershipId}/agreement`
  // biome-ignore lint/suspicious/noExplicitAny: the agreement's fields as the API answers them (JSON).
  type Fields = any
  type Draft = { hash: string; fields: Fields }
  const put = async (token: string, edit: (f: Fields) => void) => {
    const { hash, fields } = (
      await app().inject({ method: 'GET', url: base, headers: bearer(token) })
    ).json<Draft>()
    edit(fields)
    const res = await app().inject({
      method: 'PUT',
      url: base,
      headers: bearer(token),
      payload: { baseHash: hash, fields },
    })
    if (res.statusCode !== 200) throw new Error(`PUT agreement: ${res.statusCode} ${res.body}`)
    return res.json<{ agreement: Draft }>().agreement.hash
  }
  await post(base, du.accessToken)
  await put(du.accessToken, (f) => {
    f.parties.duren.name.zh = '维尔特尔门文理中学'
    f.parties.duren.address = { de: 'Wirteltorplatz 1, 52349 Düren' }
    f.purpose.aims = { de: 'Gemeinsame Projekte.' }
  })
  let hash = await put(jh.accessToken, (f) => {
    f.parties.jinhua.name.de = 'Jinhua Nr. 1 Mittelschule'
    f.parties.jinhua.address = { zh: '浙江省金华市婺城区八一南街1号' }
    f.purpose.aims.zh = '共同开展项目。'
    f.period = { start: '2031-05-10', end: '2031-05-20' }
    f.term.validUntil = '2032-05-20'
  })
  await post(`${base}/submit`, jh.accessToken, { hash })
  await post(`${base}/sign`, du.accessToken, { hash })
  hash = await put(jh.accessToken, (f) => {
    f.term.noticeDays = 60
  })
  // The edit voided Düren's signature and sent the new version out again.
  for (const who of [du, jh, officerDu, officerJh]) await post(`${base}/sign`, who.accessToken, { hash })

  await collectOutbox()
  // Written by the matcher and the scheduler in production; here with the flow's real ids.
  const own = { id: duInst, name: 'Gymnasium am Wirteltor', side: 'duren' as const }
  const partner = { id: jhInst, name: '金华市第一中学', side: 'jinhua' as const }
  const audience = { institutionIds: [duInst] }
  const time = { start: '2030-01-10T07:30:00.000Z', end: '2030-01-10T08:30:00.000Z' }
  const officer = { userIds: [officerDu.id] }
  // The scheduler's signature reminders name the agreement the flow above signed.
  const ready = [...samples.values()].find((e) => e.type === 'agreement.ready')
  if (ready?.type !== 'agreement.ready') throw new Error('no agreement.ready in the outbox')
  const signing = {
    agreementId: ready.agreementId,
    partnershipId,
    version: ready.version,
    hash: ready.hash,
    slot: 'jinhua.first',
    side: 'jinhua' as const,
    by: partner,
  }
  const built: DomainEvent[] = [
    { type: 'agreement.reminder', audience: { institutionIds: [jhInst] }, ...signing, step: 2 },
    { type: 'agreement.overdue', audience: { officerSides: ['jinhua'] }, ...signing, days: 10 },
    { type: 'round.finished', audience: officer, roundId: String(round['id']), status: 'done', proposals: 3 },
    {
      type: 'import.finished',
      audience: officer,
      importId: json<{ id: string }>(upload).id,
      status: 'done',
      fileName: 'schulen.csv',
      total: 1,
      failed: 0,
    },
    { type: 'proposal.created', audience, proposalId: pairs[0]!, own, partner, score: 0.8, expiresAt: null },
    { type: 'proposal.expiring', audience, proposalId: pairs[0]!, own, partner, expiresAt: time.start },
    {
      type: 'interest.reconfirm_requested',
      audience,
      interestId: duInterest,
      institution: own,
      deadline: time.start,
    },
    {
      type: 'meeting.slots_proposed',
      audience: { institutionIds: [duInst, jhInst] },
      meetingId: meeting.id,
      partnershipId,
      slots: [time],
    },
    {
      type: 'reminder.due',
      audience,
      kind: 'meeting',
      targetId: meeting.id,
      title: meeting.title,
      time,
      offset: '24h',
    },
    {
      type: 'reminder.due',
      audience,
      kind: 'visit',
      targetId: visitId,
      title: 'Besuch',
      time: { start: '2030-09-02', end: '2030-09-06', allDay: true },
      offset: '7d',
    },
  ]
  built.push(...(await exchangeEvents({ partnershipId, visitId, own, partner })))
  built.push(...(await claimEvents(du.accessToken, officerDu.accessToken)))
  for (const e of built) samples.set(`${e.type}${samples.has(e.type) ? '#2' : ''}`, e)
  const types = new Set([...samples.values()].map((e) => e.type))
  t.same(
    MESSAGE_TYPES.filter((type) => !types.has(type)),
    [],
    'a sample of every event type the platform tells people about',
  )
  void colleague
})

/**
 * Schools from open data (issue 14): the Düren office imports the Schulgrunddaten, the coordinator
 * claims a school, the office confirms; the two events as the API wrote them.
 */
async function claimEvents(coordinator: string, officer: string): Promise<DomainEvent[]> {
  const file = readFileSync(new URL('../../api/test/fixtures/schulgrunddaten-dueren.csv', import.meta.url))
  const imported = await app().inject({
    method: 'POST',
    url: '/v1/officer/open-data/imports?format=schulgrunddaten',
    headers: { ...bearer(officer), 'content-type': 'text/csv' },
    payload: file,
  })
  if (imported.statusCode !== 200) throw new Error(imported.body)
  const list = json<{ items: { id: string }[] }>(
    await app().inject({ url: '/v1/open-data/schools?side=duren', headers: bearer(coordinator) }),
  )
  const claim = await post(`/v1/open-data/schools/${list.items[0]!.id}/claim`, coordinator, {
    role: 'Schulleitung',
  })
  await post(`/v1/officer/open-data/claims/${claim['id']}/decision`, officer, { decision: 'confirm' })
  const rows = await app().dbHandle.sql<{ payload: DomainEvent }[]>`
    select payload from outbox where queue = 'notify'
      and payload->>'type' in ('institution.claim_requested', 'institution.claim_decided') order by created_at, id`
  return rows.map((r) => r.payload)
}

/**
 * The exchange itself (issue 13): the scheduler writes the checklist, funding and report events, the
 * API the filed report and the renewal. The trip plan and both reports are rows of the flow's
 * partnership and visit, so every link names real ids.
 */
async function exchangeEvents(f: {
  partnershipId: string
  visitId: string
  own: { id: string; name: string; side: 'duren' }
  partner: { id: string; name: string; side: 'jinhua' }
}): Promise<DomainEvent[]> {
  const sql = app().dbHandle.sql
  const [visit] = await sql<{ startDate: string; endDate: string }[]>`
    select start_date::text as "startDate", end_date::text as "endDate" from visits where id = ${f.visitId}::uuid`
  const fields = {
    direction: 'jinhua_to_duren',
    travel: { outbound: visit!.startDate, return: visit!.endDate },
    arrival: {},
    departure: {},
    group: { bands: [{ band: '12-14', count: 10 }], adults: 2 },
    leaders: [],
    accommodation: { hostFamilies: 10 },
    programme: [],
    purpose: '',
  }
  const [trip] = await sql<{ id: string }[]>`
    insert into trip_plans (partnership_id, visit_id, fields)
    values (${f.partnershipId}::uuid, ${f.visitId}::uuid, ${JSON.stringify(fields)}::jsonb) returning id`
  // Düren's report is filed (the partner and the offices read it), Jinhua's still open as the
  // scheduler prefilled it.
  const prefilled = {
    participants: { bands: { '12-14': 10 }, accompanyingAdults: 2 },
    days: 5,
    activities: { chosen: [] },
    outcomes: [],
  }
  const answered = {
    ...prefilled,
    activities: { chosen: ['lessons'] },
    rating: 4,
    wouldRepeat: 'yes',
    improve: 'Mehr Zeit',
  }
  const reportOf = async (institutionId: string, status: 'open' | 'filed') => {
    const answers = JSON.stringify(status === 'filed' ? answered : prefilled)
    const [row] = await sql<{ id: string }[]>`
      insert into exchange_reports (visit_id, partnership_id, institution_id, status, fields, filed_at)
      values (${f.visitId}::uuid, ${f.partnershipId}::uuid, ${institutionId}::uuid, ${status},
        ${answers}::jsonb, ${status === 'filed' ? new Date().toISOString() : null}::timestamptz) returning id`
    return { reportId: row!.id, visitId: f.visitId, partnershipId: f.partnershipId, institutionId }
  }
  const ownReport = await reportOf(f.own.id, 'filed')
  const partnerReport = await reportOf(f.partner.id, 'open')
  const both = { institutionIds: [f.own.id, f.partner.id] }
  const onTrip = { partnershipId: f.partnershipId, tripPlanId: trip!.id }
  return [
    {
      type: 'trip.checklist_due',
      audience: both,
      ...onTrip,
      itemKey: 'visa_schengen',
      dueDate: '2030-07-01',
      step: 1,
    },
    {
      type: 'funding.deadline_near',
      audience: both,
      ...onTrip,
      programmeSlug: 'kjp-china',
      programmeName: 'KJP Sonderprogramm China',
      deadline: '2029-10-15',
    },
    {
      type: 'report.requested',
      audience: { institutionIds: [f.own.id] },
      ...ownReport,
      partnerName: f.partner.name,
    },
    { type: 'report.reminder', audience: { institutionIds: [f.partner.id] }, ...partnerReport, step: 2 },
    {
      type: 'report.overdue',
      audience: { officerSides: ['jinhua'] },
      ...partnerReport,
      institutionName: f.partner.name,
      side: 'jinhua',
    },
    {
      type: 'report.filed',
      audience: { institutionIds: [f.partner.id], officerSides: ['duren', 'jinhua'] },
      ...ownReport,
      institutionName: f.own.name,
    },
    {
      type: 'exchange.renewed',
      audience: { institutionIds: [f.partner.id] },
      partnershipId: f.partnershipId,
      tripPlanId: trip!.id,
      agreementEdition: 2,
      by: f.own,
    },
  ]
}

/** Who reads a message: the accounts of its audience (members, officers, users, invited addresses). */
async function recipientsOf(e: DomainEvent): Promise<{ email: string; locale: Locale; timeZone: string }[]> {
  const a = ('audience' in e ? e.audience : { userIds: 'userId' in e ? [e.userId] : [] }) as {
    userIds?: string[]
    institutionIds?: string[]
    officerSides?: string[]
    emails?: { email: string }[]
  }
  return app().dbHandle.sql<{ email: string; locale: Locale; timeZone: string }[]>`
    select distinct u.email, u.locale, u.time_zone as "timeZone" from users u
    where u.status = 'active' and (
      u.id = any(${a.userIds ?? []}::uuid[])
      or u.id in (select m.user_id from memberships m where m.institution_id = any(${a.institutionIds ?? []}::uuid[]))
      or (u.role = 'officer' and u.officer_side = any(${a.officerSides ?? []}::text[]))
      or lower(u.email) = any(${(a.emails ?? []).map((x) => x.email.toLowerCase())}::text[]))`
}

const sessions = new Map<string, WebSession>()
async function sessionOf(email: string): Promise<WebSession> {
  const known = sessions.get(email)
  if (known) return known
  const s = await webSignIn(stack, email, email === 'extra@links.example' ? `${PASSWORD} 2` : PASSWORD).catch(
    () => anonymousSession(stack),
  )
  sessions.set(email, s)
  return s
}

const linksIn = (text: string) =>
  [...text.matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0].replace(/[.,;]$/, ''))

/** Follows a link as the reader; the page must answer 200 (a redirect to sign in does not count). */
async function follow(url: string, email: string) {
  const path = url.slice(stack.webUrl.length)
  const res = await webGet(stack, path, await sessionOf(email))
  return { path, status: res.statusCode, where: res.headers.location }
}

t.test('every mail in every language links only to pages that open for its reader', async (t) => {
  const checked = new Set<string>()
  let links = 0
  for (const [key, event] of samples) {
    const readers = await recipientsOf(event)
    t.ok(readers.length > 0, `${key} has readers`)
    for (const locale of LOCALES) {
      for (const reader of readers) {
        const mail = renderEmail(
          event,
          { ...reader, locale },
          {
            webUrl: stack.webUrl,
            messageId: 'm@links',
            stamp: new Date(),
            linkSecret: 'links-test-secret-0123456789abcdef',
          },
        )
        const found = linksIn(mail.text)
        t.ok(found.length >= 2, `${key} ${locale}: an action and the footer link`)
        for (const url of found) {
          t.ok(url.startsWith(`${stack.webUrl}/`), `${key} ${locale}: ${url} is a page of the web app`)
          const id = `${reader.email} ${url.replace(/token=[^&]+/, 'token=…')}`
          if (checked.has(id)) continue
          checked.add(id)
          links++
          const r = await follow(url, reader.email)
          t.equal(r.status, 200, `${key} ${locale} → ${r.path} for ${reader.email}`, { where: r.where })
        }
      }
    }
  }
  t.ok(links >= 30, `${links} distinct (reader, link) pairs followed`)
})

t.test('the footer leads to the notification settings, the digest to the inbox', async (t) => {
  for (const locale of LOCALES) {
    const mail = renderDigest(
      [{ subject: 'x', at: new Date().toISOString() }],
      '2026-12-02',
      { email: 'schmidt@links.example', locale, timeZone: 'Europe/Berlin' },
      { webUrl: stack.webUrl, messageId: 'd@links' },
    )
    const found = linksIn(mail.text).map((u) => u.slice(stack.webUrl.length))
    t.same(found.sort(), ['/inbox', '/inbox/preferences'].sort(), `${locale}: digest and footer links`)
    for (const url of linksIn(mail.text)) t.equal((await follow(url, 'schmidt@links.example')).status, 200)
  }
  const prefs = await webGet(stack, '/inbox/preferences', await sessionOf('schmidt@links.example'))
  t.match(prefs.body, /<form method="post" action="\/inbox\/preferences"/, 'the settings page itself')
})

t.test('every inbox entry links to its page, for its reader', async (t) => {
  let followed = 0
  for (const [key, event] of samples) {
    // Invitations go to an address by mail only; account events are mail only too.
    if (!('audience' in event) || event.audience.emails) continue
    for (const reader of await recipientsOf(event)) {
      const [user] = await app().dbHandle.sql<
        { id: string }[]
      >`select id from users where email = ${reader.email}`
      await app().dbHandle.sql`insert into notifications (user_id, event_type, payload)
        values (${user!.id}::uuid, ${event.type}, ${JSON.stringify(event)}::jsonb)`
      const s = await sessionOf(reader.email)
      const inbox = await webGet(stack, `/inbox?kind=${event.type.split('.')[0]}`, s)
      t.equal(inbox.statusCode, 200)
      const hrefs = [...inbox.body.matchAll(/<a href="(\/[^"]+)" data-about>/g)].map((m) => m[1]!)
      t.ok(hrefs.length > 0, `${key}: the inbox entry of ${reader.email} has a link`)
      for (const href of new Set(hrefs)) {
        const res = await webGet(stack, href.replace(/&amp;/g, '&'), s)
        t.equal(res.statusCode, 200, `${key}: inbox link ${href} for ${reader.email}`)
        followed++
      }
      await app().dbHandle.sql`delete from notifications where user_id = ${user!.id}::uuid`
    }
  }
  t.ok(followed > 20, `${followed} inbox links followed`)
})
