import Type from 'typebox'
import { pageQuery, Query } from '../../../http/keyset.js'
import { DateTime, Side, Uuid } from '../../../http/schemas.js'
import { Round } from '../matching/schemas.js'
import { Page } from '../registry/schemas.js'

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
const Count = Type.Integer({ minimum: 0 })

export { Page, Round }

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
  visitDone: Type.Integer({ minimum: 0, description: 'a non-cancelled visit whose end date has passed' }),
})

export const SideStats = Type.Object({
  side: Side,
  funnel: StageCounts,
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

export const StatsQuery = Type.Object(
  {
    side: Type.Optional(
      Type.Union([Side, Type.Literal('both')], {
        description: "Default: the officer's own side, both sides for admins (aggregates only)",
      }),
    ),
  },
  { additionalProperties: false },
)

export const Stats = Type.Object({ sides: Type.Array(SideStats) })

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

const StatusCounts = (keys: readonly string[]) =>
  Type.Object({
    total: Count,
    byStatus: Type.Object(Object.fromEntries(keys.map((k) => [k, Count]))),
  })

export const Overview = Type.Object({
  side: Nullable(Side),
  institutions: StatusCounts(['pending', 'verified', 'rejected', 'suspended']),
  interests: StatusCounts(['open', 'paused', 'full', 'closed']),
  pendingVerification: Count,
  latestRounds: Type.Array(Round, { maxItems: 5 }),
})

export const RoundsQuery = Type.Object(
  {
    cursor: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
)
