import { readFileSync } from 'node:fs'
import { auditLog, institutionClaims, institutions, memberships, outbox } from '@dj/db'
import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  json,
  registerCoordinator,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import { and, eq } from 'drizzle-orm'
import t from 'tap'

// Issue 14, item 6: schools from open data. The office imports the NRW Schulgrunddaten (Düren)
// or a Jinhua list in our template; each school becomes an unclaimed entry (idempotent by school
// number, filtered to the county, kinds and municipalities mapped, coordinates converted, the
// licence named in the answer). A coordinator claims one, the office sees the email-domain hint
// and confirms (owner member) or refuses; outbox events both ways; seven actors on every route.

let ctx: TestContext
let a: SevenActors
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url))
const nrw = fixture('schulgrunddaten-dueren.csv')
const jinhua = fixture('jinhua-schools.csv')

t.before(async () => {
  ctx = await startTestApp('opendata')
  a = await sevenActors(ctx.app)
})
t.teardown(() => ctx?.close())

const headers = (who: ActorName, extra: Record<string, string> = {}) => {
  const token = tokenOf(a, who)
  return { ...(token ? bearer(token) : {}), ...extra }
}
const upload = (who: ActorName, format: string, body: Buffer | string) =>
  ctx.app.inject({
    method: 'POST',
    url: `/v1/officer/open-data/imports?format=${format}&fileName=schuldaten.csv`,
    headers: headers(who, { 'content-type': 'text/csv' }),
    payload: body,
  })
const send = (method: 'GET' | 'POST', url: string, who: ActorName | string, payload?: object) =>
  ctx.app.inject({
    method,
    url,
    headers: who.length > 20 ? bearer(who) : headers(who as ActorName),
    ...(payload ? { payload } : {}),
  })

interface Result {
  side: string
  encoding: string
  rows: number
  added: number
  updated: number
  unchanged: number
  skipped: { line: number; sourceKey: string; reason: string }[]
  attribution: { licence: string } | null
}
interface School {
  id: string
  name: string
  side: string
  kind: string
  subtype: string | null
  municipalityId: string
  lat: number | null
  claimState: string
  myClaimId: string | null
}
interface Claim {
  id: string
  status: string
  institution: { id: string; name: string }
  domainMatch: boolean
  schoolDomain: string | null
  claimantDomain: string | null
  claimant: { email: string }
}

const schools = async (who: ActorName | string = 'du', query = '') =>
  json<{ items: School[]; attribution: { licence: string }[] }>(
    await send('GET', `/v1/open-data/schools${query}`, who),
  )

t.test('import: seven actors; only the office of the side (or an admin)', async (t) => {
  const expected: Record<ActorName, number> = {
    anonymous: 401,
    du: 403,
    jh: 403,
    stranger: 403,
    officerDu: 200,
    officerJh: 403,
    admin: 200,
  }
  for (const who of ACTOR_NAMES)
    t.equal((await upload(who, 'schulgrunddaten', nrw)).statusCode, expected[who], who)
  const jh = await upload('officerJh', 'jinhua_list', jinhua)
  t.equal(jh.statusCode, 200, 'the Jinhua office imports its list')
  t.equal((await upload('officerDu', 'jinhua_list', jinhua)).statusCode, 403, 'not the other side')
  const anon = await ctx.app.inject({
    method: 'POST',
    url: '/v1/officer/open-data/imports?format=nonsense',
    headers: { 'content-type': 'text/csv' },
    payload: 'x',
  })
  t.equal(anon.statusCode, 401, 'anonymous before validation')
})

t.test('import: filtered, mapped, idempotent, with the attribution', async (t) => {
  await ctx.app.db.delete(institutions).where(eq(institutions.source, 'schulgrunddaten'))
  const first = json<Result>(await upload('officerDu', 'schulgrunddaten', nrw))
  t.match(first, { side: 'duren', encoding: 'utf-8', rows: 5, added: 3, updated: 0, unchanged: 0 })
  t.same(
    first.skipped.map((s) => [s.line, s.sourceKey, s.reason]),
    [
      [6, '199004', 'outside_region'],
      [7, '199005', 'closed'],
    ],
  )
  t.match(first.attribution, { licence: 'Datenlizenz Deutschland – Namensnennung – Version 2.0' })
  const rows = await ctx.app.db.select().from(institutions).where(eq(institutions.source, 'schulgrunddaten'))
  t.equal(rows.length, 3)
  const bk = rows.find((r) => r.sourceKey === '199003')!
  t.match(bk, {
    side: 'duren',
    kind: 'vocational',
    subtype: 'vocational_college',
    municipalityId: 'dn-juelich',
    status: 'pending',
    claimState: 'unclaimed',
  })
  t.ok(Math.abs(bk.lat! - 50.9225) < 1e-5 && Math.abs(bk.lon! - 6.3583) < 1e-5, 'UTM converted')
  const members = await ctx.app.db.select().from(memberships).where(eq(memberships.institutionId, bk.id))
  t.same(members, [], 'no members')

  const again = json<Result>(await upload('officerDu', 'schulgrunddaten', nrw))
  t.match(again, { added: 0, updated: 0, unchanged: 3 }, 'a re-import changes nothing')
  // The same file saved by German Excel in Windows-1252, with one school renamed.
  const text = nrw.toString('utf8').replace('Katholische Grundschule Nörvenich', 'KGS Nörvenich-Süd')
  const cp1252 = Buffer.from(text.replace(/–/g, '\u0096'), 'latin1')
  const third = json<Result>(await upload('officerDu', 'schulgrunddaten', cp1252))
  t.match(third, { encoding: 'windows-1252', added: 0, updated: 1, unchanged: 2 })
  const renamed = await ctx.app.db.select().from(institutions).where(eq(institutions.sourceKey, '199002'))
  t.equal(renamed.length, 1, 'updated by school number, never duplicated')
  t.equal(renamed[0]!.name, 'KGS Nörvenich-Süd', 'umlauts read from Windows-1252')

  const bad = await upload('officerDu', 'schulgrunddaten', 'external_key,name\n1,x\n')
  t.equal(bad.statusCode, 400)
  t.match(json<{ detail: string }>(bad).detail, /Schulnummer/)
  t.equal(
    (await ctx.app.db.select().from(auditLog).where(eq(auditLog.action, 'open_data.imported'))).length > 0,
    true,
  )
})

t.test('the Jinhua template is served to the offices', async (t) => {
  const expected: Record<ActorName, number> = {
    anonymous: 401,
    du: 403,
    jh: 403,
    stranger: 403,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES) {
    const r = await send('GET', '/v1/officer/open-data/template.csv', who)
    t.equal(r.statusCode, expected[who], who)
    if (r.statusCode === 200) {
      t.match(r.headers['content-type'], /^text\/csv/)
      t.match(r.body, /^school_code,name_zh,name_en,type,county/)
    }
  }
})

t.test('unclaimed schools: every signed-in user reads them, with the attribution', async (t) => {
  for (const who of ACTOR_NAMES) {
    const r = await send('GET', '/v1/open-data/schools?side=duren', who)
    t.equal(r.statusCode, who === 'anonymous' ? 401 : 200, who)
  }
  const list = await schools('jh', '?side=duren')
  t.same(list.items.map((s) => s.name).sort(), [
    'Berufskolleg Jülich des Kreises Düren – Technik und Wirtschaft',
    'KGS Nörvenich-Süd',
    'Städtisches Gymnasium am Wirteltor',
  ])
  t.equal(list.attribution.length, 1)
  const jh = await schools('du', '?side=jinhua')
  t.same(
    jh.items.map((s) => [s.name, s.kind, s.municipalityId]),
    [
      ['义乌工商职业技术学院', 'vocational', 'jh-yiwu'],
      ['金华市第一中学', 'school', 'jh-wucheng'],
    ],
  )
  t.same(jh.attribution, [], 'our own template carries no third-party licence')
  t.equal((await schools('du', '?q=wirtel')).items.length, 1)
  // Not in the officers' verification queue: nobody registered them.
  const queue = json<{ items: { name: string }[] }>(
    await send('GET', '/v1/officer/institutions?status=pending&limit=100', 'officerDu'),
  )
  t.notOk(queue.items.some((i) => i.name.includes('Wirteltor') && i.name.startsWith('Städtisches')))
})

t.test('claim flow: request, domain hint, confirm or refuse, events', async (t) => {
  const list = await schools('du', '?side=duren')
  const gym = list.items.find((s) => s.name.startsWith('Städtisches'))!
  const bk = list.items.find((s) => s.name.startsWith('Berufskolleg'))!
  const gs = list.items.find((s) => s.name.startsWith('KGS'))!
  // A teacher of the Gymnasium, by the school's own domain.
  const teacher = await registerCoordinator(ctx.app, 'h.lehrer@gymnasium-wirteltor.example')
  const claimAs = (who: ActorName | string, id: string) =>
    send('POST', `/v1/open-data/schools/${id}/claim`, who, { role: 'Schulleitung' })

  const expected: Record<ActorName, number> = {
    anonymous: 401,
    du: 201,
    jh: 409,
    stranger: 409,
    officerDu: 403,
    officerJh: 403,
    admin: 403,
  }
  for (const who of ACTOR_NAMES)
    t.equal((await claimAs(who, bk.id)).statusCode, expected[who], `claim ${who}`)
  t.equal((await claimAs(teacher.accessToken, gym.id)).statusCode, 201, 'teacher claims the Gymnasium')
  t.equal((await claimAs('stranger', gs.id)).statusCode, 201, 'stranger claims the Grundschule')
  t.equal((await claimAs('du', a.school.id)).statusCode, 404, 'a registered institution cannot be claimed')
  const mine = await schools('du')
  t.ok(mine.items.find((s) => s.id === bk.id)?.myClaimId, 'my open claim is shown', { items: mine.items })

  const requested = await ctx.app.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.queue, 'notify')))
  const claimEvents = requested
    .map(
      (r) =>
        r.payload as { type: string; audience?: object; domainMatch?: boolean; institution?: { id: string } },
    )
    .filter((p) => p.type === 'institution.claim_requested')
  t.equal(claimEvents.length, 3)
  t.same(claimEvents.find((e) => e.institution?.id === gym.id)?.audience, { officerSides: ['duren'] })
  t.equal(claimEvents.find((e) => e.institution?.id === gym.id)?.domainMatch, true)
  t.equal(claimEvents.find((e) => e.institution?.id === bk.id)?.domainMatch, false)

  // The office's list: seven actors.
  const listExpected: Record<ActorName, number> = {
    anonymous: 401,
    du: 403,
    jh: 403,
    stranger: 403,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES)
    t.equal(
      (await send('GET', '/v1/officer/open-data/claims', who)).statusCode,
      listExpected[who],
      `list ${who}`,
    )
  const claims = json<{ items: Claim[] }>(
    await send('GET', '/v1/officer/open-data/claims?status=pending', 'officerDu'),
  )
  t.equal(claims.items.length, 3)
  const gymClaim = claims.items.find((c) => c.institution.id === gym.id)!
  t.match(gymClaim, {
    domainMatch: true,
    schoolDomain: 'gymnasium-wirteltor.example',
    claimantDomain: 'gymnasium-wirteltor.example',
  })
  const bkClaim = claims.items.find((c) => c.institution.id === bk.id)!
  t.match(bkClaim, { domainMatch: false, schoolDomain: 'bk-juelich.example' })
  const gsClaim = claims.items.find((c) => c.institution.id === gs.id)!
  t.same(
    json<{ items: Claim[] }>(await send('GET', '/v1/officer/open-data/claims', 'officerJh')).items,
    [],
    'not the other office',
  )

  const oneExpected: Record<ActorName, number> = { ...listExpected, officerJh: 404 }
  for (const who of ACTOR_NAMES)
    t.equal(
      (await send('GET', `/v1/officer/open-data/claims/${gymClaim.id}`, who)).statusCode,
      oneExpected[who],
      `one ${who}`,
    )

  const decide = (who: ActorName, id: string, body: object) =>
    send('POST', `/v1/officer/open-data/claims/${id}/decision`, who, body)
  for (const who of ['anonymous', 'du', 'jh', 'stranger', 'officerJh'] as const)
    t.equal(
      (await decide(who, gymClaim.id, { decision: 'confirm' })).statusCode,
      oneExpected[who],
      `decide ${who}`,
    )
  const refuseNoReason = await decide('officerDu', bkClaim.id, { decision: 'refuse' })
  t.equal(refuseNoReason.statusCode, 400, 'a refusal says why')

  const confirmed = await decide('officerDu', gymClaim.id, { decision: 'confirm' })
  t.equal(confirmed.statusCode, 200)
  t.equal(json<Claim>(confirmed).status, 'confirmed')
  t.equal(
    (await decide('officerDu', gymClaim.id, { decision: 'refuse', reason: 'x' })).statusCode,
    409,
    'decided once',
  )
  const [owner] = await ctx.app.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.institutionId, gym.id), eq(memberships.userId, teacher.id)))
  t.equal(owner?.role, 'owner', 'the claimant owns the school')
  const [gymRow] = await ctx.app.db.select().from(institutions).where(eq(institutions.id, gym.id))
  t.match(gymRow, { claimState: 'claimed', status: 'verified' })
  const page = await send('GET', `/v1/institutions/${gym.id}`, teacher.accessToken)
  t.equal(page.statusCode, 200, 'the new owner reads the profile')

  t.equal(
    (await decide('officerDu', bkClaim.id, { decision: 'refuse', reason: 'Keine Verbindung zur Schule' }))
      .statusCode,
    200,
  )
  t.equal(
    (await decide('admin', gsClaim.id, { decision: 'confirm' })).statusCode,
    200,
    'an admin decides too',
  )
  const [bkRow] = await ctx.app.db.select().from(institutions).where(eq(institutions.id, bk.id))
  t.equal(bkRow!.claimState, 'unclaimed', 'refused: open for claims again')
  t.equal((await claimAs('jh', bk.id)).statusCode, 201, 'another coordinator may claim it now')

  const decided = (await ctx.app.db.select().from(outbox).where(eq(outbox.queue, 'notify')))
    .map(
      (r) =>
        r.payload as {
          type: string
          audience?: { userIds?: string[] }
          decision?: string
          reason?: string | null
        },
    )
    .filter((p) => p.type === 'institution.claim_decided')
  t.same(
    decided.map((d) => [d.decision, d.audience?.userIds]),
    [
      ['confirmed', [teacher.id]],
      ['refused', [a.du.id]],
      ['confirmed', [a.stranger.id]],
    ],
  )
  t.equal(decided[1]!.reason, 'Keine Verbindung zur Schule')
  const stored = await ctx.app.db.select().from(institutionClaims)
  t.equal(stored.length, 4)

  // A re-import leaves the claimed school's name to its owner but keeps its address current.
  await ctx.app.db
    .update(institutions)
    .set({ name: 'Gymnasium am Wirteltor Düren' })
    .where(eq(institutions.id, gym.id))
  const moved = nrw.toString('utf8').replace('Wirtelstraße 12', 'Wirtelstraße 14')
  const r = json<Result>(await upload('officerDu', 'schulgrunddaten', moved))
  t.match(r, { added: 0 })
  const [after] = await ctx.app.db.select().from(institutions).where(eq(institutions.id, gym.id))
  t.equal(after!.name, 'Gymnasium am Wirteltor Düren')
  t.equal(after!.address?.street, 'Wirtelstraße 14')
})
