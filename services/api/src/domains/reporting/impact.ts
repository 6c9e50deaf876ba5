import type { ImpactFigures, ImpactSide } from '@dj/contracts'
import { type DbOrTx, exchangeReports, institutions, type Side } from '@dj/db'
import { participantTotal, publicTotal, type ReportParticipants, suppressTable } from '@dj/exchange'
import { and, eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { useCase } from '../use-case.js'
import { institutionStages } from './funnel.js'
import { sideStats } from './stats.js'

const MEASURES = ['institutions', 'partnerships', 'visits'] as const
type Counts = Record<(typeof MEASURES)[number], number>

/**
 * The officer statistics' stages, renamed for the public: institutions the office verified (an
 * unverified registration may be nobody), institutions in a partnership, institutions with a visit
 * done. Taken from the same StageCounts, so public and officer figures cannot drift apart.
 */
const measuresOf = (c: { verified: number; partnership: number; visitDone: number }): Counts => ({
  institutions: c.verified,
  partnerships: c.partnership,
  visits: c.visitDone,
})

/** Pupils of the side's filed reports by filing year (accompanying adults are staff, not reach). */
async function participantsByYear(db: DbOrTx, side: Side): Promise<Map<string, number>> {
  const rows = await db
    .select({
      year: sql<string>`extract(year from ${exchangeReports.filedAt})::int::text`,
      fields: exchangeReports.fields,
    })
    .from(exchangeReports)
    .innerJoin(institutions, eq(institutions.id, exchangeReports.institutionId))
    .where(and(eq(institutions.side, side), eq(exchangeReports.status, 'filed')))
  const out = new Map<string, number>()
  for (const row of rows) {
    const p = row.fields?.participants as ReportParticipants | undefined
    if (!p?.bands || !row.year) continue
    out.set(row.year, (out.get(row.year) ?? 0) + participantTotal(p))
  }
  return out
}

/** By registration year: the institutions registered that year and the stages they have reached. */
async function stagesByYear(db: DbOrTx, side: Side): Promise<Map<string, Counts>> {
  const [stages, years] = await Promise.all([
    institutionStages(db, side),
    db
      .select({
        id: institutions.id,
        year: sql<string>`extract(year from ${institutions.createdAt})::int::text`,
      })
      .from(institutions)
      .where(eq(institutions.side, side)),
  ])
  const yearOf = new Map(years.map((y) => [y.id, y.year]))
  const out = new Map<string, Counts>()
  for (const row of stages) {
    const year = yearOf.get(row.id)
    if (!year) continue
    const c = out.get(year) ?? { institutions: 0, partnerships: 0, visits: 0 }
    if (row.verified) c.institutions++
    if (row.partnership) c.partnerships++
    if (row.visitDone) c.visits++
    out.set(year, c)
  }
  return out
}

export async function impactOfSide(db: DbOrTx, side: Side): Promise<ImpactSide> {
  const stats = await sideStats(db, side)
  const totals = measuresOf(stats.funnel)
  const table = <K>(rows: { key: K; counts: Counts }[]) =>
    suppressTable(
      rows.map((r) => ({ key: r.key, ...r.counts })),
      MEASURES,
      totals,
    )

  const [byYearStages, participants] = await Promise.all([
    stagesByYear(db, side),
    participantsByYear(db, side),
  ])
  const years = [...new Set([...byYearStages.keys(), ...participants.keys()])].sort()
  const yearTable = table(
    years.map((key) => ({
      key,
      counts: byYearStages.get(key) ?? { institutions: 0, partnerships: 0, visits: 0 },
    })),
  )
  const participantTotalAll = [...participants.values()].reduce((s, n) => s + n, 0)
  const participantCells = suppressTable(
    years.map((key) => ({ key, participants: participants.get(key) ?? 0 })),
    ['participants'],
    { participants: participantTotalAll },
  )

  const kinds = table(stats.byKind.map((r) => ({ key: r.kind, counts: measuresOf(r) })))
  const topics = table(stats.byTopic.map((r) => ({ key: r.topic, counts: measuresOf(r) })))
  const places = table(stats.byMunicipality.map((r) => ({ key: r.municipalityId, counts: measuresOf(r) })))
  return {
    side,
    totals: { ...kinds.totals, participants: publicTotal(participantTotalAll) },
    byYear: yearTable.rows.map((r, i) => ({
      ...r,
      participants: participantCells.rows[i]?.participants ?? null,
    })),
    byKind: kinds.rows,
    byTopic: topics.rows,
    byMunicipality: places.rows,
  }
}

export async function impactFigures(db: DbOrTx): Promise<ImpactFigures> {
  const sides: ImpactSide[] = []
  for (const side of ['duren', 'jinhua'] as const) sides.push(await impactOfSide(db, side))
  return { sides }
}

/** Anyone, signed in or not: the figures hold no names and no count below 5. */
export const readImpact = useCase({
  name: 'publicImpact.read',
  input: Type.Object({}),
  caller: 'anyone',
  transaction: false,
  run: ({ db }) => impactFigures(db),
})
