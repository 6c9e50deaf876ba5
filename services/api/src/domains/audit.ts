import { auditLog, type DbOrTx } from '@dj/db'

export interface AuditEntry {
  actorId: string | null
  actorLabel: string
  action: string
  entityType: string
  entityId?: string | null
  before?: unknown
  after?: unknown
  requestId?: string
}

/** Appends to the audit log inside the caller's transaction, so the trail matches the change. */
export async function writeAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: entry.requestId ?? null,
  })
}

/**
 * Audits an edit of an institution's own data when an admin makes it: members editing their own
 * profile or interests is everyday work, an admin changing someone else's is an admin action.
 */
export async function auditAdminEdit(
  tx: DbOrTx,
  p: { userId: string; role: string; displayName: string },
  requestId: string | undefined,
  entry: Pick<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>,
): Promise<void> {
  if (p.role !== 'admin') return
  await writeAudit(tx, { actorId: p.userId, actorLabel: p.displayName, requestId, ...entry })
}
