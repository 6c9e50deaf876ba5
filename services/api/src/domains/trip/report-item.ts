import { type DbOrTx, exchangeReports, tripChecklistItems, tripPlans } from '@dj/db'
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm'

/**
 * Ticks the "report" item of the visit's trip plan once both institutions have filed their report
 * (called in the filing transaction). The visit's advisory lock orders two filings that happen at
 * once: the second sees the first one committed, so exactly one of them ticks the item.
 */
export async function tickReportItemWhenAllFiled(tx: DbOrTx, visitId: string, by: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`report-visit:${visitId}`}, 0))`)
  const open = await tx
    .select({ id: exchangeReports.id })
    .from(exchangeReports)
    .where(and(eq(exchangeReports.visitId, visitId), ne(exchangeReports.status, 'filed')))
    .limit(1)
  if (open.length > 0) return false
  const now = new Date()
  const ticked = await tx
    .update(tripChecklistItems)
    .set({ doneAt: now, doneBy: by, updatedAt: now })
    .where(
      and(
        eq(tripChecklistItems.key, 'report'),
        isNull(tripChecklistItems.doneAt),
        inArray(
          tripChecklistItems.tripPlanId,
          tx.select({ id: tripPlans.id }).from(tripPlans).where(eq(tripPlans.visitId, visitId)),
        ),
      ),
    )
    .returning({ id: tripChecklistItems.id })
  return ticked.length > 0
}
