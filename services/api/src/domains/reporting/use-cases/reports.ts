import { AuditQuery, RoundsQuery, SideQuery, StatsQuery } from '@dj/contracts'
import { Errors } from '../../errors.js'
import { useCase } from '../../use-case.js'
import { listAudit } from '../audit.js'
import { withEntityLabels } from '../audit-labels.js'
import { officerOverview } from '../overview.js'
import { listRounds } from '../rounds.js'
import { reportingSide } from '../scope.js'
import { sideStats } from '../stats.js'

const STAFF = ['officer', 'admin'] as const

/** Matching rounds, newest first (the cursor is the last round's id). */
export const listMatchingRounds = useCase({
  name: 'reporting.listRounds',
  input: RoundsQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, db }) {
    return listRounds(db, input.cursor, input.limit)
  },
})

/**
 * The funnel and its breakdowns. Aggregates only, so officers may ask for the other side or
 * `both`; by default officers get their own side and admins both.
 */
export const funnelStats = useCase({
  name: 'reporting.stats',
  input: StatsQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    const asked = input.side ?? (actor.role === 'admin' ? 'both' : actor.side)
    if (!asked) throw new Errors.Forbidden()
    const sides = asked === 'both' ? (['duren', 'jinhua'] as const) : ([asked] as const)
    const out = []
    for (const side of sides) out.push(await sideStats(db, side))
    return { sides: out }
  },
})

/** The audit log of the side (officers: their own; admins: all or one side), with entity names. */
export const auditLog = useCase({
  name: 'reporting.audit',
  input: AuditQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    const page = await listAudit(db, { ...input, side: reportingSide(actor, input.side) })
    return { ...page, items: await withEntityLabels(db, page.items) }
  },
})

/** The office dashboard: status counts, pending verifications, the latest rounds. */
export const dashboardOverview = useCase({
  name: 'reporting.overview',
  input: SideQuery,
  caller: STAFF,
  transaction: false,
  async run({ input, actor, db }) {
    return officerOverview(db, reportingSide(actor, input.side))
  },
})
