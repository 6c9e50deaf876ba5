import Type, { type Static, type TSchema } from 'typebox'
import { Nullable } from '../common.js'
import { Side } from '../enums.js'
import { route } from '../route.js'

/**
 * Public impact figures (issue 14, item 4): the officer statistics' counts, published per side
 * with small counts hidden (null = "fewer than 5"; see suppressCells of @dj/exchange for why the
 * totals cannot recover a hidden cell). Every figure counts institutions at a stage, as the
 * officer funnel does: "partnerships" are institutions in a partnership, "visits" institutions
 * with a visit done. Participants are the pupils of the filed reports (exchange_reports
 * fields.participants, counts per age band; accompanying adults not included), by filing year.
 */
const tags = ['public-pages'] as const

export const IMPACT_MEASURES = ['institutions', 'partnerships', 'visits'] as const
export type ImpactMeasure = (typeof IMPACT_MEASURES)[number]

const PublicCount = Nullable(Type.Integer({ minimum: 0, description: 'null: fewer than 5 (hidden)' }))
const measures = {
  institutions: PublicCount,
  partnerships: PublicCount,
  visits: PublicCount,
}
const ImpactRow = <K extends TSchema>(key: K) => Type.Object({ key, ...measures })

export const ImpactSide = Type.Object({
  side: Side,
  totals: Type.Object({ ...measures, participants: PublicCount }),
  byYear: Type.Array(
    Type.Object({
      key: Type.String({ description: 'year (YYYY) the institution registered / the report was filed' }),
      ...measures,
      participants: PublicCount,
    }),
  ),
  byKind: Type.Array(ImpactRow(Nullable(Type.String()))),
  byTopic: Type.Array(ImpactRow(Type.String())),
  byMunicipality: Type.Array(
    ImpactRow(Nullable(Type.String({ description: 'unit id from GET /v1/regions' }))),
  ),
})
export type ImpactSide = Static<typeof ImpactSide>

export const ImpactFigures = Type.Object({ sides: Type.Array(ImpactSide) })
export type ImpactFigures = Static<typeof ImpactFigures>

export const publicImpact = route({
  method: 'GET',
  path: '/v1/public/impact',
  tags,
  summary: 'Public impact figures by year, kind, topic and municipality (counts below 5 hidden)',
  access: { public: true },
  response: { 200: ImpactFigures },
})
