import Type, { type Static } from 'typebox'
import { Count, DateTime, Nullable, pageQuery, Query, Uuid } from '../common.js'
import { INSTITUTION_STATUSES, INTEREST_STATUSES, Side } from '../enums.js'
import { Round } from '../matching/schemas.js'

/** The county offices' reports: funnel stats, audit log, dashboard overview, CSV columns. */

export const SideQuery = Type.Object(
  { side: Type.Optional(Side) },
  { additionalProperties: false, description: 'Admins pick a side (default: all); officers get their own' },
)

/** Institutions of the side at each funnel stage (each counted once per stage). */
export const StageCounts = Type.Object({
  registered: Count,
  verified: Count,
  proposed: Type.Integer({ minimum: 0, description: 'has any proposal' }),
  accepted: Type.Integer({ minimum: 0, description: 'its own side accepted a proposal' }),
  partnership: Count,
  agreementSigned: Type.Integer({
    minimum: 0,
    description:
      'a partnership whose agreement is complete (every required signature on its current version)',
  }),
  visitDone: Type.Integer({ minimum: 0, description: 'a non-cancelled visit whose end date has passed' }),
  reportFiled: Type.Integer({ minimum: 0, description: 'filed its report after a visit (issue 13)' }),
})
export type StageCounts = Static<typeof StageCounts>

const Share = Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'null while nothing counts' }))

/** The reports after visits of the side's institutions: how many are done, and what they say. */
export const ReportOutcomes = Type.Object({
  opened: Count,
  filed: Count,
  /** Open past the day the office is told (21 days after the visit). */
  overdue: Count,
  /** filed / opened. */
  completionRate: Share,
  averageRating: Nullable(Type.Number({ minimum: 1, maximum: 5, description: 'of filed reports, 1–5' })),
  /** Share of filed reports answering "would repeat: yes". */
  wouldRepeatShare: Share,
  /** Of the aims the filed reports rated: achieved, partly, not. */
  aims: Type.Object({ achieved: Count, partly: Count, not: Count }),
  aimsAchievedShare: Share,
})
export type ReportOutcomes = Static<typeof ReportOutcomes>

export const SideStats = Type.Object({
  side: Side,
  funnel: StageCounts,
  reports: ReportOutcomes,
  byKind: Type.Array(Type.Object({ kind: Nullable(Type.String()), ...StageCounts.properties })),
  byTopic: Type.Array(
    Type.Object({
      topic: Type.String(),
      openInterests: Type.Integer({ minimum: 0, description: 'open interests naming the topic' }),
      ...StageCounts.properties,
    }),
    { description: 'Stages count institutions that have an open interest in the topic' },
  ),
  byMunicipality: Type.Array(
    Type.Object({
      municipalityId: Nullable(Type.String({ description: 'unit id from GET /v1/regions' })),
      ...StageCounts.properties,
    }),
  ),
})
export type SideStats = Static<typeof SideStats>

export const StatsSide = Type.Union([Side, Type.Literal('both')], {
  description: "Default: the officer's own side, both sides for admins (aggregates only)",
})
export const StatsQuery = Type.Object({ side: Type.Optional(StatsSide) }, { additionalProperties: false })

export const Stats = Type.Object({ sides: Type.Array(SideStats) })
export type Stats = Static<typeof Stats>

export const AuditQuery = Type.Object(
  {
    side: Type.Optional(Side),
    entityType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    entityId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    q: Type.Optional(Query),
    ...pageQuery(200),
  },
  { additionalProperties: false, description: 'Newest first by default (dir=asc: oldest first)' },
)
export type AuditQuery = Static<typeof AuditQuery>

export const AuditEntry = Type.Object({
  id: Type.String(),
  at: DateTime,
  actorId: Nullable(Uuid),
  actorLabel: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Nullable(Type.String()),
  entityLabel: Type.Optional(
    Nullable(
      Type.String({ description: "The entity's name (institution, user, a proposal's two institutions)" }),
    ),
  ),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
})
export type AuditEntry = Static<typeof AuditEntry>

const StatusCounts = <const K extends readonly string[]>(keys: K) =>
  Type.Object({
    total: Count,
    byStatus: Type.Object(
      Object.fromEntries(keys.map((k) => [k, Count])) as { [P in K[number]]: typeof Count },
    ),
  })

export const RoundsQuery = Type.Object(
  {
    cursor: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)

/** Column order of institutions.csv (documented on the route; the web page links the file). */
export const INSTITUTION_COLUMNS = [
  'id',
  'side',
  'name',
  'name_de',
  'name_en',
  'name_zh',
  'status',
  'kind',
  'subtype',
  'discipline',
  'municipality_id',
  'municipality_de',
  'municipality_zh',
  'website',
  'size',
  'languages',
  'interests',
  'interests_open',
  'proposals',
  'partnerships',
  'created_at',
  'status_changed_at',
  'contact_name',
  'contact_role',
  'contact_email',
] as const

/** Column order of partnerships.csv. */
export const PARTNERSHIP_COLUMNS = [
  'id',
  'created_at',
  'proposal_id',
  'origin',
  'score',
  'duren_institution_id',
  'duren_institution_name',
  'duren_municipality_id',
  'jinhua_institution_id',
  'jinhua_institution_name',
  'jinhua_municipality_id',
  'topics',
  'formats',
  'visits_scheduled',
  'visits_done',
] as const

/** Columns of the reports CSV: one row per report, counts and ratings only (no story, no free text). */
export const REPORT_COLUMNS = [
  'id',
  'visit_id',
  'partnership_id',
  'institution_id',
  'institution_name',
  'side',
  'visit_start',
  'visit_end',
  'status',
  'opened_at',
  'filed_at',
  'overdue',
  'participants',
  'accompanying_adults',
  'days',
  'rating',
  'would_repeat',
  'aims_achieved',
  'aims_partly',
  'aims_not',
] as const

export const Overview = Type.Object({
  side: Nullable(Side),
  institutions: StatusCounts(INSTITUTION_STATUSES),
  interests: StatusCounts(INTEREST_STATUSES),
  pendingVerification: Count,
  latestRounds: Type.Array(Round, { maxItems: 5 }),
})
export type Overview = Static<typeof Overview>
