import {
  ACTOR_NAMES,
  bearer,
  bookedVisit,
  confirmedPartnership,
  everythingInPostgres,
  everythingInRedis,
  json,
  type SevenActors,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import t from 'tap'

// Issue 13, item 2: the host's visa invitation letter. Only the host institution's coordinators
// issue it (both directions render, in the host country's language and English); then every text
// and JSON value of every table, every Redis key and value of the run and every log line are
// searched for the travellers' names, birth dates and passport numbers: none may be anywhere.
// A refused request names the fields and never echoes what was typed.

const logLines: string[] = []
const logger = { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } }

let ctx: TestContext
let a: SevenActors
let toGermany: string // trip plan: the Jinhua club visits the Düren school (host: du)
let toChina: string // trip plan: the Düren school visits the Jinhua club (host: jh)

/** Invented people with invented, unusual values, so a find is never a coincidence. */
const TRAVELLERS_DE = [
  {
    familyName: 'Quastenberger',
    givenName: 'Ottilie',
    dateOfBirth: '2010-07-19',
    passportNumber: 'C7QX4Z9K2',
    sex: 'F',
    nationality: 'deutsch',
  },
  { familyName: 'Wurzelbrink', givenName: 'Leopold', dateOfBirth: '1979-03-08', passportNumber: 'C2LW8V5N1' },
]
const TRAVELLERS_ZH = [
  { familyName: '欧阳', givenName: '晓蕾', dateOfBirth: '2009-11-23', passportNumber: 'EJ7384219', sex: 'F' },
  {
    familyName: 'ZHUGE',
    givenName: 'LIANGYU',
    dateOfBirth: '1983-02-27',
    passportNumber: 'EK5529031',
    sex: 'M',
  },
]
const SECRETS = [...TRAVELLERS_DE, ...TRAVELLERS_ZH].flatMap((p) => [
  p.familyName,
  p.givenName,
  p.passportNumber,
  p.dateOfBirth,
  // The dates as the letter prints them, too.
  p.dateOfBirth.split('-').reverse().join('.'),
])

const letterUrl = (id: string) => `/v1/trip-plans/${id}/visa-letter`
const post = (id: string, token: string | null, payload: object) =>
  ctx.app.inject({ method: 'POST', url: letterUrl(id), payload, headers: token ? bearer(token) : {} })

async function textOf(pdf: Buffer) {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true })
    .promise
  let text = ''
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent()
    text += content.items.map((i) => ('str' in i ? i.str : '')).join('')
  }
  await doc.destroy()
  return text.replace(/\s+/g, '')
}

async function tripPlanOf(visitId: string, token: string) {
  const res = await ctx.app.inject({
    method: 'POST',
    url: `/v1/visits/${visitId}/trip-plan`,
    headers: bearer(token),
  })
  if (res.statusCode !== 201) throw new Error(`trip plan: ${res.statusCode} ${res.body}`)
  return json<{ id: string }>(res).id
}

t.before(async () => {
  ctx = await startTestApp('visa_letter', { RATE_LIMIT_PER_USER: '1000' }, { logger })
  a = await sevenActors(ctx.app, 'visa')
  const { partnershipId } = await confirmedPartnership(ctx.app, a)
  const inGermany = await bookedVisit(ctx.app, a, partnershipId, {
    start: '2027-06-01',
    direction: 'jinhua_to_duren',
  })
  const inChina = await bookedVisit(ctx.app, a, partnershipId, {
    start: '2027-09-10',
    direction: 'duren_to_jinhua',
  })
  toGermany = await tripPlanOf(inGermany.visitId, a.du.accessToken)
  toChina = await tripPlanOf(inChina.visitId, a.jh.accessToken)
})
t.teardown(() => ctx.close())

t.test('seven actors: only the host’s coordinators issue the letter', async (t) => {
  const payload = { travellers: TRAVELLERS_DE.slice(0, 1) }
  // Host of the trip to Germany: du; of the trip to China: jh.
  const expected = {
    anonymous: [401, 401],
    du: [200, 403],
    jh: [403, 200],
    stranger: [404, 404],
    officerDu: [403, 403],
    officerJh: [403, 403],
    admin: [403, 403],
  } as const
  for (const who of ACTOR_NAMES) {
    for (const [i, id] of [toGermany, toChina].entries()) {
      const res = await post(id, tokenOf(a, who), payload)
      t.equal(res.statusCode, expected[who][i], `${who} → ${i === 0 ? 'to Germany' : 'to China'}`)
      if (res.statusCode === 403 && (who === 'du' || who === 'jh'))
        t.equal(json(res).code, 'VISA_HOST_ONLY', 'the travelling side is told the host issues it')
    }
    // The form's read route follows the same rule.
    const info = await ctx.app.inject({
      method: 'GET',
      url: letterUrl(toGermany),
      headers: tokenOf(a, who) ? bearer(tokenOf(a, who)!) : {},
    })
    t.equal(info.statusCode, expected[who][0], `${who} reads the form's facts`)
  }
  t.equal(
    (await ctx.app.inject({ method: 'POST', url: letterUrl(toGermany), payload: 'not json' })).statusCode,
    401,
    'anonymous is refused before the body is read',
  )
})

t.test('a Chinese group to Germany: the German host’s letter in German and English', async (t) => {
  const res = await post(toGermany, a.du.accessToken, { travellers: TRAVELLERS_ZH, costs: 'shared' })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/pdf')
  t.match(
    res.headers['content-disposition'],
    /^attachment; filename="visa-invitation-schengen-c-\d{4}-\d{2}-\d{2}\.pdf"$/,
  )
  t.equal(res.headers['cache-control'], 'no-store')
  t.equal(res.headers['x-ratelimit-limit'], '1000', 'the route is rate-limited per user')
  const text = await textOf(res.rawPayload)
  for (const s of [
    'Einladungsschreiben',
    'LetterofInvitation',
    'Schengen',
    'Verpflichtungserklärung',
    'GymnasiumamWirteltor',
    '金华第一中学',
  ])
    t.ok(text.includes(s), `finds ${s}`)
  for (const p of TRAVELLERS_ZH) {
    t.ok(text.includes(p.familyName) && text.includes(p.givenName), `${p.familyName} is named`)
    t.ok(text.includes(p.passportNumber), 'with the passport number')
  }
  t.ok(text.includes('23.11.2009'), 'the birth date in German')
  t.ok(text.includes('01.06.2027') && text.includes('05.06.2027'), 'the visit’s dates')
})

t.test('a German group to China: the Chinese host’s letter in Chinese and English', async (t) => {
  const info = await ctx.app.inject({
    method: 'GET',
    url: letterUrl(toChina),
    headers: bearer(a.jh.accessToken),
  })
  t.match(json(info), {
    visa: 'cn_f',
    languages: ['zh', 'en'],
    host: { name: '金华第一中学' },
    arrival: '2027-09-10',
  })
  const res = await post(toChina, a.jh.accessToken, {
    travellers: TRAVELLERS_DE,
    signatory: { name: 'Li Ming', role: 'Principal' },
    cities: ['Hangzhou'],
  })
  t.equal(res.statusCode, 200)
  t.equal(res.headers['content-type'], 'application/pdf')
  const text = await textOf(res.rawPayload)
  for (const s of [
    '邀请函',
    'F字签证',
    '被邀请人名单',
    '单位公章',
    'LetterofInvitation',
    'categoryFvisa',
    'LiMing',
    'Hangzhou',
  ])
    t.ok(text.includes(s), `finds ${s}`)
  for (const p of TRAVELLERS_DE) {
    t.ok(text.includes(p.familyName) && text.includes(p.givenName), `${p.familyName} is named`)
    t.ok(text.includes(p.passportNumber), 'with the passport number')
  }
  t.ok(text.includes('2010年7月19日'), 'the birth date in Chinese')
  t.notOk(text.includes('Verpflichtungserklärung'), 'no Schengen wording')
})

t.test('invalid input: 400 naming the fields, never echoing the values', async (t) => {
  const bad = [
    { ...TRAVELLERS_DE[0], passportNumber: 'bad pass-7Q' },
    { ...TRAVELLERS_DE[1], dateOfBirth: '08.03.1979', familyName: '' },
    { ...TRAVELLERS_DE[1], dateOfBirth: '2099-01-01' },
  ]
  const res = await post(toChina, a.jh.accessToken, { travellers: bad.slice(0, 2) })
  t.equal(res.statusCode, 400)
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
  const problem = json<{ errors: { field: string; message: string }[] }>(res)
  const fields = [...new Set(problem.errors.map((e) => e.field))].sort()
  t.same(fields, ['travellers.0.passportNumber', 'travellers.1.dateOfBirth', 'travellers.1.familyName'])
  for (const v of ['bad pass-7Q', '08.03.1979', 'Ottilie', 'Wurzelbrink', 'C2LW8V5N1'])
    t.notOk(res.body.includes(v), `the answer does not repeat ${v}`)

  const future = await post(toChina, a.jh.accessToken, { travellers: [bad[2]] })
  t.equal(future.statusCode, 400)
  t.same(json<{ errors: unknown[] }>(future).errors, [
    { field: 'travellers.0.dateOfBirth', message: 'must lie in the past' },
  ])
  t.notOk(future.body.includes('2099-01-01'))

  const many = await post(toChina, a.jh.accessToken, {
    travellers: Array.from({ length: 31 }, () => TRAVELLERS_DE[0]),
  })
  t.equal(many.statusCode, 400, 'at most 30 travellers')
  t.notOk(many.body.includes('Quastenberger'))
  const extra = await post(toChina, a.jh.accessToken, {
    travellers: [{ ...TRAVELLERS_DE[0], homeAddress: 'Geheimweg 7' }],
  })
  t.equal(extra.statusCode, 400, 'no field beyond the letter’s is taken')
  t.notOk(extra.body.includes('Geheimweg'))
})

t.test('after the letters: no traveller’s name, birth date or passport number anywhere', async (t) => {
  const pg = await everythingInPostgres(ctx)
  const redis = await everythingInRedis(ctx)
  t.ok(pg.length > 50, `${pg.length} values searched in PostgreSQL`)
  t.ok(redis.length > 0, `${redis.length} Redis keys searched (the rate limit counters at least)`)
  t.ok(logLines.length > 20, `${logLines.length} log lines searched`)
  t.ok(
    logLines.some((l) => l.includes('/visa-letter')),
    'the requests were logged (so the search is not vacuous)',
  )
  for (const secret of SECRETS) {
    const needle = secret.toLowerCase()
    t.same(
      pg.filter((v) => v.toLowerCase().includes(needle)),
      [],
      `PostgreSQL holds no ${secret}`,
    )
    t.same(
      redis.filter((v) => v.toLowerCase().includes(needle)),
      [],
      `Redis holds no ${secret}`,
    )
    t.same(
      logLines.filter((v) => v.toLowerCase().includes(needle)),
      [],
      `the logs hold no ${secret}`,
    )
  }
  const [audit] = await ctx.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from audit_log where action = 'visa.letter_issued'`
  t.equal(audit!.n, 4, 'the audit trail records each letter (how many travellers, not who)')
  const outbox = await ctx.app.dbHandle.sql<{ type: string }[]>`
    select event_type as type from outbox where event_type like 'visa%'`
  t.same(outbox, [], 'no event, no job')
})
