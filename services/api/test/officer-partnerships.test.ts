import type { AgreementFields } from '@dj/agreement'
import { partnerships } from '@dj/db'
import {
  bearer,
  createStaff,
  json,
  registerCoordinator,
  type SeededInstitution,
  seedInstitution,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t from 'tap'

// Issue 12, item 7: the offices' list of partnerships with their agreement's state (none, draft,
// ready with who still signs, signed by the institutions, completed), its filters, and the seven
// actors. The agreements are made through the agreement routes, as the coordinators make them.

let ctx: TestContext
type Login = Awaited<ReturnType<typeof registerCoordinator>>
let du: Login
let jh: Login
let stranger: Login
let officerDu: Login
let officerJh: Login
let admin: Login
let schoolA: SeededInstitution
let schoolB: SeededInstitution
let clubX: SeededInstitution
let clubY: SeededInstitution
/** none: A–X; draft: A–Y; the one that goes all the way: B–X. */
const pid: Record<'none' | 'draft' | 'signing', string> = { none: '', draft: '', signing: '' }

interface Item {
  id: string
  duren: { id: string; name: string }
  jinhua: { id: string; name: string }
  status: string
  agreement: {
    version: number
    countersign: boolean
    pending: { slot: string }[]
    completedAt: string | null
  } | null
  lastChange: string
}
interface Page {
  items: Item[]
  nextCursor: string | null
  total: number
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, token: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
const list = async (query: string, token: string) => {
  const res = await send('GET', `/v1/officer/partnerships${query}`, token)
  if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${res.body}`)
  return json<Page>(res)
}
const ids = (p: Page) => p.items.map((i) => i.id).sort()
const byId = (p: Page, id: string) => p.items.find((i) => i.id === id)

async function pair(a: SeededInstitution, b: SeededInstitution) {
  const [p] = await ctx.app.db
    .insert(partnerships)
    .values({ interestA: a.interestId, interestB: b.interestId, institutionA: a.id, institutionB: b.id })
    .returning()
  return p!.id
}

t.before(async () => {
  ctx = await startTestApp('officer_partnerships')
  du = await registerCoordinator(ctx.app, 'lehrerin@gym-dueren.de')
  jh = await registerCoordinator(ctx.app, 'laoshi@jinhua-school.cn', {
    locale: 'zh',
    timeZone: 'Asia/Shanghai',
  })
  stranger = await registerCoordinator(ctx.app, 'fremd@other-school.de')
  officerDu = await createStaff(ctx.app, 'amt@kreis-dueren.de', 'officer', 'duren')
  officerJh = await createStaff(ctx.app, 'office@jinhua.gov.cn', 'officer', 'jinhua')
  admin = await createStaff(ctx.app, 'admin@platform.example', 'admin')
  schoolA = await seedInstitution(ctx.app, 'duren', 'Gymnasium am Wirteltor', [du.id])
  schoolB = await seedInstitution(ctx.app, 'duren', 'Realschule Nideggen', [du.id])
  clubX = await seedInstitution(ctx.app, 'jinhua', '金华第一中学', [jh.id])
  clubY = await seedInstitution(ctx.app, 'jinhua', '婺城实验学校', [jh.id])
  await seedInstitution(ctx.app, 'duren', 'Realschule Jülich', [stranger.id])
  pid.none = await pair(schoolA, clubX)
  pid.draft = await pair(schoolA, clubY)
  pid.signing = await pair(schoolB, clubX)
})
t.teardown(() => ctx.close())

const agreementOf = (id: string) => `/v1/partnerships/${id}/agreement`

/** Drafts the agreement and fills every gap in one edit (either coordinator may edit both sides). */
async function draftComplete(id: string): Promise<{ hash: string }> {
  const created = await send('POST', agreementOf(id), du.accessToken, {})
  if (created.statusCode !== 201) throw new Error(created.body)
  const a = json<{ hash: string; fields: AgreementFields }>(created)
  const f = structuredClone(a.fields)
  f.parties.duren.name.zh = '维尔特尔门文理中学'
  f.parties.duren.address = { de: 'Wirteltorplatz 1, 52349 Düren' }
  f.parties.jinhua.name.de = 'Jinhua Nr. 1 Mittelschule'
  f.parties.jinhua.address = { zh: '浙江省金华市婺城区八一南街 1 号' }
  f.purpose.aims = { de: 'Gemeinsame Umweltprojekte.', zh: '共同的环境项目。' }
  f.period = { start: '2027-05-10', end: '2027-05-20' }
  f.term.validUntil = '2028-05-20'
  const edited = await send('PUT', agreementOf(id), du.accessToken, { baseHash: a.hash, fields: f })
  if (edited.statusCode !== 200) throw new Error(edited.body)
  return json<{ agreement: { hash: string } }>(edited).agreement
}

async function act(path: string, token: string, hash: string): Promise<{ hash: string; status: string }> {
  const res = await send('POST', `${agreementOf(pid.signing)}${path}`, token, { hash })
  if (res.statusCode !== 200) throw new Error(res.body)
  return json(res)
}

t.test('seven actors: anonymous 401, coordinators 403, both offices and admins read', async (t) => {
  t.equal((await send('GET', '/v1/officer/partnerships', null)).statusCode, 401)
  t.equal((await send('GET', '/v1/officer/partnerships?limit=0', null)).statusCode, 401, 'before validation')
  for (const c of [du, jh, stranger])
    t.equal((await send('GET', '/v1/officer/partnerships', c.accessToken)).statusCode, 403)
  for (const who of [officerDu, officerJh, admin])
    t.same(ids(await list('', who.accessToken)), Object.values(pid).sort(), 'every partnership')
  t.equal(
    (await send('GET', '/v1/officer/partnerships?side=jinhua', officerDu.accessToken)).statusCode,
    403,
    'an officer does not speak for the other office',
  )
  const bad = await send('GET', '/v1/officer/partnerships?status=signed', officerDu.accessToken)
  t.equal(bad.statusCode, 400)
  t.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8')
})

t.test('statuses, who still signs, and the filters as the agreement moves on', async (t) => {
  await send('POST', agreementOf(pid.draft), jh.accessToken, {})
  let page = await list('', officerDu.accessToken)
  t.match(byId(page, pid.none), {
    status: 'none',
    agreement: null,
    duren: { id: schoolA.id, name: 'Gymnasium am Wirteltor' },
    jinhua: { id: clubX.id, name: '金华第一中学' },
  })
  t.match(byId(page, pid.draft), { status: 'draft', agreement: { version: 1, pending: [] } })
  t.equal(page.items[0]!.id, pid.draft, 'last change first')

  const { hash } = await draftComplete(pid.signing)
  let a = await act('/submit', jh.accessToken, hash)
  a = await act('/sign', du.accessToken, a.hash)
  page = await list('?status=ready_for_signature', officerJh.accessToken)
  t.same(ids(page), [pid.signing])
  t.equal(page.total, 1)
  t.match(page.items[0], {
    status: 'ready_for_signature',
    agreement: {
      version: 2,
      countersign: true,
      pending: [{ slot: 'jinhua.first', side: 'jinhua', kind: 'first' }],
    },
  })
  t.same(ids(await list('?waitingForMyOffice=true', officerDu.accessToken)), [], 'not the offices yet')

  a = await act('/sign', jh.accessToken, a.hash)
  t.equal(a.status, 'signed_by_institutions')
  page = await list('?status=signed_by_institutions', officerDu.accessToken)
  t.same(
    page.items[0]!.agreement!.pending.map((p) => p.slot),
    ['duren.officer', 'jinhua.officer'],
  )
  for (const who of [officerDu, officerJh])
    t.same(ids(await list('?waitingForMyOffice=true', who.accessToken)), [pid.signing], 'both offices asked')

  await act('/sign', officerJh.accessToken, a.hash)
  t.same(ids(await list('?waitingForMyOffice=true', officerJh.accessToken)), [], 'Jinhua’s office has signed')
  t.same(ids(await list('?waitingForMyOffice=true', officerDu.accessToken)), [pid.signing], 'Düren’s has not')
  t.same(ids(await list('?waitingForMyOffice=true&side=jinhua', admin.accessToken)), [])
  t.same(
    ids(await list('?waitingForMyOffice=true', admin.accessToken)),
    [pid.signing],
    'admins: either office',
  )
  t.same(
    byId(await list('', officerJh.accessToken), pid.signing)!.agreement!.pending.map((p) => p.slot),
    ['duren.officer'],
  )

  await act('/sign', officerDu.accessToken, a.hash)
  page = await list('?status=completed', admin.accessToken)
  t.same(ids(page), [pid.signing])
  t.match(page.items[0], { status: 'completed', agreement: { pending: [] } })
  t.ok(page.items[0]!.agreement!.completedAt)
  t.same(ids(await list('?status=none', officerDu.accessToken)), [pid.none])
  t.same(ids(await list('?status=draft', officerDu.accessToken)), [pid.draft])
  t.same(ids(await list('?waitingForMyOffice=true', officerDu.accessToken)), [])
})

t.test('text search over both institutions’ names, and keyset paging with the total', async (t) => {
  t.same(ids(await list('?q=wirteltor', officerDu.accessToken)), [pid.none, pid.draft].sort())
  t.same(ids(await list(`?q=${encodeURIComponent('婺城')}`, officerDu.accessToken)), [pid.draft])
  t.same(ids(await list('?q=100%25', officerDu.accessToken)), [], '% taken literally')
  const seen: string[] = []
  let cursor: string | null = null
  do {
    const page: Page = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`, officerJh.accessToken)
    t.equal(page.total, 3, 'the total on every page')
    seen.push(...page.items.map((i) => i.id))
    cursor = page.nextCursor
  } while (cursor)
  t.same([...seen].sort(), Object.values(pid).sort(), 'each partnership once')
  t.equal(seen[0], pid.signing, 'the last change first')
  const foreign = await send('GET', '/v1/officer/partnerships?cursor=abc', officerJh.accessToken)
  t.equal(foreign.statusCode, 400)
})
