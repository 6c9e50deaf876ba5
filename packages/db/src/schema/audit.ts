import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core'
import { ts } from './columns.js'

/**
 * Append-only record of who did what. actor_id is nulled and actor_label replaced by a
 * placeholder when an account is erased, so the trail survives without personal data.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('audit_entity_ix').on(t.entityType, t.entityId), index('audit_actor_ix').on(t.actorId)],
)
