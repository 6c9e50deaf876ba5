import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  bookedVisit,
  confirmedPartnership,
  countersignedAgreement,
  json,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import t from 'tap'

// Issue 13, item 5: agreement editions. "Plan the next one" starts edition 2 of a partnership's
// agreement; everything that reads the agreement reads the newest edition by default and the
// earlier ones on request (view, versions, PDFs), only the newest is edited and signed, the
// workspace timeline tells each edition's story labelled with it, the offices' list shows one row
// per partnership, and the signing events (which the scheduler's reminders follow) name the
// edition's own agreement id.

let ctx: TestContext
let a: SevenActors
let partnershipId: string
let base: string
let first: Agreement
let second: Agreement

const YEAR = new Date().getUTCFullYear()
const PAST = { start: `${YEAR - 1}-05-10`, end: `${YEAR - 1}-05-14` }

interface Agreement {
  id: string
  edition: number
  version: number
  hash: string
  status: string
  fields: { period: { start: string; end: string }; term: { validUntil: string } } & Record<string, unknown>
  editions: { edition: number; status: string; completedAt: string | null }[]
  viewer: { canEdit: boolean; canSign: boolean }
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}
const get = async (url: string, who: ActorName = 'du') => {
  const res = await send('GET', url, who)
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.body}`)
  return res
}

t.before(async () => {
  ctx = await startTestApp('agreement_editions')
  a = await sevenActors(ctx.app, 'ed')
  ;({ partnershipId } = await confirmedPartnership(ctx.app, a))
  base = `/v1/partnerships/${partnershipId}/agreement`
  await countersignedAgreement(ctx.app, a, partnershipId, PAST)
  await bookedVisit(ctx.app, a, partnershipId, { start: PAST.start })
  first = json<Agreement>(await get(base))
  const renewed = await send('POST', `/v1/partnerships/${partnershipId}/renew`, 'jh')
  if (renewed.statusCode !== 201) throw new Error(renewed.body)
  second = json<Agreement>(await get(base))
})
t.teardown(() => ctx.close())

t.test('the newest edition by default, an earlier one on request', async (t) => {
  t.match(first, { edition: 1, status: 'countersigned' })
  t.match(second, { edition: 2, version: 1, status: 'draft', viewer: { canEdit: true, canSign: false } })
  t.not(second.id, first.id, 'an agreement of its own')
  const old = json<Agreement>(await get(`${base}?edition=1`))
  t.match(old, { id: first.id, edition: 1, status: 'countersigned', hash: first.hash })
  t.same(old.viewer, { canEdit: false, canSign: false }, 'a record: not edited, not signed')
  t.same(
    old.editions.map((e) => [e.edition, e.status, e.completedAt !== null]),
    [
      [1, 'countersigned', true],
      [2, 'draft', false],
    ],
    'every edition listed, oldest first',
  )
  t.equal((await send('GET', `${base}?edition=3`, 'du')).statusCode, 404)
  t.equal((await send('GET', `${base}?edition=0`, 'du')).statusCode, 400)
})

t.test('seven actors read an earlier edition as they read the agreement', async (t) => {
  const expected: Record<ActorName, number> = {
    anonymous: 401,
    du: 200,
    jh: 200,
    stranger: 404,
    officerDu: 200,
    officerJh: 200,
    admin: 200,
  }
  for (const who of ACTOR_NAMES) {
    t.equal((await send('GET', `${base}?edition=1`, who)).statusCode, expected[who], `view ${who}`)
    t.equal(
      (await send('GET', `${base}/versions?edition=1`, who)).statusCode,
      expected[who],
      `versions ${who}`,
    )
    t.equal(
      (await send('GET', `${base}/versions/2/pdf?edition=1`, who)).statusCode,
      expected[who],
      `pdf ${who}`,
    )
  }
})

t.test('versions and PDFs per edition', async (t) => {
  type Versions = { items: { version: number; hash: string }[] }
  const newest = json<Versions>(await get(`${base}/versions`))
  const old = json<Versions>(await get(`${base}/versions?edition=1`))
  t.same(
    newest.items.map((v) => v.version),
    [1],
    'the new edition starts at version 1',
  )
  t.same(
    old.items.map((v) => v.version),
    [2, 1],
    'the first edition: drafted, filled in',
  )
  t.equal(old.items[0]!.hash, first.hash)

  const pdf = await get(`${base}/versions/2/pdf?edition=1`)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  t.match(pdf.headers['content-disposition'], /agreement-[0-9a-f]{8}-v2\.pdf/)
  const next = await get(`${base}/versions/1/pdf`)
  t.match(next.headers['content-disposition'], /agreement-[0-9a-f]{8}-e2-v1\.pdf/, 'the edition in the name')
  t.equal(
    (await send('GET', `${base}/versions/2/pdf`, 'du')).statusCode,
    404,
    'edition 2 has no version 2 yet',
  )
})

t.test('only the newest edition is edited and signed; the earlier stays as signed', async (t) => {
  const fields = structuredClone(second.fields)
  fields.period = { start: `${YEAR}-06-01`, end: `${YEAR}-06-05` }
  fields.term.validUntil = `${YEAR + 1}-06-05`
  const edited = await send('PUT', base, 'du', { baseHash: second.hash, fields })
  t.equal(edited.statusCode, 200, edited.body)
  const e = json<{ agreement: Agreement }>(edited).agreement
  t.match(e, { id: second.id, edition: 2, version: 2 })
  const submitted = await send('POST', `${base}/submit`, 'jh', { hash: e.hash })
  t.equal(submitted.statusCode, 200, submitted.body)
  const old = json<Agreement>(await get(`${base}?edition=1`))
  t.same(old.fields.period, first.fields.period)
  t.match(old, { status: 'countersigned', version: first.version, hash: first.hash })

  // The signing events name this edition's agreement: the scheduler plans and cancels its
  // reminders by that id (timers target `agreement:<id>`), so the editions' reminders never mix.
  const [ready] = await ctx.app.dbHandle.sql<{ payload: { agreementId: string; version: number } }[]>`
    select payload from outbox where event_type = 'agreement.ready' and queue = 'schedule'
      and payload->>'partnershipId' = ${partnershipId} order by created_at desc, id desc limit 1`
  t.match(ready?.payload, { agreementId: second.id, version: 2 })
})

t.test('the timeline tells each edition’s story, labelled with it', async (t) => {
  type Entry = { kind: string; subjectId: string; edition?: number; version?: number }
  const { timeline } = json<{ timeline: Entry[] }>(await get(`/v1/partnerships/${partnershipId}/workspace`))
  const agreementEntries = timeline.filter((e) => e.kind.startsWith('agreement.'))
  t.ok(
    agreementEntries.every((e) => e.edition === (e.subjectId === first.id ? 1 : 2)),
    'every entry names its edition',
  )
  const of = (edition: number, kind: string) =>
    agreementEntries.filter((e) => e.edition === edition && e.kind === kind).length
  t.equal(of(1, 'agreement.completed'), 1, 'the first edition was completed')
  t.equal(of(1, 'agreement.signed'), 4, 'by both institutions and both offices')
  t.equal(of(2, 'agreement.version'), 2, 'the second: drafted and edited')
  t.equal(of(2, 'agreement.ready'), 1)
  t.equal(of(2, 'agreement.completed'), 0)
})

t.test('the offices’ list: one row per partnership, with its newest edition', async (t) => {
  type Page = {
    items: {
      id: string
      status: string
      agreement: { id: string; edition: number; version: number } | null
    }[]
  }
  const page = json<Page>(await get('/v1/officer/partnerships?limit=50', 'officerDu'))
  const rows = page.items.filter((p) => p.id === partnershipId)
  t.equal(rows.length, 1, 'no row per edition')
  t.match(rows[0], { status: 'ready_for_signature', agreement: { id: second.id, edition: 2, version: 2 } })
})
