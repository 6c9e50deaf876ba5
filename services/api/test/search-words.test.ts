import { bearer, json, registerCoordinator, seedInstitution, startTestApp, type TestContext } from '@dj/stack'
import t from 'tap'
import { detectDelimiter, parseCsv } from '../src/domains/registry/csv.js'
import { readImportFile, readRow } from '../src/domains/registry/import.js'

// Issue 16 (findings 7–9): search finds topic words, places and the region; a hit says what
// the caller already expressed; CSV files as German Excel writes them; no internals on refusals.
let ctx: TestContext
let token = ''
let durenInterest = ''
const ids: Record<string, string> = {}
t.before(async () => {
  ctx = await startTestApp('search-words')
  const me = await registerCoordinator(ctx.app, 'lehrerin@gym.example')
  token = me.accessToken
  const own = await seedInstitution(ctx.app, 'duren', 'Gymnasium am Wirteltor', [me.id])
  durenInterest = own.interestId
  const h2 = await seedInstitution(ctx.app, 'jinhua', '兰溪市第二中学', [], { topics: ['energy_hydrogen'] })
  const culture = await seedInstitution(ctx.app, 'jinhua', '义乌市稠城小学', [], { topics: ['culture'] })
  ids['hydrogen'] = h2.interestId
  ids['culture'] = culture.interestId
  await ctx.app.dbHandle.sql`update institutions set municipality_id = 'jh-lanxi' where id = ${h2.id}`
  await ctx.app.dbHandle.sql`update institutions set municipality_id = 'jh-yiwu' where id = ${culture.id}`
})
t.teardown(() => ctx?.close())

async function search(query: string) {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/v1/search/interests?${query}`,
    headers: bearer(token),
  })
  t.equal(res.statusCode, 200, query)
  return json<{ items: { id: string; expressedFrom: string[] }[] }>(res).items
}

t.test('words that name a topic find its interests; places and the region are searchable', async (t) => {
  t.same(await search('q=Wasserstoff'), [], 'the word alone matches no text')
  t.same(
    (await search('q=Wasserstoff&qTopic=energy_hydrogen')).map((i) => i.id),
    [ids['hydrogen']],
    'with the topic the web resolved, it finds the hydrogen interest only',
  )
  t.same(
    (await search(`q=${encodeURIComponent('兰溪')}`)).map((i) => i.id),
    [ids['hydrogen']],
    '兰溪: the county',
  )
  t.same(
    (await search('q=Yiwu')).map((i) => i.id),
    [ids['culture']],
    'Yiwu in Latin letters',
  )
  // 金华 is the whole region: a word of names (金华市第一中学), not a filter that keeps everything.
  t.same(await search(`q=${encodeURIComponent('金华')}`), [], 'no name here carries 金华')
})

t.test('a hit says which of my interests already expressed interest in it', async (t) => {
  t.same((await search('topic=culture'))[0]?.expressedFrom, [])
  const express = () =>
    ctx.app.inject({
      method: 'POST',
      url: `/v1/interests/${ids['culture']}/express-interest`,
      headers: bearer(token),
      payload: { fromInterestId: durenInterest },
    })
  t.equal((await express()).statusCode, 201)
  t.equal((await express()).statusCode, 200, 'the second time: nothing new')
  t.same((await search('topic=culture'))[0]?.expressedFrom, [durenInterest])
})

t.test('CSV: semicolons, the four documented columns, problems with codes', async (t) => {
  t.equal(detectDelimiter('external_key;name;kind;municipality\r\n'), ';')
  t.equal(detectDelimiter('external_key,name,"a;b",municipality\n'), ',')
  t.same(parseCsv('a;"b;c"\n1;2')[0]?.cells, ['a', 'b;c'])
  const file = readImportFile('external_key;name;kind;municipality\ndn-1;Realschule Linnich;school;Linnich\n')
  const row = readRow('duren', file.header, file.rows[0]!)
  t.ok('values' in row, 'four columns are enough (no subtype)')
  const bad = readRow('duren', file.header, { line: 3, cells: ['dn-2', 'X', 'school', 'Atlantis'] })
  t.ok('problems' in bad)
  if ('problems' in bad)
    t.same(
      bad.problems.map((p) => [p.column, p.code]),
      [
        ['name', 'length'],
        ['municipality', 'municipality'],
      ],
      'each problem has a code the web translates',
    )
})

t.test('the queue board refuses with problem+json and no internals', async (t) => {
  const anon = await ctx.app.inject({ method: 'GET', url: '/admin/queues' })
  t.equal(anon.statusCode, 401)
  t.match(anon.headers['content-type'], /application\/problem\+json/)
  t.match(json(anon), { code: 'AUTH_UNAUTHENTICATED', status: 401 })
  t.notMatch(anon.body, /ERRORS\.|stack|\/work\/|node_modules/)
  const coordinator = await ctx.app.inject({ method: 'GET', url: '/admin/queues', headers: bearer(token) })
  t.equal(coordinator.statusCode, 403)
  t.match(json(coordinator), { code: 'ACCESS_FORBIDDEN' })
})
