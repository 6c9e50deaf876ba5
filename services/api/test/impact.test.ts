import { exchangeReports } from '@dj/db'
import {
  ACTOR_NAMES,
  bearer,
  bookedVisit,
  confirmedPartnership,
  json,
  type SevenActors,
  seedInstitution,
  sevenActors,
  startTestApp,
  type TestContext,
  tokenOf,
} from '@dj/stack'
import t from 'tap'

// Issue 14, item 4: GET /v1/public/impact. The same counts as the officer statistics on the same
// data, counts from 1 to 4 hidden (with a second cell where one alone would be recoverable from the
// total), and public: every actor, anonymous included, reads the same figures.

type Cell = number | null
interface Row {
  key: string | null
  institutions: Cell
  partnerships: Cell
  visits: Cell
  participants?: Cell
}
interface Side {
  side: 'duren' | 'jinhua'
  totals: { institutions: Cell; partnerships: Cell; visits: Cell; participants: Cell }
  byYear: Row[]
  byKind: Row[]
  byTopic: Row[]
  byMunicipality: Row[]
}
type Counts = Record<string, number>
interface OfficerSide {
  side: string
  funnel: Counts
  byKind: (Counts & { kind: string | null })[]
  byTopic: (Counts & { topic: string })[]
  byMunicipality: (Counts & { municipalityId: string | null })[]
}

let ctx: TestContext
let a: SevenActors
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

t.before(async () => {
  ctx = await startTestApp('impact')
  a = await sevenActors(ctx.app, 'impact')
  // Six verified Düren schools (one more pending, which the public does not count), one Jinhua one.
  for (const n of [1, 2, 3, 4]) await seedInstitution(ctx.app, 'duren', `Grundschule ${n}`, [])
  await seedInstitution(ctx.app, 'duren', 'Noch nicht geprüft', [], { status: 'pending' })
  const { partnershipId } = await confirmedPartnership(ctx.app, a)
  const visit = await bookedVisit(ctx.app, a, partnershipId, { start: day(-10), days: 5 })
  await ctx.app.db.insert(exchangeReports).values({
    visitId: visit.visitId,
    partnershipId,
    institutionId: a.school.id,
    status: 'filed',
    filedAt: new Date(),
    fields: { participants: { bands: { '12-14': 9, '15-17': 3 }, accompanyingAdults: 2 } },
  })
})
t.teardown(() => ctx.close())

const get = async (url: string, token: string | null) =>
  ctx.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} })

t.test('public: every actor, anonymous included, gets 200 and the same figures', async (t) => {
  const bodies = []
  for (const who of ACTOR_NAMES) {
    const res = await get('/v1/public/impact', tokenOf(a, who))
    t.equal(res.statusCode, 200, who)
    bodies.push(res.body)
  }
  t.equal(new Set(bodies).size, 1, 'one answer for everybody')
})

t.test('the counts are the officer statistics, with 1 to 4 hidden', async (t) => {
  const { sides } = json<{ sides: Side[] }>(await get('/v1/public/impact', null))
  const officer = json<{ sides: OfficerSide[] }>(
    await get('/v1/officer/stats?side=both', a.officerDu.accessToken),
  )
  const stage = { institutions: 'verified', partnerships: 'partnership', visits: 'visitDone' } as const
  const compare = (label: string, cell: Cell, count: number) => {
    if (count > 0 && count < 5) t.equal(cell, null, `${label}: ${count} hidden`)
    else if (cell !== null) t.equal(cell, count, `${label}: ${count}`)
  }
  for (const pub of sides) {
    const off = officer.sides.find((s) => s.side === pub.side)!
    for (const [m, s] of Object.entries(stage)) {
      compare(`${pub.side} total ${m}`, pub.totals[m as keyof typeof stage], off.funnel[s]!)
      const pairs: [Row[], (Counts & Record<string, unknown>)[], string][] = [
        [pub.byKind, off.byKind, 'kind'],
        [pub.byTopic, off.byTopic, 'topic'],
        [pub.byMunicipality, off.byMunicipality, 'municipalityId'],
      ]
      for (const [rows, offRows, keyName] of pairs) {
        t.equal(rows.length, offRows.length, `${pub.side} by ${keyName}: same rows`)
        rows.forEach((row, i) => {
          t.equal(row.key, offRows[i]![keyName])
          compare(`${pub.side} ${keyName}=${row.key} ${m}`, row[m as keyof typeof stage], offRows[i]![s]!)
        })
      }
    }
  }
  const [duren, jinhua] = sides as [Side, Side]
  t.same(
    duren.totals,
    { institutions: 6, partnerships: null, visits: null, participants: 12 },
    'six verified schools; one partnership and one visit are hidden; 12 pupils reported (adults not counted)',
  )
  t.match(
    duren.byKind.find((r) => r.key === 'school'),
    { institutions: 6, partnerships: null, visits: null },
  )
  t.same(jinhua.totals, { institutions: null, partnerships: null, visits: null, participants: 0 })
  const year = String(new Date().getUTCFullYear())
  t.match(duren.byYear, [{ key: year, institutions: 6, participants: 12 }], 'registered and filed this year')
})

t.test('the figures hold no names', async (t) => {
  const res = await get('/v1/public/impact', null)
  for (const name of [a.school.name, a.club.name, a.strangerInstitution.name])
    t.notOk(res.body.includes(name))
})
