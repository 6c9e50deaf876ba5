import type { ReportOutcomes } from '@dj/contracts'
import type { DbOrTx, Side } from '@dj/db'
import { REPORT_OVERDUE_DAYS } from '@dj/exchange'
import { sql } from 'drizzle-orm'

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null)

/**
 * The reports of one side's institutions, in one aggregate query: opened, filed, overdue (still
 * open past the office's notice day in the visit's zone) and, of the filed ones, the average
 * rating, the would-repeat share and how the aims came out. Aggregates only.
 */
export async function reportOutcomes(db: DbOrTx, side: Side): Promise<ReportOutcomes> {
  const [row] = (await db.execute(sql`
    select
      count(*)::int as opened,
      count(*) filter (where r.status = 'filed')::int as filed,
      count(*) filter (where r.status = 'open'
        and v.end_date + ${REPORT_OVERDUE_DAYS}::int < (now() at time zone v.time_zone)::date)::int as overdue,
      avg((r.fields->>'rating')::numeric) filter (where r.status = 'filed')::float8 as average_rating,
      count(*) filter (where r.status = 'filed' and r.fields->>'rating' is not null)::int as rated,
      count(*) filter (where r.status = 'filed' and r.fields->>'wouldRepeat' = 'yes')::int as repeat_yes,
      count(*) filter (where r.status = 'filed' and r.fields->>'wouldRepeat' is not null)::int as repeat_answered,
      coalesce(sum((select count(*) from jsonb_array_elements(r.fields->'outcomes') o
        where o->>'rating' = 'achieved')) filter (where r.status = 'filed'), 0)::int as achieved,
      coalesce(sum((select count(*) from jsonb_array_elements(r.fields->'outcomes') o
        where o->>'rating' = 'partly')) filter (where r.status = 'filed'), 0)::int as partly,
      coalesce(sum((select count(*) from jsonb_array_elements(r.fields->'outcomes') o
        where o->>'rating' = 'not')) filter (where r.status = 'filed'), 0)::int as "not"
    from exchange_reports r
    join institutions i on i.id = r.institution_id
    join visits v on v.id = r.visit_id
    where i.side = ${side}`)) as unknown as {
    opened: number
    filed: number
    overdue: number
    average_rating: number | null
    rated: number
    repeat_yes: number
    repeat_answered: number
    achieved: number
    partly: number
    not: number
  }[]
  const r = row!
  const aims = { achieved: r.achieved, partly: r.partly, not: r.not }
  return {
    opened: r.opened,
    filed: r.filed,
    overdue: r.overdue,
    completionRate: share(r.filed, r.opened),
    averageRating: r.rated > 0 && r.average_rating !== null ? Math.round(r.average_rating * 100) / 100 : null,
    wouldRepeatShare: share(r.repeat_yes, r.repeat_answered),
    aims,
    aimsAchievedShare: share(aims.achieved, aims.achieved + aims.partly + aims.not),
  }
}
