import {
  ACTOR_NAMES,
  type ActorName,
  bearer,
  json,
  type SevenActors,
  seedInstitution,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import { GLOSSARY } from '@dj/vocabulary'
import t from 'tap'

// Issue 14, item 5 through the API: the migrated glossary equals the shipped one; partner search
// expands a query through it in both directions and says which translated term found a hit; the
// officers' glossary routes for all seven actors, stale versions (409 naming the current one),
// terms the search could never match (422), the audit trail, and an edit the search uses at once.

let ctx: TestContext
let a: SevenActors
let hydrogenCollege: string
let hydrogenCentre: string

interface Entry {
  id: string
  seedKey: string | null
  de: string[]
  zh: string[]
  en: string[]
  version: number
}
interface Hit {
  id: string
  name: string
  matchedVia?: { term: string; language: string } | null
}
interface InterestHit {
  institution: { id: string }
  matchedVia?: { term: string; language: string } | null
}

const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: ActorName, payload?: object) => {
  const token = tokenOf(a, who)
  return ctx.app.inject({ method, url, headers: token ? bearer(token) : {}, ...(payload ? { payload } : {}) })
}

const search = async (who: ActorName, q: string, extra = '') => {
  const res = await send('GET', `/v1/search/institutions?q=${encodeURIComponent(q)}${extra}`, who)
  if (res.statusCode !== 200) throw new Error(res.body)
  return json<{ items: Hit[] }>(res).items
}

t.before(async () => {
  ctx = await startTestApp('glossary_search')
  a = await sevenActors(ctx.app, 'gls')
  hydrogenCollege = (await seedInstitution(ctx.app, 'jinhua', '金华氢能职业技术学院', [])).id
  hydrogenCentre = (await seedInstitution(ctx.app, 'duren', 'Energie- und Wasserstoffzentrum Jülich', [])).id
})
t.teardown(() => ctx.close())

t.test('the migrated glossary equals the shipped one', async (t) => {
  const rows = await ctx.app.dbHandle.sql<{ seed_key: string; de: string[]; zh: string[]; en: string[] }[]>`
    select seed_key, de, zh, en from glossary_entries where seed_key is not null`
  t.equal(rows.length, GLOSSARY.length)
  for (const entry of GLOSSARY) {
    const row = rows.find((r) => r.seed_key === entry.key)
    t.same(
      row && { de: row.de, zh: row.zh, en: row.en },
      { de: entry.de, zh: entry.zh, en: entry.en },
      entry.key,
    )
  }
})

t.test('a Düren coordinator typing Wasserstoff finds the Jinhua college written 氢能', async (t) => {
  const hits = await search('du', 'Wasserstoff')
  const hit = hits.find((h) => h.id === hydrogenCollege)
  t.ok(hit, 'found')
  t.same(hit?.matchedVia, { term: '氢能', language: 'zh' })
  const interests = await send('GET', '/v1/search/interests?q=Wasserstoff', 'du')
  t.equal(interests.statusCode, 200)
  const ih = json<{ items: InterestHit[] }>(interests).items.find((h) => h.institution.id === hydrogenCollege)
  t.same(ih?.matchedVia, { term: '氢能', language: 'zh' }, 'the interest search says so too')
  const vocational = await search('du', 'Berufsschule')
  t.same(vocational.find((h) => h.id === hydrogenCollege)?.matchedVia, {
    term: '职业技术学院',
    language: 'zh',
  })
})

t.test(
  'and the other way round: a Jinhua coordinator typing 氢能 finds the Wasserstoffzentrum',
  async (t) => {
    const hit = (await search('jh', '氢能')).find((h) => h.id === hydrogenCentre)
    t.same(hit?.matchedVia, { term: 'Wasserstoff', language: 'de' })
  },
)

t.test(
  'a hit the query itself found says matchedVia null; a query outside the glossary has none',
  async (t) => {
    const direct = (await search('du', '氢能')).find((h) => h.id === hydrogenCollege)
    t.equal(direct?.matchedVia, null)
    const plain = (await search('du', '金华氢能')).find((h) => h.id === hydrogenCollege)
    t.ok(plain, 'found by the text')
    t.notOk('matchedVia' in (plain ?? {}), 'no expansion, no field')
  },
)

t.test('glossary routes: officers and admins read, coordinators and anonymous do not', async (t) => {
  for (const who of ACTOR_NAMES) {
    const res = await send('GET', '/v1/officer/glossary', who)
    const expected = who === 'anonymous' ? 401 : ['officerDu', 'officerJh', 'admin'].includes(who) ? 200 : 403
    t.equal(res.statusCode, expected, `${who} lists`)
    if (expected === 200) {
      const items = json<{ items: Entry[] }>(res).items
      t.ok(items.length >= GLOSSARY.length)
      const one = await send('GET', `/v1/officer/glossary/${items[0]!.id}`, who)
      t.equal(one.statusCode, 200, `${who} reads one`)
    }
  }
  const missing = await send('GET', '/v1/officer/glossary/00000000-0000-4000-8000-000000000000', 'officerDu')
  t.equal(missing.statusCode, 404)
})

const dragonBoat = { de: ['Drachenboot'], zh: ['龙舟'], en: ['dragon boat'] }

t.test('officers add entries (audited); admins, coordinators and anonymous cannot', async (t) => {
  for (const who of ACTOR_NAMES) {
    const res = await send('POST', '/v1/officer/glossary', who, dragonBoat)
    const expected = who === 'anonymous' ? 401 : who === 'officerDu' || who === 'officerJh' ? 201 : 403
    t.equal(res.statusCode, expected, `${who} adds`)
    if (expected === 201) {
      const created = json<Entry>(res)
      t.equal(created.version, 1)
      t.equal(created.seedKey, null)
      const audit = await ctx.app.dbHandle.sql`select action from audit_log where entity_id = ${created.id}`
      t.same(
        audit.map((r) => r.action),
        ['glossary.entry_created'],
      )
    }
  }
  const bad = await send('POST', '/v1/officer/glossary', 'officerDu', {
    de: ['!!!'],
    zh: ['龙舟'],
    en: ['x'],
  })
  t.equal(bad.statusCode, 422)
  t.match(json<{ errors: { field: string }[] }>(bad).errors, [{ field: 'de.0' }])
  const empty = await send('POST', '/v1/officer/glossary', 'officerDu', { de: [], zh: ['龙舟'], en: ['x'] })
  t.equal(empty.statusCode, 400)
})

t.test('an added entry is used by the next search; edits need the current version', async (t) => {
  const boat = await seedInstitution(ctx.app, 'jinhua', '义乌龙舟俱乐部', [])
  const res = await send('POST', '/v1/officer/glossary', 'officerJh', {
    de: ['Kanu'],
    zh: ['皮划艇'],
    en: ['canoe'],
  })
  const entry = json<Entry>(res)
  t.notOk(
    (await search('du', 'Kanu')).some((h) => h.id === boat.id),
    'not yet',
  )
  const url = `/v1/officer/glossary/${entry.id}`
  const edit = { expectedVersion: 1, de: ['Kanu', 'Drachenboot'], zh: ['皮划艇', '龙舟'], en: ['canoe'] }
  for (const who of ACTOR_NAMES) {
    if (who === 'officerDu') continue
    const refused = await send('PUT', url, who, edit)
    t.equal(refused.statusCode, who === 'anonymous' ? 401 : who === 'officerJh' ? 200 : 403, `${who} edits`)
    if (who === 'officerJh') t.equal(json<Entry>(refused).version, 2)
  }
  const stale = await send('PUT', url, 'officerDu', edit)
  t.equal(stale.statusCode, 409)
  t.equal(json<{ current: { version: number } }>(stale).current.version, 2)
  t.same((await search('du', 'Kanu')).find((h) => h.id === boat.id)?.matchedVia, {
    term: '龙舟',
    language: 'zh',
  })
})

t.test('officers remove entries with the current version; the audit keeps the terms', async (t) => {
  const res = await send('POST', '/v1/officer/glossary', 'officerDu', {
    de: ['Segeln'],
    zh: ['帆船'],
    en: ['sailing'],
  })
  const entry = json<Entry>(res)
  const url = `/v1/officer/glossary/${entry.id}`
  for (const who of ACTOR_NAMES) {
    if (who === 'officerDu' || who === 'officerJh') continue
    t.equal(
      (await send('DELETE', `${url}?expectedVersion=1`, who)).statusCode,
      who === 'anonymous' ? 401 : 403,
      who,
    )
  }
  t.equal((await send('DELETE', `${url}?expectedVersion=2`, 'officerJh')).statusCode, 409, 'stale')
  t.equal((await send('DELETE', `${url}?expectedVersion=1`, 'officerJh')).statusCode, 204)
  t.equal((await send('GET', url, 'officerDu')).statusCode, 404)
  const audit = await ctx.app.dbHandle.sql<{ action: string; before: { de: string[] } | null }[]>`
    select action, before from audit_log where entity_id = ${entry.id} order by id`
  t.same(
    audit.map((r) => r.action),
    ['glossary.entry_created', 'glossary.entry_removed'],
  )
  t.same(audit[1]?.before?.de, ['Segeln'])
})
