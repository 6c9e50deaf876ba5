import { interests } from '@dj/db'
import { seedInstitution, startTestApp, type TestContext } from '@dj/stack'
import { matchableInterest } from '@dj/testkit'
import t from 'tap'
import { type SearchFilters, searchInstitutions, searchInterests } from '../src/domains/registry/search.js'

// Issue 15: the partner search runs as one prepared statement per filter combination, its values
// bound as parameters (lists as one array each). The same statement text must answer each value
// for itself, past the fifth run where PostgreSQL may switch a statement to a generic plan, and
// the pool (prepared) and a transaction (drizzle's unnamed statement) must agree.
let ctx: TestContext
const ids: Record<string, string> = {}
t.before(async () => {
  ctx = await startTestApp('search-prepared')
  const a = await seedInstitution(ctx.app, 'jinhua', '兰溪市第二中学', [], { topics: ['sport'] })
  const b = await seedInstitution(ctx.app, 'jinhua', '义乌市稠城小学', [], { topics: ['culture'] })
  const c = await seedInstitution(ctx.app, 'jinhua', '东阳市篮球俱乐部', [], { topics: ['science'] })
  Object.assign(ids, { a: a.id, b: b.id, c: c.id })
  // A second interest of the club speaking German, for the language list.
  const [de] = await ctx.app.db
    .insert(interests)
    .values(matchableInterest(c.id, { topics: ['economy'], languages: [{ lang: 'de', level: 'basic' }] }))
    .returning({ id: interests.id })
  ids['de'] = de!.id
})
t.teardown(() => ctx?.close())

const find = (f: Omit<SearchFilters, 'side' | 'limit'>) =>
  searchInstitutions(ctx.app.db, { side: 'jinhua', limit: 20, ...f }).then((r) =>
    r.items.map((i) => i.id).sort(),
  )

t.test('one statement text answers each word and list for itself, run after run', async (t) => {
  const cases: [Omit<SearchFilters, 'side' | 'limit'>, string[]][] = [
    [{ q: '中学' }, [ids['a']!]],
    [{ q: '小学' }, [ids['b']!]],
    [{ q: '篮球' }, [ids['c']!]],
    [{ q: '大学' }, []],
    [{ topic: ['sport'] }, [ids['a']!]],
    [{ topic: ['sport', 'culture'] }, [ids['a']!, ids['b']!].sort()],
    [{ topic: ['economy', 'science', 'culture'] }, [ids['b']!, ids['c']!].sort()],
  ]
  // Eight rounds: each statement runs well past the five executions after which PostgreSQL
  // considers a generic plan; words of very different frequency share one statement text.
  for (let round = 0; round < 8; round++)
    for (const [filters, expected] of cases) t.same(await find(filters), expected, JSON.stringify(filters))
})

t.test('a list value is one element, never split or spliced into the array', async (t) => {
  t.same(await find({ topic: ['sport,culture'] }), [], 'a comma inside a value names no topic')
  t.same(await find({ topic: ['{sport}'] }), [], 'nor do braces')
  t.same(await find({ topic: ['x"y', 'sport'] }), [ids['a']], 'a quote beside a real topic')
})

t.test('the pool (prepared) and a transaction (unnamed statement) give the same page', async (t) => {
  const filters: SearchFilters = { side: 'jinhua', lang: ['en', 'de'], topic: ['economy', 'sport'], limit: 1 }
  const pooled = await searchInterests(ctx.app.db, filters)
  const inTx = await ctx.app.db.transaction((tx) => searchInterests(tx, filters))
  t.same(pooled, inTx)
  t.equal(pooled.items.length, 1, 'one per page')
  t.ok(pooled.nextCursor, 'and a cursor to the next')
  const next = await searchInterests(ctx.app.db, { ...filters, after: pooled.nextCursor! })
  t.same(
    [...pooled.items, ...next.items].map((i) => i.id).sort(),
    [ids['de'], await interestOf(ids['a']!)].sort(),
    'both pages together: the sport interest and the German-speaking economy one',
  )
  t.equal(next.nextCursor, null, 'the last page')
  t.same(
    (await searchInterests(ctx.app.db, { side: 'jinhua', lang: ['de'], limit: 20 })).items.map((i) => i.id),
    [ids['de']],
    'a language list of one',
  )
})

async function interestOf(institutionId: string) {
  const rows = await ctx.app.dbHandle.sql<{ id: string }[]>`
    select id from interests where institution_id = ${institutionId}`
  return rows[0]!.id
}
