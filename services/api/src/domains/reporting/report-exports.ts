import { REPORT_COLUMNS } from '@dj/contracts'
import type { DbOrTx, Side } from '@dj/db'
import { participantTotal, REPORT_OVERDUE_DAYS, type ReportFields } from '@dj/exchange'
import { sql } from 'drizzle-orm'
import { type CsvCell, toCsv } from './csv.js'

interface Row {
  id: string
  visit_id: string
  partnership_id: string
  institution_id: string
  institution_name: string
  side: Side
  visit_start: string
  visit_end: string
  status: 'open' | 'filed'
  opened_at: Date
  filed_at: Date | null
  overdue: boolean
  fields: ReportFields | null
}

/**
 * One row per report of the side's institutions (every side for an admin without `side`): its
 * status and, once filed, the counts and ratings. A draft's answers stay out (they are its
 * institution's own until filed), and no free text or story is written.
 */
export async function reportsCsv(db: DbOrTx, side: Side | null): Promise<string> {
  const rows = (await db.execute(sql`
    select r.id, r.visit_id, r.partnership_id, r.institution_id, i.name as institution_name, i.side,
      v.start_date::text as visit_start, v.end_date::text as visit_end, r.status, r.opened_at, r.filed_at,
      (r.status = 'open' and v.end_date + ${REPORT_OVERDUE_DAYS}::int
        < (now() at time zone v.time_zone)::date) as overdue,
      case when r.status = 'filed' then r.fields end as fields
    from exchange_reports r
    join institutions i on i.id = r.institution_id
    join visits v on v.id = r.visit_id
    where ${side ? sql`i.side = ${side}` : sql`true`}
    order by v.end_date, r.opened_at, r.id`)) as unknown as Row[]
  const lines: CsvCell[][] = rows.map((r) => {
    const f = r.fields
    const aims = (rating: string) => (f ? f.outcomes.filter((o) => o.rating === rating).length : null)
    return [
      r.id,
      r.visit_id,
      r.partnership_id,
      r.institution_id,
      r.institution_name,
      r.side,
      r.visit_start,
      r.visit_end,
      r.status,
      new Date(r.opened_at).toISOString(),
      r.filed_at ? new Date(r.filed_at).toISOString() : null,
      r.overdue,
      f ? participantTotal(f.participants) : null,
      f?.participants.accompanyingAdults,
      f?.days,
      f?.rating,
      f?.wouldRepeat,
      aims('achieved'),
      aims('partly'),
      aims('not'),
    ]
  })
  return toCsv(REPORT_COLUMNS, lines)
}
