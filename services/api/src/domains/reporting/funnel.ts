import { FUNNEL_STAGES, type FunnelStage } from '@dj/contracts'
import { type DbOrTx, institutions, type Side } from '@dj/db'
import { eq, sql } from 'drizzle-orm'

export const STAGES = FUNNEL_STAGES
export type Stage = FunnelStage
export type StageCounts = Record<Stage, number>

export const emptyCounts = (): StageCounts => ({
  registered: 0,
  verified: 0,
  proposed: 0,
  accepted: 0,
  partnership: 0,
  agreementSigned: 0,
  visitDone: 0,
  reportFiled: 0,
})

// Qualified by hand: drizzle drops the table name of columns in single-table selects, and
// inside these correlated subqueries a bare "id" would bind to the inner table.
const inst = sql.raw('"institutions"."id"')

/**
 * Every institution of the side with the funnel stages it has reached. A stage counts once per
 * institution however many proposals, partnerships or visits it has. "Accepted" means its own
 * side said yes (its coordinator's decision, or a proposal already accepted/confirmed by both).
 * "Agreement signed" means a partnership's agreement is complete: signed by both institutions,
 * and countersigned by both offices where that is on (completed_at is set by the last signature).
 * A visit is done once its inclusive end date lies before today in the visit's own time zone.
 * "Report filed" means the institution filed its own report after a visit (issue 13).
 */
export async function institutionStages(db: DbOrTx, side: Side) {
  return db
    .select({
      id: institutions.id,
      kind: institutions.kind,
      municipalityId: institutions.municipalityId,
      verified: sql<boolean>`${institutions.status} = 'verified'`,
      proposed: sql<boolean>`exists (select 1 from proposals p
        where p.institution_a = ${inst} or p.institution_b = ${inst})`,
      accepted: sql<boolean>`exists (select 1 from proposals p
        where (p.institution_a = ${inst} or p.institution_b = ${inst})
          and (p.status in ('accepted', 'confirmed') or exists (select 1 from proposal_decisions d
            where d.proposal_id = p.id and d.side = ${side} and d.decision = 'accept')))`,
      partnership: sql<boolean>`exists (select 1 from partnerships ps
        where ps.institution_a = ${inst} or ps.institution_b = ${inst})`,
      agreementSigned: sql<boolean>`exists (select 1 from partnerships ps
        join agreements ag on ag.partnership_id = ps.id
        where (ps.institution_a = ${inst} or ps.institution_b = ${inst}) and ag.completed_at is not null)`,
      visitDone: sql<boolean>`exists (select 1 from visits v
        where (v.host_institution_id = ${inst} or v.traveller_institution_id = ${inst})
          and v.status <> 'cancelled' and v.end_date < (now() at time zone v.time_zone)::date)`,
      reportFiled: sql<boolean>`exists (select 1 from exchange_reports r
        where r.institution_id = ${inst} and r.status = 'filed')`,
    })
    .from(institutions)
    .where(eq(institutions.side, side))
}

export type InstitutionStages = Awaited<ReturnType<typeof institutionStages>>[number]

export function addStages(counts: StageCounts, row: InstitutionStages): void {
  counts.registered++
  if (row.verified) counts.verified++
  if (row.proposed) counts.proposed++
  if (row.accepted) counts.accepted++
  if (row.partnership) counts.partnership++
  if (row.agreementSigned) counts.agreementSigned++
  if (row.visitDone) counts.visitDone++
  if (row.reportFiled) counts.reportFiled++
}
