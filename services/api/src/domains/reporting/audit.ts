import { auditLog, type DbOrTx, type Side } from '@dj/db'
import { and, desc, eq, lt, or, sql } from 'drizzle-orm'

export interface AuditQuery {
  side: Side | null
  entityType?: string | undefined
  entityId?: string | undefined
  /** The id of the last entry of the previous page. */
  after?: string | undefined
  limit: number
}

/**
 * Audit entries newest first. For a side: entries about its institutions and anything done by
 * its officers (an admin without a side reads everything).
 */
export async function listAudit(db: DbOrTx, q: AuditQuery) {
  const sideFilter = q.side
    ? or(
        and(
          eq(auditLog.entityType, 'institution'),
          sql`${auditLog.entityId} in (select i.id::text from institutions i where i.side = ${q.side})`,
        ),
        sql`${auditLog.actorId} in (select u.id from users u where u.role = 'officer' and u.officer_side = ${q.side})`,
      )
    : undefined
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        sideFilter,
        q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.after ? lt(auditLog.id, Number(q.after)) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1)
  const page = rows.slice(0, q.limit)
  return {
    items: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
    })),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  }
}
