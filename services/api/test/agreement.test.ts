import { type AgreementFields, SOURCES } from '@dj/agreement'
import { partnerships, timers } from '@dj/db'
import {
  bearer,
  json,
  type Login,
  type RunningNotifier,
  type SeededInstitution,
  sevenActors,
  startNotifierBeside,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import { eq } from 'drizzle-orm'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import t from 'tap'

// Issue 12, items 3–6 and the stale-version test of item 8: the exchange agreement through the
// API. Drafted from the partnership, edited by both coordinators, sent out, signed by both
// institutions, voided by an edit (with the diff), signed again, countersigned by both offices;
// stale versions refused with 409 problem+json; every version's PDF in German and Chinese; the
// outbox events with their recipients (ids only); the timeline; all seven actors on every route.

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
let partnershipId: string
let base: string

interface Signature {
  slot: string
  name: string
  role: string
  side: string
  institutionId: string | null
  version: number
  versionHash: string
}
interface Agreement {
  id: string
  version: number
  hash: string
  status: string
  fields: AgreementFields
  gaps: { path: string; problem: string }[]
  sections: { id: string; columns: { lang: string; heading: string; paragraphs: string[] }[] }[]
  signatures: Signature[]
  pending: { slot: string; side: string; kind: string }[]
  completedAt: string | null
  viewer: { canEdit: boolean; canSign: boolean }
}
interface Problem {
  status: number
  code: string
  current?: { version: number; hash: string }
  errors?: { field: string; message: string }[]
}

const send = (method: 'GET' | 'POST' | 'PUT', url: string, token: string | null, payload?: object) =>
  ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
const get = (url: string, token: string | null) => send('GET', url, token)

async function current(token = du.accessToken): Promise<Agreement> {
  const res = await get(base, token)
  if (res.statusCode !== 200) throw new Error(res.body)
  return json<Agreement>(res)
}

/** The text of every page of a PDF as a reader (or a search) gets it; white space dropped. */
async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
  }).promise
  let text = ''
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('')
  }
  await doc.destroy()
  return squash(text)
}
const squash = (s: string) => s.replace(/\s+/g, '')

/** The agreement events in the outbox (notify queue), oldest first. */
async function events(type: string) {
  return ctx.app.dbHandle.sql<{ payload: Record<string, unknown> & { audience: Record<string, unknown> } }[]>`
    select payload from outbox
    where event_type = ${type} and queue = 'notify' and payload->>'partnershipId' = ${partnershipId}
    order by created_at, id`
}
const sorted = (xs: unknown) => [...(xs as string[])].sort()

// What the coordinators fill in: the second script, addresses, people, aims (German and Chinese).
const ADDRESS_DU = 'Wirteltorplatz 1, 52349 Düren'
const ADDRESS_JH = '浙江省金华市婺城区八一南街 1 号'
const AIMS_ZH = '通过共同的环境项目加深两校学生的相互了解。'

t.before(async () => {
  ctx = await startTestApp('agreement')
  ;({ du, jh, stranger, officerDu, officerJh, admin, school, club } = await sevenActors(ctx.app, ''))
  const [p] = await ctx.app.db
    .insert(partnerships)
    .values({
      interestA: school.interestId,
      interestB: club.interestId,
      institutionA: school.id,
      institutionB: club.id,
    })
    .returning()
  partnershipId = p!.id
  base = `/v1/partnerships/${partnershipId}/agreement`
  mail = await startNotifierBeside(ctx)
})
t.teardown(async () => {
  await mail?.close()
  await ctx.close()
})

t.test(
  'the whole journey: draft, both edit, submit, both sign, an edit voids, re-sign, countersign',
  async (t) => {
    t.equal((await get(base, du.accessToken)).statusCode, 404, 'no agreement yet')

    // Drafted from the partnership: the two institutions, their coordinators, their interests.
    const created = await send('POST', base, du.accessToken, {})
    t.equal(created.statusCode, 201, created.body)
    let a = json<Agreement>(created)
    t.match(a, {
      version: 1,
      status: 'draft',
      signatures: [],
      pending: [],
      viewer: { canEdit: true, canSign: false },
    })
    t.equal(a.fields.parties.duren.institutionId, school.id)
    t.equal(a.fields.parties.jinhua.institutionId, club.id)
    t.equal(a.fields.parties.duren.name.de, 'Gymnasium am Wirteltor')
    t.equal(a.fields.parties.jinhua.name.zh, '金华第一中学')
    t.same(
      a.fields.parties.duren.contacts.map((c: { name: string }) => c.name),
      ['lehrerin'],
      'the coordinator',
    )
    t.ok(a.fields.topics.length > 0 && a.fields.purpose.formats.length > 0, 'from the interests')
    t.ok(
      a.gaps.some((g) => g.path === 'parties.duren.name.zh'),
      'the Chinese name is still missing',
    )
    t.same(
      a.sections[0]!.columns.map((c) => c.lang),
      ['de', 'zh'],
      'German and Chinese side by side by default',
    )
    const en = json<Agreement>(await get(`${base}?languages=zh,en`, jh.accessToken))
    t.same(
      en.sections[0]!.columns.map((c) => c.lang),
      ['zh', 'en'],
      'the reader’s languages',
    )
    t.equal((await get(`${base}?languages=fr`, du.accessToken)).statusCode, 400, 'only de, zh, en')

    const again = await send('POST', base, jh.accessToken, {})
    t.equal(again.statusCode, 409)
    t.equal(json<Problem>(again).code, 'AGREEMENT_EXISTS', 'one agreement per partnership')

    // A draft with gaps does not go out; it is not signed either.
    const early = await send('POST', `${base}/submit`, du.accessToken, { hash: a.hash })
    t.equal(early.statusCode, 422, early.body)
    t.equal(early.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.ok(
      json<Problem>(early).errors!.some((e) => e.field === 'parties.duren.name.zh'),
      'names the gaps',
    )
    const unsignable = await send('POST', `${base}/sign`, du.accessToken, { hash: a.hash })
    t.equal(unsignable.statusCode, 409)
    t.equal(json<Problem>(unsignable).code, 'AGREEMENT_NOT_READY')

    // Düren fills its side, then Jinhua its own (each on the version the other left).
    const v1 = a.hash
    const duFields = structuredClone(a.fields)
    duFields.parties.duren.name.zh = '维尔特尔门文理中学'
    duFields.parties.duren.address = { de: ADDRESS_DU }
    duFields.purpose.aims = {
      de: 'Gemeinsame Umweltprojekte vertiefen das Verständnis der Schülerinnen und Schüler.',
    }
    const e1 = await send('PUT', base, du.accessToken, { baseHash: v1, fields: duFields })
    t.equal(e1.statusCode, 200, e1.body)
    a = json<{ agreement: Agreement }>(e1).agreement
    t.equal(a.version, 2)

    // An edit made on version 1 after version 2 exists: 409 with the current version.
    const staleEdit = await send('PUT', base, jh.accessToken, { baseHash: v1, fields: duFields })
    t.equal(staleEdit.statusCode, 409)
    t.equal(staleEdit.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(json<Problem>(staleEdit), {
      status: 409,
      code: 'AGREEMENT_STALE_VERSION',
      current: { version: 2, hash: a.hash },
    })

    const jhFields = structuredClone(a.fields)
    jhFields.parties.jinhua.name.de = 'Jinhua Nr. 1 Mittelschule'
    jhFields.parties.jinhua.address = { zh: ADDRESS_JH }
    jhFields.purpose.aims.zh = AIMS_ZH
    jhFields.period = { start: '2027-05-10', end: '2027-05-20' }
    jhFields.term.validUntil = '2028-05-20'
    const e2 = await send('PUT', base, jh.accessToken, { baseHash: a.hash, fields: jhFields })
    t.equal(e2.statusCode, 200, e2.body)
    const edited2 = json<{ agreement: Agreement; changes: { path: string }[]; voided: Signature[] }>(e2)
    a = edited2.agreement
    t.same(edited2.voided, [], 'nothing signed yet, nothing voided')
    t.ok(
      edited2.changes.some((c) => c.path === 'parties.jinhua.address.zh'),
      'the diff of the edit',
    )
    t.same(a.gaps, [], 'complete')
    t.equal(a.status, 'draft', 'a draft stays a draft until it is submitted')

    const invalid = await send('PUT', base, jh.accessToken, {
      baseHash: a.hash,
      fields: {
        ...jhFields,
        groups: { duren: { bands: [{ name: 'Max Mustermann' }], accompanyingAdults: 1 } },
      },
    })
    t.equal(invalid.statusCode, 422, 'fields outside the schema (no pupil names)')
    t.equal(json<Problem>(invalid).code, 'AGREEMENT_INVALID_FIELDS')

    // Out for signature.
    const submitted = await send('POST', `${base}/submit`, jh.accessToken, { hash: a.hash })
    t.equal(submitted.statusCode, 200, submitted.body)
    a = json<Agreement>(submitted)
    t.equal(a.status, 'ready_for_signature')
    t.same(
      a.pending.map((p) => p.slot),
      ['duren.first', 'jinhua.first'],
      'the institutions sign first',
    )
    t.equal((await current(officerDu.accessToken)).viewer.canSign, false, 'not the offices yet')
    const officerFirst = await send('POST', `${base}/sign`, officerDu.accessToken, { hash: a.hash })
    t.equal(officerFirst.statusCode, 409)
    t.equal(json<Problem>(officerFirst).code, 'AGREEMENT_INSTITUTIONS_FIRST')

    const submittedHash = a.hash
    // The scheduler's reminders for the open places (planned from agreement.ready; no scheduler
    // runs here, so they are written as it writes them).
    const reminder = (slot: string) => ({
      id: `agreement-reminder_${a.id}_${a.version}_${slot}_1`,
      kind: 'agreement.reminder',
      target: `agreement:${a.id}`,
      fireAt: new Date(Date.now() + 3 * 86_400_000),
      sequence: a.version,
      payload: { agreementId: a.id, slot, step: 1 },
    })
    await ctx.app.db.insert(timers).values([reminder('duren.first'), reminder('jinhua.first')])
    const s1 = await send('POST', `${base}/sign`, du.accessToken, { hash: a.hash })
    t.equal(s1.statusCode, 200, s1.body)
    const reminders = await ctx.app.db
      .select({ id: timers.id, status: timers.status })
      .from(timers)
      .where(eq(timers.target, `agreement:${a.id}`))
      .orderBy(timers.id)
    t.same(
      reminders.map((r) => [r.id.split('_')[3], r.status]),
      [
        ['duren.first', 'cancelled'],
        ['jinhua.first', 'pending'],
      ],
      "the signer's reminders stop in the signature's transaction, the other's wait",
    )
    a = json<Agreement>(s1)
    t.match(a.signatures, [
      { slot: 'duren.first', name: 'lehrerin', institutionId: school.id, versionHash: a.hash },
    ])
    const twice = await send('POST', `${base}/sign`, du.accessToken, { hash: a.hash })
    t.equal(twice.statusCode, 409)
    t.equal(json<Problem>(twice).code, 'AGREEMENT_ALREADY_SIGNED')

    // A signature on a stale version is refused: 409 problem+json with the current hash.
    const staleSign = await send('POST', `${base}/sign`, jh.accessToken, { hash: v1 })
    t.equal(staleSign.statusCode, 409)
    t.equal(staleSign.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(json<Problem>(staleSign), {
      code: 'AGREEMENT_STALE_VERSION',
      current: { version: 3, hash: a.hash },
    })

    const s2 = await send('POST', `${base}/sign`, jh.accessToken, { hash: a.hash })
    t.equal(s2.statusCode, 200, s2.body)
    a = json<Agreement>(s2)
    t.equal(a.status, 'signed_by_institutions')
    t.same(
      a.pending.map((p) => p.slot),
      ['duren.officer', 'jinhua.officer'],
      'the offices countersign next',
    )

    // Jinhua changes a number after both signed: every signature is voided, the diff shown.
    const changed = structuredClone(a.fields)
    changed.groups.jinhua.accompanyingAdults = changed.groups.jinhua.accompanyingAdults + 1
    const e3 = await send('PUT', base, jh.accessToken, { baseHash: a.hash, fields: changed })
    t.equal(e3.statusCode, 200, e3.body)
    const edited3 = json<{
      agreement: Agreement
      changes: { path: string; before: number; after: number }[]
      voided: Signature[]
    }>(e3)
    t.same(
      edited3.changes.map((c) => c.path),
      ['groups.jinhua.accompanyingAdults'],
      'exactly what changed',
    )
    t.equal(edited3.changes[0]!.after, edited3.changes[0]!.before + 1)
    t.same(
      edited3.voided.map((s) => s.slot).sort(),
      ['duren.first', 'jinhua.first'],
      'both signatures voided',
    )
    a = edited3.agreement
    t.match(a, { version: 4, status: 'ready_for_signature', signatures: [] })
    t.not(a.hash, submittedHash)
    t.equal((await current(du.accessToken)).viewer.canSign, true, 'Düren is asked again')

    // Both sign again, then both offices countersign.
    for (const who of [du, jh]) {
      const r = await send('POST', `${base}/sign`, who.accessToken, { hash: a.hash })
      t.equal(r.statusCode, 200, r.body)
    }
    t.equal(
      (await send('POST', `${base}/sign`, admin.accessToken, { hash: a.hash })).statusCode,
      403,
      'admins read',
    )
    const c1 = await send('POST', `${base}/sign`, officerJh.accessToken, { hash: a.hash })
    t.equal(c1.statusCode, 200, c1.body)
    t.equal(json<Agreement>(c1).status, 'signed_by_institutions', 'one office is not enough')
    const c2 = await send('POST', `${base}/sign`, officerDu.accessToken, { hash: a.hash })
    t.equal(c2.statusCode, 200, c2.body)
    a = json<Agreement>(c2)
    t.equal(a.status, 'countersigned')
    t.ok(a.completedAt, 'completed')
    t.same(a.pending, [])
    t.same(
      a.signatures.map((s) => [s.slot, s.role, s.version]),
      [
        ['duren.first', 'coordinator', 4],
        ['jinhua.first', 'coordinator', 4],
        ['jinhua.officer', 'officer', 4],
        ['duren.officer', 'officer', 4],
      ],
    )
    t.equal(a.viewer.canEdit, false, 'a complete agreement is not edited')
    const late = await send('PUT', base, du.accessToken, { baseHash: a.hash, fields: changed })
    t.equal(late.statusCode, 409)
    t.equal(json<Problem>(late).code, 'AGREEMENT_COMPLETED')
  },
)

t.test('the outbox: each step in its transaction, the right recipients, ids only', async (t) => {
  const a = await current()
  const ready = await events('agreement.ready')
  t.equal(ready.length, 2, 'submitted once, sent out again after the edit')
  for (const e of ready)
    t.same(sorted(e.payload.audience.institutionIds), sorted([school.id, club.id]), 'all who sign')

  const signed = await events('agreement.signed')
  t.equal(signed.length, 6, 'two institution signatures, twice, and two countersignatures')
  const bySlot = (slot: string) => signed.filter((e) => e.payload.slot === slot).map((e) => e.payload)
  t.same(
    bySlot('duren.first')[0]!.audience,
    { institutionIds: [club.id] },
    'Düren’s signature: Jinhua is told',
  )
  t.same(
    bySlot('jinhua.first')[0]!.audience,
    { institutionIds: [school.id], officerSides: ['duren', 'jinhua'] },
    'the institutions are done: the offices are asked',
  )
  t.equal(bySlot('jinhua.first')[0]!.institutionsSigned, true)
  t.equal(bySlot('duren.first')[0]!.institutionsSigned, false)
  t.same(bySlot('jinhua.officer')[0]!.audience, {
    institutionIds: [school.id, club.id],
    officerSides: ['duren'],
  })
  t.equal(bySlot('jinhua.officer')[0]!.by, null, 'an office, not an institution')

  const voided = await events('agreement.voided')
  t.equal(voided.length, 1)
  t.same(
    voided[0]!.payload.audience,
    { institutionIds: [school.id], userIds: [du.id] },
    'everyone who had signed (but the editor) and the other institution',
  )
  t.match(voided[0]!.payload, { voidedVersion: 3, version: 4, changes: 1, by: { id: club.id } })

  const completed = await events('agreement.completed')
  t.equal(completed.length, 1)
  t.same(completed[0]!.payload.audience, {
    institutionIds: [school.id, club.id],
    officerSides: ['duren', 'jinhua'],
  })
  t.match(completed[0]!.payload, { agreementId: a.id, version: 4, hash: a.hash })

  // The notifier resolves the audience: both institutions' coordinators and both offices.
  const told = await waitFor(
    async () => {
      const rows = await ctx.app.dbHandle.sql<{ user_id: string }[]>`
        select user_id from notifications where event_type = 'agreement.completed'
          and payload->>'agreementId' = ${a.id}`
      return rows.length >= 4 ? rows : undefined
    },
    { what: 'the completion in everyone’s inbox', timeoutMs: 20_000 },
  )
  t.same(sorted(told.map((r) => r.user_id)), sorted([du.id, jh.id, officerDu.id, officerJh.id]))
  const zh = await waitFor(
    () =>
      mail.sink.messages.find(
        (m) => m.to.includes('laoshi@jinhua-school.cn') && m.subject === '合作协议已全部签署',
      ),
    { what: 'the completion mail in Chinese', timeoutMs: 20_000 },
  )
  t.ok(zh.text.includes(`/partnerships/${partnershipId}/workspace#agreement`), 'links to the agreement')
  t.notOk(
    told.some((r) => r.user_id === stranger.id || r.user_id === admin.id),
    'nobody else',
  )

  const all = JSON.stringify([...ready, ...signed, ...voided, ...completed])
  for (const content of [ADDRESS_DU, ADDRESS_JH, AIMS_ZH, 'lehrerin'])
    t.notOk(all.includes(content), `no field content in the events: ${content.slice(0, 12)}…`)
})

t.test('versions: every one kept, newest first, with its diff and its signatures', async (t) => {
  const res = await get(`${base}/versions`, officerJh.accessToken)
  t.equal(res.statusCode, 200, res.body)
  const { items } = json<{
    items: {
      version: number
      hash: string
      readyAt: string | null
      changes: { path: string }[]
      signatures: (Signature & { voidedAt: string | null })[]
    }[]
  }>(res)
  t.same(
    items.map((v) => v.version),
    [4, 3, 2, 1],
  )
  t.same(
    items[0]!.changes.map((c) => c.path),
    ['groups.jinhua.accompanyingAdults'],
  )
  t.same(items[3]!.changes, [], 'the first version has nothing to compare with')
  t.equal(items[0]!.signatures.length, 4)
  t.ok(items[0]!.signatures.every((s) => s.voidedAt === null))
  t.same(items[1]!.signatures.map((s) => s.slot).sort(), ['duren.first', 'jinhua.first'])
  t.ok(
    items[1]!.signatures.every((s) => s.voidedAt !== null && s.versionHash === items[1]!.hash),
    'voided, hash kept',
  )
  t.ok(items[1]!.readyAt && !items[2]!.readyAt, 'version 3 went out, version 2 stayed a draft')
  t.equal(new Set(items.map((v) => v.hash)).size, 4, 'a hash per version')
})

t.test('the PDF of a version: a download whose text has the German and the Chinese clauses', async (t) => {
  const a = await current()
  const res = await get(`${base}/versions/4/pdf`, jh.accessToken)
  t.equal(res.statusCode, 200, res.body.slice(0, 200))
  t.equal(res.headers['content-type'], 'application/pdf')
  t.match(
    String(res.headers['content-disposition']),
    /^attachment; filename="agreement-[0-9a-f]{8}-v4\.pdf"$/,
  )
  const text = await pdfText(res.rawPayload)
  for (const clause of [
    SOURCES.de['dataProtection.no_pupil_data.v1'],
    SOURCES.zh['dataProtection.no_pupil_data.v1'],
    ADDRESS_JH,
    AIMS_ZH,
    '维尔特尔门文理中学',
    'Gymnasium am Wirteltor',
  ])
    t.ok(text.includes(squash(clause)), `finds: ${clause.slice(0, 30)}…`)
  t.ok(text.includes(a.hash), 'the version hash')
  t.ok(text.includes('lehrerin') && text.includes('laoshi'), 'the signers’ names')
  t.ok(text.includes('unterzeichnetam') && !text.includes('nochnichtunterzeichnet'), 'every place signed')

  const old = await get(`${base}/versions/1/pdf?languages=de,en`, du.accessToken)
  t.equal(old.statusCode, 200)
  const oldText = await pdfText(old.rawPayload)
  t.notOk(oldText.includes(ADDRESS_DU.replace(/\s+/g, '')), 'version 1 as it was, before the address')
  t.ok(oldText.includes('nochnichtunterzeichnet'), 'its places open')
  t.notOk(oldText.includes('unterzeichnetam'), 'no signature printed on it')
  t.equal((await get(`${base}/versions/9/pdf`, du.accessToken)).statusCode, 404)
})

t.test('the timeline tells the agreement’s story', async (t) => {
  const res = await get(`/v1/partnerships/${partnershipId}/workspace`, officerDu.accessToken)
  t.equal(res.statusCode, 200, res.body)
  const timeline = json<{ timeline: { kind: string; version?: number; side: string | null }[] }>(res).timeline
  const of = (kind: string) => timeline.filter((e) => e.kind === kind)
  t.equal(of('agreement.version').length, 4)
  t.same(
    of('agreement.ready')
      .map((e) => e.version)
      .sort(),
    [3, 4],
  )
  t.equal(of('agreement.signed').length, 6)
  t.same(
    of('agreement.voided').map((e) => e.version),
    [3],
  )
  t.same(
    of('agreement.completed').map((e) => e.version),
    [4],
  )
  t.equal(timeline[0]!.kind, 'agreement.completed', 'newest first')
})

t.test('access: all seven actors on every agreement route', async (t) => {
  const a = await current()
  const stale = '0'.repeat(64)
  const routes: Record<string, (token: string | null) => ReturnType<typeof get>> = {
    'GET agreement': (tk) => get(base, tk),
    'POST agreement': (tk) => send('POST', base, tk, {}),
    'PUT agreement': (tk) => send('PUT', base, tk, { baseHash: stale, fields: a.fields }),
    'POST submit': (tk) => send('POST', `${base}/submit`, tk, { hash: stale }),
    'POST sign': (tk) => send('POST', `${base}/sign`, tk, { hash: stale }),
    'GET versions': (tk) => get(`${base}/versions`, tk),
    'GET pdf': (tk) => get(`${base}/versions/1/pdf`, tk),
  }
  const all = (status: number) => Object.fromEntries(Object.keys(routes).map((r) => [r, status]))
  // The agreement is complete: writes that pass the access check end in 409 (completed).
  const member = {
    ...all(200),
    'POST agreement': 409,
    'PUT agreement': 409,
    'POST submit': 409,
    'POST sign': 409,
  }
  const officer = {
    ...all(200),
    'POST agreement': 403,
    'PUT agreement': 403,
    'POST submit': 403,
    'POST sign': 409,
  }
  const expected: Record<string, Record<string, number>> = {
    anonymous: all(401),
    'coordinator Düren': member,
    'coordinator Jinhua': member,
    'stranger coordinator': all(404),
    'officer Düren': officer,
    'officer Jinhua': officer,
    admin: { ...all(200), 'POST agreement': 403, 'PUT agreement': 403, 'POST submit': 403, 'POST sign': 403 },
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
  for (const [actor, statuses] of Object.entries(expected))
    for (const [name, call] of Object.entries(routes)) {
      const res = await call(tokens[actor]!)
      t.equal(res.statusCode, statuses[name], `${actor}: ${name}`)
      if (res.statusCode >= 400) t.match(res.headers['content-type'], /^application\/problem\+json/)
    }
  const strangerView = await get(base, stranger.accessToken)
  t.notOk(strangerView.body.includes(ADDRESS_JH), 'nothing leaks to a stranger')

  // Anonymous callers get 401 before the body is looked at.
  const garbage = await ctx.app.inject({
    method: 'POST',
    url: `${base}/sign`,
    headers: { 'content-type': 'application/json' },
    payload: '{"hash": [',
  })
  t.equal(garbage.statusCode, 401)
})
