import { auditLog, type DbOrTx, type Side } from '@dj/db'
import { and, eq, or, sql } from 'drizzle-orm'
import {
  afterCursor,
  containsPattern,
  cursorColumns,
  type Dir,
  type Keyset,
  orderOf,
  pageOf,
} from '../keyset.js'

export interface AuditQuery {
  side: Side | null
  entityType?: string | undefined
  entityId?: string | undefined
  /** Words in the action, the actor's name or the entity id. */
  q?: string | undefined
  cursor?: string | undefined
  dir?: Dir | undefined
  limit: number
}

/**
 * Audit entries newest first (or oldest first), keyset paged on the entry id, with the total.
 * For a side: entries about its institutions and anything done by its officers (an admin
 * without a side reads everything).
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
  const dir = q.dir ?? 'desc'
  const ks: Keyset = {
    name: `id.${dir}`,
    key: auditLog.id,
    type: 'int8',
    id: auditLog.id,
    idType: 'int8',
    dir,
  }
  const pattern = q.q ? containsPattern(q.q) : undefined
  const filter = and(
    sideFilter,
    q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
    q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
    pattern
      ? sql`(${auditLog.action} ilike ${pattern} or ${auditLog.actorLabel} ilike ${pattern} or ${auditLog.entityId} ilike ${pattern})`
      : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ r: auditLog, ...cursorColumns(ks) })
      .from(auditLog)
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  return {
    items: page.map(({ r }) => ({
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
    nextCursor,
    total: count?.n ?? 0,
  }
}
