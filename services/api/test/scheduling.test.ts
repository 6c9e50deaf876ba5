import { parseIcs } from '@dj/scheduling'
import {
  bearer,
  createStaff,
  json,
  ownInstitution,
  partnershipBetween,
  proposedMeeting,
  registerCoordinator,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t from 'tap'

let ctx: TestContext
type Login = Awaited<ReturnType<typeof registerCoordinator>>
let du: Login
let jh: Login
let outsider: Login
let officerDu: Login
let officerJh: Login
let duSchool: { id: string }
let jhClub: { id: string }
let partnershipId: string

t.before(async () => {
  ctx = await startTestApp('scheduling')
  du = await registerCoordinator(ctx.app, 'lehrerin@gym-dueren.de', { timeZone: 'Europe/Berlin' })
  jh = await registerCoordinator(ctx.app, 'laoshi@jinhua-club.cn', {
    timeZone: 'Asia/Shanghai',
    locale: 'zh',
  })
  outsider = await registerCoordinator(ctx.app, 'other@school.de')
  officerDu = await createStaff(ctx.app, 'amt@kreis-dueren.de', 'officer', 'duren')
  officerJh = await createStaff(ctx.app, 'office@jinhua.gov.cn', 'officer', 'jinhua')
  duSchool = await ownInstitution(ctx.app, du.id, 'duren', 'school', 'Gymnasium am Wirteltor')
  jhClub = await ownInstitution(ctx.app, jh.id, 'jinhua', 'club', '金华青少年乒乓球俱乐部')
  partnershipId = (await partnershipBetween(ctx.app, duSchool.id, jhClub.id)).id
})
t.teardown(() => ctx.close())

const post = (url: string, token: string, payload: unknown) =>
  ctx.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as object })
const get = (url: string, token: string) => ctx.app.inject({ method: 'GET', url, headers: bearer(token) })

interface SlotsAnswer {
  slots: {
    start: string
    allInsideWorkingHours: boolean
    participants: { localStart: string; utcOffset: string }[]
  }[]
  coverageGaps: { calendarId: string; gaps: { start: string; end: string }[] }[]
}
interface Problem {
  code: string
  errors?: { field: string; message: string }[]
}

const nineToTen = {
  mon: [{ start: '09:00', end: '10:00' }],
  tue: [{ start: '09:00', end: '10:00' }],
  wed: [{ start: '09:00', end: '10:00' }],
  thu: [{ start: '09:00', end: '10:00' }],
  fri: [{ start: '09:00', end: '10:00' }],
}

t.test('slots across the DST weekends: 09:00 Berlin is 08:00Z before and 07:00Z after', async (t) => {
  const march = await post('/v1/scheduling/slots', du.accessToken, {
    participants: [{ timeZone: 'Europe/Berlin', side: 'duren', workingHours: nineToTen }],
    range: { start: '2026-03-27', end: '2026-03-30', timeZone: 'Europe/Berlin' },
    slotMinutes: 60,
    prefer: 'earliest',
    count: 10,
  })
  t.equal(march.statusCode, 200, march.body)
  const m = { slots: json<SlotsAnswer>(march).slots.filter((s) => s.allInsideWorkingHours) }
  t.same(
    m.slots.map((s) => s.start),
    ['2026-03-27T08:00:00.000Z', '2026-03-30T07:00:00.000Z'],
  )
  t.same(
    m.slots.map((s) => s.participants[0]?.utcOffset),
    ['+01:00', '+02:00'],
  )
  const october = await post('/v1/scheduling/slots', du.accessToken, {
    participants: [{ timeZone: 'Europe/Berlin', side: 'duren', workingHours: nineToTen }],
    range: { start: '2026-10-23', end: '2026-10-26', timeZone: 'Europe/Berlin' },
    slotMinutes: 60,
    prefer: 'earliest',
    count: 10,
  })
  t.equal(october.statusCode, 200, october.body)
  t.same(
    json<SlotsAnswer>(october)
      .slots.filter((s) => s.allInsideWorkingHours)
      .map((s) => s.start),
    ['2026-10-23T07:00:00.000Z', '2026-10-26T08:00:00.000Z'],
  )
  t.same(json<SlotsAnswer>(october).coverageGaps, [], 'NRW 2026 is known data')
})

t.test('Spring Festival 2026: 15–23 Feb off, Saturdays 14 and 28 Feb worked', async (t) => {
  const res = await post('/v1/scheduling/slots', jh.accessToken, {
    participants: [{ timeZone: 'Asia/Shanghai', side: 'jinhua', workingHours: nineToTen }],
    range: { start: '2026-02-12', end: '2026-03-01', timeZone: 'Asia/Shanghai' },
    slotMinutes: 60,
    prefer: 'earliest',
    count: 50,
  })
  t.equal(res.statusCode, 200, res.body)
  const days = json<SlotsAnswer>(res)
    .slots.filter((s) => s.allInsideWorkingHours)
    .map((s) => s.participants[0]!.localStart.slice(0, 10))
  t.same(days, [
    '2026-02-12',
    '2026-02-13',
    '2026-02-14',
    '2026-02-24',
    '2026-02-25',
    '2026-02-26',
    '2026-02-27',
    '2026-02-28',
  ])
})

t.test('China 2027 is beyond the known data until an officer imports it', async (t) => {
  const slots = await post('/v1/scheduling/slots', jh.accessToken, {
    participants: [{ timeZone: 'Asia/Shanghai', side: 'jinhua' }],
    range: { start: '2026-12-28', end: '2027-01-08', timeZone: 'Asia/Shanghai' },
    slotMinutes: 60,
  })
  t.equal(slots.statusCode, 200, slots.body)
  t.same(
    json<SlotsAnswer>(slots).coverageGaps.map((g) => [g.calendarId, g.gaps]),
    [['cn-public', [{ start: '2027-01-01', end: '2027-01-08' }]]],
  )
  const list = async () => {
    const res = await get('/v1/calendars?start=2026-12-01&end=2027-01-31', jh.accessToken)
    t.equal(res.statusCode, 200, res.body)
    return json<{ items: { id: string; coverageGaps: unknown[] }[] }>(res).items
  }
  const before = await list()
  t.same(before.find((c) => c.id === 'cn-public')?.coverageGaps, [{ start: '2027-01-01', end: '2027-01-31' }])
  t.same(before.find((c) => c.id === 'de-nw-public')?.coverageGaps, [])
  t.ok(
    before.some((c) => c.id === `institution:${jhClub.id}`),
    'my institution calendar is listed',
  )

  const csv =
    '# 2027 (test data)\n2027-01-01;;public_holiday;元旦\n2027-02-06;2027-02-13;public_holiday;春节\n'
  const body = {
    format: 'csv',
    content: csv,
    calendarId: 'cn-public',
    coverage: { start: '2027-01-01', end: '2027-12-31' },
  }
  const wrongSide = await post('/v1/officer/calendars/import', officerDu.accessToken, body)
  t.equal(wrongSide.statusCode, 403, 'a Düren officer cannot import China data')
  t.equal(
    (await post('/v1/officer/calendars/import', jh.accessToken, body)).statusCode,
    403,
    'not for coordinators',
  )
  const imported = await post('/v1/officer/calendars/import', officerJh.accessToken, body)
  t.equal(imported.statusCode, 201, imported.body)
  t.equal(json<{ entries: number }>(imported).entries, 2)
  t.same((await list()).find((c) => c.id === 'cn-public')?.coverageGaps, [], 'gap closed')
  // Re-import (update) replaces the earlier file rather than adding to it.
  const again = await post('/v1/officer/calendars/import', officerJh.accessToken, body)
  t.equal(again.statusCode, 201)
  const entries = await get('/v1/calendars/cn-public/entries?start=2027-01-01&end=2027-12-31', jh.accessToken)
  t.equal(json<{ entries: unknown[] }>(entries).entries.length, 2)
  const newYear = await post('/v1/scheduling/slots', jh.accessToken, {
    participants: [{ timeZone: 'Asia/Shanghai', side: 'jinhua' }],
    range: { start: '2027-01-01', end: '2027-01-01', timeZone: 'Asia/Shanghai' },
    slotMinutes: 60,
  })
  t.same(json<SlotsAnswer>(newYear).slots, [], 'the imported holiday blocks the day')

  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'UID:winter-2027@jinhua',
    'DTSTART;VALUE=DATE:20270125',
    'DTEND;VALUE=DATE:20270220',
    'SUMMARY:寒假',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n')
  const raw = await ctx.app.inject({
    method: 'POST',
    url: '/v1/officer/calendars/import?calendarId=cn-school&kind=school_holiday&coverageStart=2027-01-01&coverageEnd=2027-08-31',
    headers: { ...bearer(officerJh.accessToken), 'content-type': 'text/calendar' },
    payload: ics,
  })
  t.equal(raw.statusCode, 201, raw.body)
  const school = await get('/v1/calendars/cn-school/entries?start=2027-01-01&end=2027-12-31', jh.accessToken)
  const sj = json<{ entries: { start: string; end: string; kind: string }[]; coverageGaps: unknown[] }>(
    school,
  )
  t.same(
    sj.entries.map((e) => [e.start, e.end, e.kind]),
    [['2027-01-25', '2027-02-19', 'school_holiday']],
  )
  t.same(sj.coverageGaps, [{ start: '2027-09-01', end: '2027-12-31' }], 'beyond the imported data')

  const badIcs = await post('/v1/officer/calendars/import', officerJh.accessToken, {
    format: 'ics',
    content: 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:garbage\nEND:VEVENT\nEND:VCALENDAR\n',
    calendarId: 'cn-school',
  })
  t.equal(badIcs.statusCode, 400, badIcs.body)
  t.match(json<Problem>(badIcs).errors?.[0]?.field, /^content/)
})

interface Plan {
  id: string
  status: string
  windows: { start: string; end: string }[]
  rejected: { start: string; end: string; reasons: { code: string; date: string; endDate?: string }[] }[]
  coverageGaps: unknown[]
  confirmations: { host: string | null; travellers: string | null }
  visitId: string | null
}

t.test('a calendar file is capped (clear 400) and stored in batches (no 500 at the cap)', async (t) => {
  // Far in the future, so the entries block nothing the other tests plan.
  const day = (i: number) => new Date(Date.UTC(2090, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)
  const csv = (n: number) => `${Array.from({ length: n }, (_, i) => `${day(i % 3000)};;exam;X`).join('\n')}\n`
  const upload = (content: string) =>
    post('/v1/officer/calendars/import', officerJh.accessToken, {
      format: 'csv',
      content,
      institutionId: jhClub.id,
      mode: 'append',
    })
  const huge = csv(20_000)
  t.equal(huge.length, 380_000, 'the 380 KB of the finding, under the size limit')
  const refused = await upload(huge)
  t.equal(refused.statusCode, 400, refused.body.slice(0, 200))
  t.match(String(refused.headers['content-type']), /^application\/problem\+json/)
  t.match(json<Problem>(refused).errors, [{ field: 'content', message: /20000 entries.*at most 5000/ }])
  const atCap = await upload(csv(5_000))
  t.equal(atCap.statusCode, 201, atCap.body.slice(0, 200))
  t.equal(json<{ entries: number }>(atCap).entries, 5_000)
  const [stored] = await ctx.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from calendar_entries where institution_id = ${jhClub.id} and start_date >= '2090-01-01'`
  t.equal(stored!.n, 5_000, 'every entry stored')
})

t.test('a visit window is blocked by the NRW summer holidays of the host school', async (t) => {
  const res = await post(`/v1/partnerships/${partnershipId}/visit-plans`, jh.accessToken, {
    direction: 'jinhua_to_duren',
    days: 10,
    groupSize: 12,
    range: { start: '2026-07-06', end: '2026-07-31' },
  })
  t.equal(res.statusCode, 201, res.body)
  const plan = json<Plan>(res)
  t.ok(plan.windows.length > 0, 'windows before the holidays remain')
  for (const w of plan.windows) t.ok(w.end < '2026-07-20', `${w.start}..${w.end} ends before Sommerferien`)
  const blocked = plan.rejected.filter((r) => r.reasons.some((x) => x.code === 'HOST_SCHOOL_HOLIDAY'))
  t.ok(blocked.length > 0, 'windows in the summer holidays are rejected with the reason')
  t.ok(blocked.every((r) => r.end >= '2026-07-20'))
  const forbidden = await get(`/v1/visit-plans/${plan.id}`, outsider.accessToken)
  t.equal(forbidden.statusCode, 404, 'not a member of either institution')
  const officer = await get(`/v1/visit-plans/${plan.id}`, officerDu.accessToken)
  t.equal(officer.statusCode, 200)
  t.equal(json<{ canAct: boolean }>(officer).canAct, false, 'officers read only')
})

t.test("an institution's own blackout rejects windows with a reason", async (t) => {
  const add = await post(`/v1/institutions/${duSchool.id}/calendar-entries`, du.accessToken, {
    entries: [{ start: '2026-06-08', end: '2026-06-12', kind: 'blackout', name: { de: 'Projektwoche' } }],
  })
  t.equal(add.statusCode, 201, add.body)
  t.equal(
    (
      await post(`/v1/institutions/${duSchool.id}/calendar-entries`, jh.accessToken, {
        entries: [{ start: '2026-06-01', kind: 'blackout' }],
      })
    ).statusCode,
    404,
    'only its own members',
  )
  const res = await post(`/v1/partnerships/${partnershipId}/visit-plans`, du.accessToken, {
    direction: 'jinhua_to_duren',
    days: 5,
    groupSize: 10,
    range: { start: '2026-06-01', end: '2026-06-21' },
  })
  t.equal(res.statusCode, 201, res.body)
  const plan = json<Plan>(res)
  for (const w of plan.windows) t.ok(w.end < '2026-06-08' || w.start > '2026-06-12', `${w.start}..${w.end}`)
  const reason = plan.rejected.flatMap((r) => r.reasons).find((x) => x.code === 'HOST_BLACKOUT')
  t.ok(reason, 'HOST_BLACKOUT given')
  const dropped = await post(`/v1/visit-plans/${plan.id}/cancel`, jh.accessToken, {})
  t.equal(dropped.statusCode, 200, dropped.body)
  t.equal(json<Plan>(dropped).status, 'cancelled')
  t.same(await planEvents(plan.id), [
    ['visit_plan.proposed', [jhClub.id], duSchool.id],
    ['visit_plan.dropped', [duSchool.id], jhClub.id],
  ])
  t.equal(
    (
      await post(`/v1/visit-plans/${plan.id}/confirm`, du.accessToken, {
        start: plan.windows[0]?.start ?? '2026-06-01',
      })
    ).statusCode,
    409,
  )
})

t.test('bad input answers problem+json naming the field', async (t) => {
  const cases: [string, string, unknown, string][] = [
    [
      '/v1/scheduling/slots',
      'end before start',
      {
        participants: [{ timeZone: 'Europe/Berlin' }],
        range: { start: '2026-05-10', end: '2026-05-01' },
        slotMinutes: 60,
      },
      'range.end',
    ],
    [
      '/v1/scheduling/slots',
      'unknown zone',
      {
        participants: [{ timeZone: 'Europe/Berlin' }, { timeZone: 'Mars/Olympus_Mons' }],
        range: { start: '2026-05-01', end: '2026-05-10' },
        slotMinutes: 60,
      },
      'participants[1].timeZone',
    ],
    [
      `/v1/partnerships/${partnershipId}/visit-plans`,
      'visit longer than the range',
      {
        direction: 'duren_to_jinhua',
        days: 10,
        groupSize: 5,
        range: { start: '2026-05-01', end: '2026-05-05' },
      },
      'days',
    ],
    [
      `/v1/partnerships/${partnershipId}/visit-plans`,
      'visit range end before start',
      {
        direction: 'duren_to_jinhua',
        days: 3,
        groupSize: 5,
        range: { start: '2026-05-10', end: '2026-05-01' },
      },
      'range.end',
    ],
    [
      `/v1/partnerships/${partnershipId}/visit-plans`,
      'bad direction',
      { direction: 'sideways', days: 3, groupSize: 5, range: { start: '2026-05-01', end: '2026-05-10' } },
      'direction',
    ],
  ]
  for (const [url, what, body, field] of cases) {
    const res = await post(url, du.accessToken, body)
    t.equal(res.statusCode, 400, `${what}: ${res.body}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.ok(
      json<Problem>(res).errors?.some((e) => e.field === field),
      `${what} names ${field}: ${res.body}`,
    )
  }
})

async function outboxEvents(type: string, key: string, id: string) {
  return ctx.app.dbHandle.sql<
    { payload: { sequence: number; uid: string; time: { start: string; allDay?: boolean } } }[]
  >`
    select payload from outbox where event_type = ${type} and queue = 'notify' and payload->>${key} = ${id}
    order by created_at`
}

/** Visit-plan messages of a plan: who is told, and by whom. */
async function planEvents(planId: string) {
  const rows = await ctx.app.dbHandle.sql<
    { event_type: string; payload: { audience: { institutionIds: string[] }; by: { id: string } } }[]
  >`select event_type, payload from outbox
    where event_type like 'visit\_plan.%' and queue = 'notify' and payload->>'planId' = ${planId}
    order by created_at, id`
  return rows.map((r) => [r.event_type, r.payload.audience.institutionIds, r.payload.by.id])
}

t.test('choose → meeting.scheduled with a parsable ICS; reschedule and cancel keep the uid', async (t) => {
  const base = Date.UTC(2030, 0, 7, 8, 0)
  const m = await proposedMeeting(
    ctx.app,
    partnershipId,
    duSchool.id,
    jhClub.id,
    [0, 1, 2].map((d) => new Date(base + d * 86_400_000)),
  )
  t.equal((await get(`/v1/meetings/${m.id}`, outsider.accessToken)).statusCode, 404)
  const asOfficer = await get(`/v1/meetings/${m.id}`, officerJh.accessToken)
  t.equal(asOfficer.statusCode, 200)
  t.equal(json<{ canAct: boolean }>(asOfficer).canAct, false)
  t.equal(
    (await post(`/v1/meetings/${m.id}/choose`, officerJh.accessToken, { slotIndex: 0 })).statusCode,
    403,
  )
  t.equal(
    (await get(`/v1/meetings/${m.id}/ics`, du.accessToken)).statusCode,
    409,
    'no ICS before a time is chosen',
  )
  const badPick = await post(`/v1/meetings/${m.id}/choose`, du.accessToken, { slotIndex: 7 })
  t.equal(badPick.statusCode, 400)
  t.equal(json<Problem>(badPick).errors?.[0]?.field, 'slotIndex')

  const chosen = await post(`/v1/meetings/${m.id}/choose`, du.accessToken, { slotIndex: 1 })
  t.equal(chosen.statusCode, 200, chosen.body)
  t.equal(json<{ status: string }>(chosen).status, 'scheduled')
  const late = await post(`/v1/meetings/${m.id}/choose`, jh.accessToken, { slotIndex: 0 })
  t.equal(late.statusCode, 409, 'the first pick booked it')
  const [scheduled] = await outboxEvents('meeting.scheduled', 'meetingId', m.id)
  t.equal(scheduled?.payload.sequence, 0)
  t.equal(scheduled?.payload.uid, m.uid)
  t.equal(scheduled?.payload.time.start, '2030-01-08T08:00:00.000Z')

  const icsRes = await get(`/v1/meetings/${m.id}/ics`, jh.accessToken)
  t.equal(icsRes.statusCode, 200)
  t.match(icsRes.headers['content-type'], /text\/calendar/)
  t.match(icsRes.body, /DTSTART:20300108T080000Z/)
  const ics = parseIcs(icsRes.body)
  t.equal(ics.method, 'REQUEST')
  t.equal(ics.events[0]?.uid, m.uid)
  t.equal(ics.events[0]?.sequence, 0)
  t.same(ics.events[0]?.start, { type: 'instant', instant: '2030-01-08T08:00:00.000Z' })
  t.equal(
    (await get(`/v1/meetings/${m.id}/ics`, officerDu.accessToken)).statusCode,
    200,
    'officers may download',
  )

  const moved = await post(`/v1/meetings/${m.id}/reschedule`, jh.accessToken, {
    start: '2030-01-10T07:30:00Z',
  })
  t.equal(moved.statusCode, 200, moved.body)
  const [changed] = await outboxEvents('meeting.changed', 'meetingId', m.id)
  t.equal(changed?.payload.uid, m.uid)
  t.equal(changed?.payload.sequence, 1)
  t.equal(changed?.payload.time.start, '2030-01-10T07:30:00.000Z')
  const past = await post(`/v1/meetings/${m.id}/reschedule`, jh.accessToken, {
    start: '2020-01-10T07:30:00Z',
  })
  t.equal(past.statusCode, 400)

  const cancelled = await post(`/v1/meetings/${m.id}/cancel`, du.accessToken, {})
  t.equal(cancelled.statusCode, 200, cancelled.body)
  const [cancel] = await outboxEvents('meeting.cancelled', 'meetingId', m.id)
  t.equal(cancel?.payload.uid, m.uid)
  t.equal(cancel?.payload.sequence, 2)
  const cancelIcs = parseIcs((await get(`/v1/meetings/${m.id}/ics`, du.accessToken)).body)
  t.equal(cancelIcs.method, 'CANCEL')
  t.equal(cancelIcs.events[0]?.sequence, 2)
  t.equal(cancelIcs.events[0]?.status, 'CANCELLED')
})

t.test('both sides confirm a window → visit.scheduled all-day; change and cancel', async (t) => {
  const res = await post(`/v1/partnerships/${partnershipId}/visit-plans`, du.accessToken, {
    direction: 'jinhua_to_duren',
    days: 7,
    groupSize: 8,
    range: { start: '2026-09-07', end: '2026-10-09' },
  })
  t.equal(res.statusCode, 201, res.body)
  const plan = json<Plan>(res)
  const [w0, w1] = plan.windows
  t.ok(w0 && w1, 'at least two windows')
  const notAWindow = await post(`/v1/visit-plans/${plan.id}/confirm`, du.accessToken, { start: '2026-01-01' })
  t.equal(notAWindow.statusCode, 400)
  const first = await post(`/v1/visit-plans/${plan.id}/confirm`, du.accessToken, { start: w0!.start })
  t.equal(json<Plan>(first).status, 'open', 'one side is not enough')
  const other = await post(`/v1/visit-plans/${plan.id}/confirm`, jh.accessToken, { start: w1!.start })
  t.equal(json<Plan>(other).status, 'open', 'different windows do not book')
  const again = await post(`/v1/visit-plans/${plan.id}/confirm`, jh.accessToken, { start: w1!.start })
  t.equal(again.statusCode, 200, 'confirming the same window again answers the plan')
  const agree = await post(`/v1/visit-plans/${plan.id}/confirm`, jh.accessToken, { start: w0!.start })
  const booked = json<Plan>(agree)
  t.same(
    await planEvents(plan.id),
    [
      ['visit_plan.proposed', [jhClub.id], duSchool.id],
      ['visit_plan.window_confirmed', [jhClub.id], duSchool.id],
      ['visit_plan.window_confirmed', [duSchool.id], jhClub.id],
    ],
    'the other side is told of each step once; the booking itself is visit.scheduled',
  )
  t.equal(booked.status, 'booked', agree.body)
  t.ok(booked.visitId)
  const [ev] = await outboxEvents('visit.scheduled', 'visitId', booked.visitId!)
  t.same(ev?.payload.time, { start: w0!.start, end: w0!.end, allDay: true })
  const ics = parseIcs((await get(`/v1/visits/${booked.visitId}/ics`, jh.accessToken)).body)
  t.same(ics.events[0]?.start, { type: 'date', date: w0!.start })
  t.equal(ics.events[0]?.sequence, 0)

  const change = await post(`/v1/visits/${booked.visitId}/change`, du.accessToken, { start: w1!.start })
  t.equal(change.statusCode, 200, change.body)
  const [changed] = await outboxEvents('visit.changed', 'visitId', booked.visitId!)
  t.equal(changed?.payload.sequence, 1)
  const intoHolidays = await post(`/v1/visits/${booked.visitId}/change`, du.accessToken, {
    start: '2026-10-19',
  })
  t.equal(intoHolidays.statusCode, 409, 'the new dates are checked like a window (NRW autumn holidays)')
  const rejection = JSON.parse(intoHolidays.body) as {
    code: string
    reasons: { code: string; date: string }[]
  }
  t.equal(rejection.code, 'VISIT_DATES_REJECTED')
  t.ok(
    rejection.reasons.some((r) => r.code.startsWith('HOST_') && r.date >= '2026-10-19'),
    'the reasons come as data, with the affected date',
  )
  const cancel = await post(`/v1/visits/${booked.visitId}/cancel`, jh.accessToken, {})
  t.equal(cancel.statusCode, 200)
  const [cancelled] = await outboxEvents('visit.cancelled', 'visitId', booked.visitId!)
  t.equal(cancelled?.payload.sequence, 2)
  t.equal(cancelled?.payload.uid, ev?.payload.uid)

  const overview = await get(`/v1/partnerships/${partnershipId}/schedule`, jh.accessToken)
  t.equal(overview.statusCode, 200, overview.body)
  const o = json<{ meetings: unknown[]; visitPlans: Plan[]; visits: { id: string; status: string }[] }>(
    overview,
  )
  t.ok(o.visits.some((v) => v.id === booked.visitId && v.status === 'cancelled'))
  t.ok(o.visitPlans.length >= 3 && o.meetings.length >= 1)
  t.equal((await get(`/v1/partnerships/${partnershipId}/schedule`, outsider.accessToken)).statusCode, 404)
})

t.test(
  "officers' edits of an institution calendar are audited; malformed calendar ids are 404",
  async (t) => {
    const add = await post(`/v1/institutions/${duSchool.id}/calendar-entries`, officerDu.accessToken, {
      entries: [{ start: '2035-03-02', kind: 'closure' }],
    })
    t.equal(add.statusCode, 201, add.body)
    const [entry] = json<{ items: { id: string }[] }>(add).items
    const del = await ctx.app.inject({
      method: 'DELETE',
      url: `/v1/institutions/${duSchool.id}/calendar-entries/${entry!.id}`,
      headers: bearer(officerDu.accessToken),
    })
    t.equal(del.statusCode, 204, del.body)
    const audit = await ctx.app.dbHandle.sql`
    select actor_id, action from audit_log
    where entity_type = 'institution' and entity_id = ${duSchool.id} and action like 'calendar.%' order by id`
    t.same(
      audit.map((r) => [r.actor_id, r.action]),
      [
        [officerDu.id, 'calendar.entries_added'],
        [officerDu.id, 'calendar.entry_deleted'],
      ],
      'officer actions only (members editing their own calendar are not audited)',
    )
    const bad = await get(
      '/v1/calendars/institution:not-a-uuid/entries?start=2035-01-01&end=2035-12-31',
      du.accessToken,
    )
    t.equal(bad.statusCode, 404, bad.body)
  },
)
