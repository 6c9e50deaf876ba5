import { meetings, partnerships } from '@dj/db'
import {
  bearer,
  bookedVisit,
  confirmedPartnership,
  json,
  type Login,
  proposedMeeting,
  type RunningNotifier,
  type SeededInstitution,
  seedInstitution,
  sevenActors,
  startNotifierBeside,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import t from 'tap'

// Issue 12, items 1 and 2: the partnership workspace (timeline) and the partners' conversation,
// with attachments checked by content, read marks, unread counts, the outbox event and the
// notification of the other side only, and access for all seven actors on every route.

const MAX_BYTES = 4096

let ctx: TestContext
let mail: RunningNotifier
let du: Login
let jh: Login
let stranger: Login
let officerDu: Login
let officerJh: Login
let admin: Login
let school: SeededInstitution
let club: SeededInstitution
let proposalId: string
let partnershipId: string
let meetingId: string
let planId: string
let visitId: string

const post = (url: string, token: string | null, payload?: object) =>
  ctx.app.inject({
    method: 'POST',
    url,
    headers: token ? bearer(token) : {},
    ...(payload ? { payload } : {}),
  })
const get = (url: string, token: string | null) =>
  ctx.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })
const upload = (token: string | null, bytes: Buffer, fileName: string, text?: string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/v1/partnerships/${partnershipId}/attachments?fileName=${encodeURIComponent(fileName)}${
      text ? `&text=${encodeURIComponent(text)}` : ''
    }`,
    headers: { ...(token ? bearer(token) : {}), 'content-type': 'application/octet-stream' },
    payload: bytes,
  })

// A real 1×1 PNG, an MZ (Windows executable) header, HTML and a PDF start.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const EXE = Buffer.concat([
  Buffer.from('4d5a90000300000004000000ffff0000b800000000000000400000000000000000', 'hex'),
  Buffer.alloc(64),
])
const HTML = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
const pdf = (size: number) => {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1')
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)])
}

interface Message {
  id: string
  body: string
  author: { role: string; side: string; institutionId: string | null; name: string | null }
  attachments: { id: string; fileName: string; mediaType: string; size: number }[]
  readByPartner: boolean
  readByOffices: string[]
  mine: boolean
}
interface Page {
  items: Message[]
  nextCursor: string | null
}
interface Entry {
  kind: string
  at: string
  subjectId: string
  side: string | null
  institutionId: string | null
  time?: { start: string; end: string }
  dates?: { start: string; end: string }
}

async function counts() {
  const [row] = await ctx.app.dbHandle.sql<{ m: number; a: number; b: number; o: number }[]>`
    select (select count(*)::int from partner_messages) as m,
           (select count(*)::int from message_attachments) as a,
           (select count(*)::int from attachment_blobs) as b,
           (select count(*)::int from outbox where event_type = 'message.posted') as o`
  return row!
}

t.before(async () => {
  ctx = await startTestApp('workspace', { WORKSPACE_ATTACHMENT_MAX_BYTES: String(MAX_BYTES) })
  // The demo's "visit done" stage, through the real routes where there are routes.
  const actors = await sevenActors(ctx.app, '')
  ;({ du, jh, stranger, officerDu, officerJh, admin, school, club } = actors)
  ;({ proposalId, partnershipId } = await confirmedPartnership(ctx.app, actors))
  const m = await proposedMeeting(ctx.app, partnershipId, school.id, club.id, [
    new Date('2027-03-10T08:00:00Z'),
    new Date('2027-03-11T08:00:00Z'),
  ])
  meetingId = m.id
  const chosen = await post(`/v1/meetings/${meetingId}/choose`, du.accessToken, { slotIndex: 0 })
  if (chosen.statusCode !== 200) throw new Error(chosen.body)
  ;({ planId, visitId } = await bookedVisit(ctx.app, actors, partnershipId, { start: '2027-05-10' }))
  mail = await startNotifierBeside(ctx)
})
t.teardown(async () => {
  await mail?.close()
  await ctx.close()
})

t.test('the timeline tells the partnership’s story, newest first, with ids and times', async (t) => {
  const res = await get(`/v1/partnerships/${partnershipId}/workspace`, jh.accessToken)
  t.equal(res.statusCode, 200, res.body)
  const ws = json<{
    institutions: { a: { id: string; name: string }; b: { id: string; name: string } }
    viewer: { canPost: boolean; ownInstitutionId: string }
    timeline: Entry[]
  }>(res)
  t.same([ws.institutions.a.name, ws.institutions.b.name], ['Gymnasium am Wirteltor', '金华第一中学'])
  t.same(ws.viewer, { canPost: true, ownInstitutionId: club.id })
  const kinds = ws.timeline.map((e) => e.kind)
  for (const k of [
    'proposal.created',
    'proposal.accepted',
    'proposal.officer_confirmed',
    'partnership.confirmed',
    'meeting.proposed',
    'meeting.scheduled',
    'visit_plan.proposed',
    'visit_plan.booked',
    'visit.scheduled',
  ])
    t.ok(kinds.includes(k), `the timeline has ${k}`)
  t.equal(kinds.filter((k) => k === 'proposal.accepted').length, 2, 'one acceptance per side')
  t.same(
    ws.timeline
      .filter((e) => e.kind === 'proposal.accepted')
      .map((e) => [e.side, e.institutionId])
      .sort(),
    [
      ['duren', school.id],
      ['jinhua', club.id],
    ],
  )
  const sorted = [...ws.timeline].sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0))
  t.same(
    ws.timeline.map((e) => e.at),
    sorted.map((e) => e.at),
    'newest first',
  )
  t.ok(
    kinds.indexOf('partnership.confirmed') < kinds.indexOf('proposal.created'),
    'the partnership comes after (above) the proposal',
  )
  const booked = ws.timeline.find((e) => e.kind === 'meeting.scheduled')!
  t.equal(booked.subjectId, meetingId)
  t.same(booked.time, { start: '2027-03-10T08:00:00.000Z', end: '2027-03-10T09:00:00.000Z' })
  const visit = ws.timeline.find((e) => e.kind === 'visit.scheduled')!
  t.equal(visit.subjectId, visitId)
  t.same(visit.dates, { start: '2027-05-10', end: '2027-05-14' })
  t.equal(ws.timeline.find((e) => e.kind === 'visit_plan.booked')?.subjectId, planId)
  t.equal(ws.timeline.find((e) => e.kind === 'proposal.created')?.subjectId, proposalId)
})

t.test('posting: the other side is told through the outbox, by ids, and notified', async (t) => {
  const before = await counts()
  const res = await post(`/v1/partnerships/${partnershipId}/messages`, du.accessToken, {
    body: '  Liebe Kolleginnen, wann passt Ihnen ein Telefonat?  ',
  })
  t.equal(res.statusCode, 201, res.body)
  const msg = json<Message>(res)
  t.equal(msg.body, 'Liebe Kolleginnen, wann passt Ihnen ein Telefonat?', 'trimmed')
  t.same(msg.author, { role: 'coordinator', side: 'duren', institutionId: school.id, name: 'lehrerin' })
  t.equal(msg.mine, true)
  t.equal(msg.readByPartner, false)

  const events = await ctx.app.dbHandle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'message.posted' and payload->>'messageId' = ${msg.id}`
  t.equal(events.length, 1, 'one outbox row (notify queue)')
  const payload = events[0]!.payload
  t.same(payload.audience, { institutionIds: [club.id] }, 'the other institution only')
  t.equal(payload.partnershipId, partnershipId)
  t.notOk(JSON.stringify(payload).includes('Telefonat'), 'no message text in the event')
  t.equal((await counts()).o, before.o + 1)

  const inbox = await waitFor(
    async () => {
      const rows = await ctx.app.dbHandle.sql<{ user_id: string }[]>`
        select user_id from notifications where event_type = 'message.posted'
          and payload->>'messageId' = ${msg.id}`
      return rows.length > 0 ? rows : undefined
    },
    { what: 'the in-app notification', timeoutMs: 20_000 },
  )
  t.same(
    inbox.map((r) => r.user_id),
    [jh.id],
    'only the other institution’s coordinator gets it in the app',
  )
  const sent = await waitFor(
    () =>
      mail.sink.messages.find(
        // Other mails name the school too (the proposal's): this one is the only "new message".
        (m) => m.to.includes('laoshi@jinhua-school.cn') && m.subject.includes('新消息'),
      ),
    { what: 'the mail to the partner', timeoutMs: 20_000 },
  )
  t.equal(sent.subject, '来自 Gymnasium am Wirteltor 的新消息', 'in the reader’s language, naming the writer')
  t.notOk(sent.text.includes('Telefonat'), 'the mail does not carry the text')
  const mailed = await ctx.app.dbHandle.sql<{ email: string }[]>`
    select email from deliveries where event_type = 'message.posted' and outbox_id in (
      select id from outbox where payload->>'messageId' = ${msg.id})`
  t.same(
    mailed.map((r) => r.email),
    ['laoshi@jinhua-school.cn'],
    'mailed to the partner only: not the writer, not the offices',
  )

  const empty = await post(`/v1/partnerships/${partnershipId}/messages`, du.accessToken, { body: '   ' })
  t.equal(empty.statusCode, 400, 'blank text is refused')
  t.equal(json(empty).code, 'REQUEST_VALIDATION')
})

t.test('paging, unread counts and read marks (officers shown as readers)', async (t) => {
  for (let i = 1; i <= 4; i++) {
    const r = await post(`/v1/partnerships/${partnershipId}/messages`, jh.accessToken, { body: `消息 ${i}` })
    t.equal(r.statusCode, 201)
  }
  const unreadDu = json<{ items: { partnershipId: string; unread: number }[] }>(
    await get('/v1/me/partner-messages/unread', du.accessToken),
  )
  t.same(unreadDu.items, [{ partnershipId, unread: 4 }], 'four from the partner; my own do not count')
  const unreadJh = json<{ items: unknown[] }>(await get('/v1/me/partner-messages/unread', jh.accessToken))
  t.same(unreadJh.items, [], 'the partner wrote the four and read the first when writing')

  const seen: string[] = []
  let cursor: string | null = null
  do {
    const url = `/v1/partnerships/${partnershipId}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`
    const page: Page = json<Page>(await get(url, officerDu.accessToken))
    t.ok(page.items.length <= 2)
    seen.push(...page.items.map((m) => m.body))
    cursor = page.nextCursor
  } while (cursor)
  t.same(seen.slice(0, 5), [
    '消息 4',
    '消息 3',
    '消息 2',
    '消息 1',
    'Liebe Kolleginnen, wann passt Ihnen ein Telefonat?',
  ])
  const bad = await get(`/v1/partnerships/${partnershipId}/messages?cursor=bm9wZQ`, du.accessToken)
  t.equal(bad.statusCode, 400, 'a foreign cursor is a 400 problem')

  const page = json<Page>(await get(`/v1/partnerships/${partnershipId}/messages?limit=5`, du.accessToken))
  const second = page.items[2]! // 消息 2
  const marked = await post(`/v1/partnerships/${partnershipId}/messages/read`, du.accessToken, {
    upTo: second.id,
  })
  t.equal(marked.statusCode, 200, marked.body)
  t.same(json(marked), { unread: 2 }, 'messages 3 and 4 still unread')
  const back = await post(`/v1/partnerships/${partnershipId}/messages/read`, du.accessToken, {
    upTo: page.items[4]!.id,
  })
  t.same(json(back), { unread: 2 }, 'marking an older message never makes newer ones unread again')
  const all = await post(`/v1/partnerships/${partnershipId}/messages/read`, du.accessToken)
  t.same(json(all), { unread: 0 }, 'an empty POST marks all read')
  const foreign = await post(`/v1/partnerships/${partnershipId}/messages/read`, du.accessToken, {
    upTo: '00000000-0000-4000-8000-000000000000',
  })
  t.equal(foreign.statusCode, 404, 'a message of no partnership')

  const o = await post(`/v1/partnerships/${partnershipId}/messages/read`, officerJh.accessToken)
  t.equal(o.statusCode, 200)
  const after = json<Page>(await get(`/v1/partnerships/${partnershipId}/messages?limit=5`, jh.accessToken))
  t.ok(
    after.items.every((m) => m.readByPartner),
    'the Düren coordinator read every Jinhua message',
  )
  t.ok(
    after.items.every((m) => m.readByOffices.join() === 'jinhua'),
    'the Jinhua office is shown as a reader, the Düren office is not',
  )
  const ws = json<{ unread: number }>(
    await get(`/v1/partnerships/${partnershipId}/workspace`, du.accessToken),
  )
  t.equal(ws.unread, 0)
  const wsTimeline = json<{ timeline: Entry[] }>(
    await get(`/v1/partnerships/${partnershipId}/workspace`, du.accessToken),
  ).timeline
  t.equal(wsTimeline[0]!.kind, 'message.posted', 'the newest entry is the newest message')
  t.equal(wsTimeline[0]!.side, 'jinhua')
})

t.test('attachments: the type comes from the bytes, refusals store nothing', async (t) => {
  const png = await upload(du.accessToken, PNG, 'Bericht.pdf', 'Das Foto vom Schulhof')
  t.equal(png.statusCode, 201, png.body)
  const msg = json<Message>(png)
  t.equal(msg.body, 'Das Foto vom Schulhof')
  t.equal(msg.attachments.length, 1)
  t.same(
    { ...msg.attachments[0], id: undefined },
    { id: undefined, fileName: 'Bericht.pdf', mediaType: 'image/png', size: PNG.length },
    'a PNG named .pdf is a PNG',
  )
  const file = msg.attachments[0]!
  const down = await get(`/v1/attachments/${file.id}`, jh.accessToken)
  t.equal(down.statusCode, 200)
  t.equal(down.headers['content-type'], 'image/png')
  t.equal(down.headers['x-content-type-options'], 'nosniff')
  t.match(String(down.headers['content-disposition']), /^attachment; filename="Bericht\.pdf"/)
  t.ok(down.rawPayload.equals(PNG), 'the same bytes come back')

  const zh = await upload(jh.accessToken, pdf(600), '../../etc/计划.pdf')
  t.equal(zh.statusCode, 201, zh.body)
  const zhFile = json<Message>(zh).attachments[0]!
  t.equal(zhFile.fileName, '计划.pdf', 'no path in the stored name')
  t.equal(zhFile.mediaType, 'application/pdf')
  const zhDown = await get(`/v1/attachments/${zhFile.id}`, du.accessToken)
  t.match(String(zhDown.headers['content-disposition']), /filename\*=UTF-8''%E8%AE%A1%E5%88%92\.pdf/)

  const before = await counts()
  for (const [bytes, name, code] of [
    [EXE, 'setup.pdf', 'ATTACHMENT_TYPE_REFUSED'],
    [HTML, 'page.png', 'ATTACHMENT_TYPE_REFUSED'],
  ] as const) {
    const r = await upload(du.accessToken, bytes, name)
    t.equal(r.statusCode, 415, `${name} refused`)
    t.match(r.headers['content-type'], /application\/problem\+json/)
    t.equal(json(r).code, code)
  }
  const big = await upload(du.accessToken, pdf(MAX_BYTES + 1), 'big.pdf')
  t.equal(big.statusCode, 413, 'too large')
  t.match(big.headers['content-type'], /application\/problem\+json/)
  const wrongType = await ctx.app.inject({
    method: 'POST',
    url: `/v1/partnerships/${partnershipId}/attachments?fileName=a.pdf`,
    headers: { ...bearer(du.accessToken), 'content-type': 'text/html' },
    payload: '<p>x</p>',
  })
  t.equal(wrongType.statusCode, 415, 'only application/octet-stream bodies')
  const empty = await upload(du.accessToken, Buffer.alloc(0), 'empty.pdf')
  t.equal(empty.statusCode, 400, 'an empty file')
  t.same(await counts(), before, 'no message, attachment, blob or event was written for a refusal')
})

t.test('access: all seven actors on every route', async (t) => {
  const [firstFile] = await ctx.app.dbHandle.sql<{ id: string }[]>`select id from message_attachments limit 1`
  const fileId = firstFile!.id
  const base = `/v1/partnerships/${partnershipId}`
  type Call = (token: string | null) => ReturnType<typeof get>
  const routes: Record<string, Call> = {
    'GET workspace': (tk) => get(`${base}/workspace`, tk),
    'GET messages': (tk) => get(`${base}/messages`, tk),
    'POST messages': (tk) => post(`${base}/messages`, tk, { body: 'hallo' }),
    'POST attachments': (tk) => upload(tk, PNG, 'x.png'),
    'GET attachment': (tk) => get(`/v1/attachments/${fileId}`, tk),
    'POST read': (tk) => post(`${base}/messages/read`, tk, {}),
    'GET unread': (tk) => get('/v1/me/partner-messages/unread', tk),
  }
  const expected: Record<string, Record<string, number>> = {
    anonymous: Object.fromEntries(Object.keys(routes).map((k) => [k, 401])),
    'coordinator Düren': {
      'GET workspace': 200,
      'GET messages': 200,
      'POST messages': 201,
      'POST attachments': 201,
      'GET attachment': 200,
      'POST read': 200,
      'GET unread': 200,
    },
    'coordinator Jinhua': {
      'GET workspace': 200,
      'GET messages': 200,
      'POST messages': 201,
      'POST attachments': 201,
      'GET attachment': 200,
      'POST read': 200,
      'GET unread': 200,
    },
    'stranger coordinator': {
      'GET workspace': 404,
      'GET messages': 404,
      'POST messages': 404,
      'POST attachments': 404,
      'GET attachment': 404,
      'POST read': 404,
      'GET unread': 200,
    },
    'officer Düren': {
      'GET workspace': 200,
      'GET messages': 200,
      'POST messages': 403,
      'POST attachments': 403,
      'GET attachment': 200,
      'POST read': 200,
      'GET unread': 200,
    },
    'officer Jinhua': {
      'GET workspace': 200,
      'GET messages': 200,
      'POST messages': 403,
      'POST attachments': 403,
      'GET attachment': 200,
      'POST read': 200,
      'GET unread': 200,
    },
    // The partners' correspondence is theirs and the offices': admins operate the platform.
    admin: {
      'GET workspace': 403,
      'GET messages': 403,
      'POST messages': 403,
      'POST attachments': 403,
      'GET attachment': 403,
      'POST read': 403,
      'GET unread': 403,
    },
  }
  const tokens: Record<string, string | null> = {
    anonymous: null,
    'coordinator Düren': du.accessToken,
    'coordinator Jinhua': jh.accessToken,
    'stranger coordinator': stranger.accessToken,
    'officer Düren': officerDu.accessToken,
    'officer Jinhua': officerJh.accessToken,
    admin: admin.accessToken,
  }
  for (const [actor, statuses] of Object.entries(expected)) {
    for (const [name, call] of Object.entries(routes)) {
      const res = await call(tokens[actor]!)
      t.equal(res.statusCode, statuses[name], `${actor}: ${name}`)
    }
  }
  const strangerUnread = json<{ items: unknown[] }>(
    await get('/v1/me/partner-messages/unread', stranger.accessToken),
  )
  t.same(strangerUnread.items, [], 'a stranger sees no count of this partnership')
  const strangerView = await get(`${base}/messages`, stranger.accessToken)
  t.notOk(strangerView.body.includes('Telefonat'), 'and no text')
  const officerWrite = await post(`${base}/messages`, officerDu.accessToken, { body: 'x' })
  t.equal(json(officerWrite).code, 'ACCESS_FORBIDDEN', 'officers read only (contract roles)')

  // Anonymous callers get 401 before the body is looked at.
  const garbage = await ctx.app.inject({
    method: 'POST',
    url: `${base}/messages`,
    headers: { 'content-type': 'application/json' },
    payload: '{"body": [',
  })
  t.equal(garbage.statusCode, 401)
})

t.test('nothing of a meeting of another partnership leaks into this timeline', async (t) => {
  const other = await seedInstitution(ctx.app, 'jinhua', '义乌中学', [])
  const [p2] = await ctx.app.db
    .insert(partnerships)
    .values({
      interestA: school.interestId,
      interestB: other.interestId,
      institutionA: school.id,
      institutionB: other.id,
    })
    .returning()
  await proposedMeeting(ctx.app, p2!.id, school.id, other.id, [new Date('2027-04-01T08:00:00Z')])
  const ws = json<{ timeline: Entry[] }>(
    await get(`/v1/partnerships/${partnershipId}/workspace`, du.accessToken),
  )
  const ms = await ctx.app.db.select().from(meetings).where(eq(meetings.partnershipId, p2!.id))
  t.notOk(
    ws.timeline.some((e) => e.subjectId === ms[0]!.id || e.subjectId === p2!.id),
    'only this partnership’s entries',
  )
  const jhView = await get(`/v1/partnerships/${p2!.id}/workspace`, jh.accessToken)
  t.equal(jhView.statusCode, 404, 'a coordinator of one partnership does not see another of their partner')
})
