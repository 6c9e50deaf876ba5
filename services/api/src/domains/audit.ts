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
