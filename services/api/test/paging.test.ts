import {
  auditLog,
  institutions,
  interests,
  matchRounds,
  memberships,
  notifications,
  proposals,
  users,
} from '@dj/db'
import { bearer, createStaff, json, registerCoordinator, startTestApp, type TestContext } from '@dj/stack'
import t, { type Test } from 'tap'

// Issue 16, deliverable 4: every list that can grow is keyset paged (stable sort key with the
// id as tiebreak, opaque cursor), searchable, sortable, with the total; a bad cursor is a 400
// problem, never a 500. The rows are written with equal sort keys on purpose, so only the id
// tiebreak keeps pages from skipping or repeating rows.

let ctx: TestContext
type Login = Awaited<ReturnType<typeof registerCoordinator>>
let coord: Login
let officer: Login
let admin: Login
let roundId = ''
const SAME_TIME = new Date('2026-11-01T10:00:00.123456Z')

t.before(async () => {
  ctx = await startTestApp('paging')
  coord = await registerCoordinator(ctx.app, 'koordination@paging.example')
  officer = await createStaff(ctx.app, 'amt@paging.example', 'officer', 'duren')
  admin = await createStaff(ctx.app, 'admin@paging.example', 'admin')
  const db = ctx.app.db
  // 23 pending Düren institutions registered at the same instant, 2 Jinhua ones.
  const du = await db
    .insert(institutions)
    .values(
      Array.from({ length: 23 }, (_, i) => ({
        side: 'duren' as const,
        name: `${i % 3 === 0 ? 'Gymnasium' : 'Realschule'} Nr. ${String(i).padStart(2, '0')}`,
        kind: 'school' as const,
        createdAt: SAME_TIME,
      })),
    )
    .returning({ id: institutions.id })
  const jh = await db
    .insert(institutions)
    .values([
      {
        side: 'jinhua' as const,
        name: '金华市第一中学',
        kind: 'school' as const,
        status: 'verified' as const,
      },
      {
        side: 'jinhua' as const,
        name: '兰溪市第二中学',
        kind: 'school' as const,
        status: 'verified' as const,
      },
    ])
    .returning({ id: institutions.id })
  await db
    .insert(memberships)
    .values(du.map((d) => ({ userId: coord.id, institutionId: d.id, role: 'owner' as const })))
  const interestOf = async (institutionId: string) =>
    (
      await db
        .insert(interests)
        .values({
          institutionId,
          formats: ['virtual_exchange'],
          topics: ['culture'],
          ageMin: 12,
          ageMax: 16,
          groupMin: 5,
          groupMax: 20,
          languages: [{ lang: 'en', level: 'intermediate' }],
          durationMinDays: 1,
          durationMaxDays: 5,
          direction: 'both',
        })
        .returning({ id: interests.id })
    )[0]!.id
  const jhInterest = await interestOf(jh[0]!.id)
  const [round] = await db.insert(matchRounds).values({ policy: 'stable', status: 'done' }).returning()
  roundId = round!.id
  // 23 proposals in one round, scores in three equal groups, all created at the same instant.
  for (const [i, d] of du.entries()) {
    await db.insert(proposals).values({
      roundId,
      interestA: await interestOf(d.id),
      interestB: jhInterest,
      institutionA: d.id,
      institutionB: jh[0]!.id,
      score: [0.9, 0.7, 0.5][i % 3]!,
      explanation: [],
      status: i % 4 === 0 ? 'accepted' : 'open',
      createdAt: SAME_TIME,
    })
  }
  await db.insert(notifications).values(
    Array.from({ length: 23 }, (_, i) => ({
      userId: coord.id,
      eventType: i % 2 ? 'proposal.created' : 'meeting.changed',
      title: `Nachricht ${i}`,
      body: 'Text',
      createdAt: SAME_TIME,
      readAt: i % 5 === 0 ? SAME_TIME : null,
    })),
  )
  await db.insert(auditLog).values(
    Array.from({ length: 23 }, (_, i) => ({
      actorId: officer.id,
      actorLabel: i % 2 ? 'Frau Prüferin' : 'Herr Amt',
      action: 'institution.verify',
      entityType: 'institution',
      entityId: du[i]!.id,
      at: SAME_TIME,
    })),
  )
  await db.insert(users).values(
    Array.from({ length: 20 }, (_, i) => ({
      email: `person${String(i).padStart(2, '0')}@paging.example`,
      displayName: i % 2 ? 'Gleicher Name' : `Person ${i}`,
      createdAt: SAME_TIME,
    })),
  )
})
t.teardown(() => ctx.close())

const get = (url: string, token: string | null) =>
  ctx.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })

interface Paged {
  items: { id: string }[]
  nextCursor: string | null
  total: number
}

/** Every page of a list, asserting the same total on each. */
async function pageThrough(t: Test, url: string, token: string, limit: number) {
  const seen: { id: string }[] = []
  let cursor: string | null = null
  let totals = new Set<number>()
  let pages = 0
  do {
    const sep = url.includes('?') ? '&' : '?'
    const res = await get(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      token,
    )
    t.equal(res.statusCode, 200, `${url} page ${pages + 1}`)
    const body = json<Paged>(res)
    t.ok(body.items.length <= limit)
    seen.push(...body.items)
    totals = totals.add(body.total)
    cursor = body.nextCursor
    pages++
  } while (cursor && pages < 50)
  t.equal(totals.size, 1, `${url}: the same total on every page`)
  const ids = seen.map((s) => s.id)
  t.equal(new Set(ids).size, ids.length, `${url}: no row on two pages`)
  return { items: seen, total: [...totals][0]!, pages }
}

async function badCursors(t: Test, url: string, token: string) {
  const sep = url.includes('?') ? '&' : '?'
  const foreign = Buffer.from(
    JSON.stringify({ s: 'other.asc', k: ['x', '00000000-0000-4000-8000-000000000000'] }),
  ).toString('base64url')
  const wrongType = Buffer.from(JSON.stringify({ s: 'nope', k: [{}, 1] })).toString('base64url')
  for (const cursor of ['not-a-cursor', 'bm9wZQ', foreign, wrongType, '%00%01']) {
    const res = await get(`${url}${sep}cursor=${cursor}`, token)
    t.equal(res.statusCode, 400, `${url} with cursor ${cursor.slice(0, 12)}…: 400`)
    t.match(String(res.headers['content-type']), /^application\/problem\+json/)
  }
  t.equal((await get(`${url}${sep}cursor=not-a-cursor`, null)).statusCode, 401, 'anonymous: 401 first')
}

t.test("a round's proposals: best first, every row once, searchable, by name", async (t) => {
  const url = `/v1/officer/rounds/${roundId}/proposals`
  const all = await pageThrough(t, url, officer.accessToken, 4)
  t.equal(all.total, 23)
  t.equal(all.items.length, 23)
  const scores = (all.items as unknown as { score: number }[]).map((p) => p.score)
  t.same(
    scores,
    [...scores].sort((a, b) => b - a),
    'best score first',
  )
  const byName = await pageThrough(t, `${url}?sort=duren`, officer.accessToken, 5)
  const names = (byName.items as unknown as { a: { institution: { name: string } } }[]).map(
    (p) => p.a.institution.name,
  )
  t.same(
    names,
    [...names].sort((a, b) => a.localeCompare(b, 'de')),
    'by the Düren name',
  )
  const found = await pageThrough(t, `${url}?q=gymnasium`, officer.accessToken, 3)
  t.equal(found.total, 8, 'search is case-blind')
  const accepted = await pageThrough(t, `${url}?status=accepted`, officer.accessToken, 10)
  t.equal(accepted.total, 6)
  const pct = await get(`${url}?q=${encodeURIComponent('100%')}`, officer.accessToken)
  t.equal(json<Paged>(pct).total, 0, '% is taken literally')
  await badCursors(t, url, officer.accessToken)
  // A cursor of one sort order is refused by another.
  const first = json<Paged>(await get(`${url}?limit=2`, officer.accessToken))
  const other = await get(`${url}?sort=jinhua&cursor=${first.nextCursor}`, officer.accessToken)
  t.equal(other.statusCode, 400)
  t.match(json<{ errors: { field: string }[] }>(other).errors[0]?.field, 'cursor')
})

t.test("the office's institution lists: all of them, not the first 200 only", async (t) => {
  const url = '/v1/officer/institutions?status=pending'
  const all = await pageThrough(t, url, officer.accessToken, 6)
  t.equal(all.total, 23, 'registered at the same instant, all listed once')
  const named = await pageThrough(t, `${url}&sort=name&dir=desc&q=Realschule`, officer.accessToken, 4)
  t.equal(named.total, 15)
  const n = (named.items as unknown as { name: string }[]).map((i) => i.name)
  t.same(n, [...n].sort().reverse())
  t.equal(json<Paged>(await get('/v1/officer/institutions?status=pending', admin.accessToken)).total, 23)
  t.equal(json<Paged>(await get('/v1/officer/institutions?status=verified', admin.accessToken)).total, 2)
  await badCursors(t, url, officer.accessToken)
})

t.test('the audit log: newest or oldest first, searchable by person', async (t) => {
  const all = await pageThrough(t, '/v1/officer/audit', officer.accessToken, 5)
  t.ok(all.total >= 23)
  const ids = all.items.map((i) => Number(i.id))
  t.same(
    ids,
    [...ids].sort((a, b) => b - a),
  )
  const asc = await pageThrough(t, '/v1/officer/audit?dir=asc', officer.accessToken, 7)
  t.same(
    asc.items.map((i) => i.id),
    [...all.items].reverse().map((i) => i.id),
  )
  t.equal((await pageThrough(t, '/v1/officer/audit?q=pr%C3%BCferin', officer.accessToken, 4)).total, 11)
  await badCursors(t, '/v1/officer/audit', officer.accessToken)
})

t.test('admin users: by email, by name with ties, search and role', async (t) => {
  const all = await pageThrough(t, '/v1/admin/users', admin.accessToken, 6)
  t.equal(all.total, 23)
  const emails = (all.items as unknown as { email: string }[]).map((u) => u.email)
  t.same(emails, [...emails].sort())
  const byName = await pageThrough(t, '/v1/admin/users?sort=name', admin.accessToken, 3)
  t.equal(byName.items.length, 23, 'ten people with the same name, none lost between pages')
  t.equal((await pageThrough(t, '/v1/admin/users?q=gleicher', admin.accessToken, 4)).total, 10)
  t.equal((await pageThrough(t, '/v1/admin/users?role=officer', admin.accessToken, 4)).total, 1)
  await badCursors(t, '/v1/admin/users', admin.accessToken)
})

t.test('the inbox: total and unread, by subject, every entry once', async (t) => {
  const all = await pageThrough(t, '/v1/notifications', coord.accessToken, 4)
  t.equal(all.total, 23)
  const unread = json<{ total: number; unread: number }>(
    await get('/v1/notifications?unread=true', coord.accessToken),
  )
  t.equal(unread.total, 18)
  t.equal(unread.unread, 18)
  t.equal((await pageThrough(t, '/v1/notifications?kind=meeting', coord.accessToken, 5)).total, 12)
  await badCursors(t, '/v1/notifications', coord.accessToken)
})

t.test("a coordinator's proposals: newest first, those waiting for an answer", async (t) => {
  const all = await pageThrough(t, '/v1/proposals', coord.accessToken, 4)
  t.equal(all.total, 23)
  const waiting = await pageThrough(t, '/v1/proposals?awaiting=true', coord.accessToken, 10)
  t.equal(waiting.total, 17, 'open and not answered by my side')
  await badCursors(t, '/v1/proposals', coord.accessToken)
})
