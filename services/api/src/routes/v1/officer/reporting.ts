import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { listAudit } from '../../../domains/reporting/audit.js'
import { withEntityLabels } from '../../../domains/reporting/audit-labels.js'
import { officerOverview } from '../../../domains/reporting/overview.js'
import { listRounds } from '../../../domains/reporting/rounds.js'
import { reportingSide } from '../../../domains/reporting/scope.js'
import { sideStats } from '../../../domains/reporting/stats.js'
import { Errors } from '../../../http/errors.js'
import { Paged } from '../../../http/keyset.js'
import { problems } from '../../../http/schemas.js'
import { principalOf } from '../../../plugins/auth.js'
import {
  AuditEntry,
  AuditQuery,
  Overview,
  Page,
  Round,
  RoundsQuery,
  SideQuery,
  Stats,
  StatsQuery,
} from './schemas.js'

const STAFF = ['officer', 'admin'] as const

/** Read-only views for the county offices' dashboards. */
const reportingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/rounds',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary: 'Matching rounds, newest first (cursor pagination: pass nextCursor as cursor)',
        querystring: RoundsQuery,
        response: { 200: Page(Round), ...problems(400, 401, 403) },
      },
    },
    async (request) => listRounds(app.db, request.query.cursor, request.query.limit),
  )

  app.get(
    '/officer/stats',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary:
          'Funnel registered → verified → proposed → accepted → partnership → visit done, with breakdowns',
        description:
          'Counts of institutions per stage, by kind, by topic of open interests and by municipality/district. ' +
          "Aggregates only, so officers may also ask for the other side or `both`; default is the officer's side.",
        querystring: StatsQuery,
        response: { 200: Stats, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const asked = request.query.side ?? (p.role === 'admin' ? 'both' : p.side)
      if (!asked) throw new Errors.Forbidden()
      const sides = asked === 'both' ? (['duren', 'jinhua'] as const) : ([asked] as const)
      const out = []
      for (const side of sides) out.push(await sideStats(app.db, side))
      return { sides: out }
    },
  )

  app.get(
    '/officer/audit',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary: "Audit log, newest first: entries about the side's institutions and by its officers",
        description: 'Admins read everything or one `side`. Pass `nextCursor` as `cursor` for the next page.',
        querystring: AuditQuery,
        response: { 200: Paged(AuditEntry), ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      const q = request.query
      const page = await listAudit(app.db, { ...q, side: reportingSide(principalOf(request), q.side) })
      return { ...page, items: await withEntityLabels(app.db, page.items) }
    },
  )

  app.get(
    '/officer/overview',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['reporting'],
        summary:
          "Dashboard: the side's institution and interest status counts, pending verifications, 5 latest rounds",
        querystring: SideQuery,
        response: { 200: Overview, ...problems(400, 401, 403) },
      },
    },
    async (request) => officerOverview(app.db, reportingSide(principalOf(request), request.query.side)),
  )
}

export default reportingRoutes
