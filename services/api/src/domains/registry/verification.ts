import type { OfficerAction } from '@dj/contracts'
import { type DbOrTx, type InstitutionStatus, institutions } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { eq, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors, FieldsError } from '../errors.js'
import { type Institution, requireActingOfficer } from './access.js'

/** Allowed transitions: the status an action starts from and the status it leads to. */
const TRANSITIONS: Record<OfficerAction, { from: InstitutionStatus[]; to: InstitutionStatus }> = {
  verify: { from: ['pending', 'rejected'], to: 'verified' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['verified'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'verified' },
}

const snapshot = (i: Institution) => ({ status: i.status, statusReason: i.statusReason })

export async function officerAction(
  tx: DbOrTx,
  p: Actor,
  id: string,
  action: OfficerAction,
  reason: string | undefined,
  requestId: string | undefined,
): Promise<Institution> {
  const [inst] = await tx.select().from(institutions).where(eq(institutions.id, id)).for('update')
  if (!inst) throw new Errors.NotFound('institution')
  requireActingOfficer(p, inst.side)
  const rule = TRANSITIONS[action]
  if (!rule.from.includes(inst.status))
    throw new Errors.Conflict(`cannot ${action} an institution that is ${inst.status}`)
  const needsReason = action === 'reject' || action === 'suspend'
  if (needsReason && !reason?.trim())
    throw new FieldsError([{ field: 'reason', message: `required to ${action}; the coordinator sees it` }])
  if (action === 'verify') {
    const missing = (['kind', 'municipalityId'] as const).filter((k) => !inst[k])
    if (missing.length > 0)
      throw new Errors.Conflict(
        `the profile is incomplete (missing ${missing.join(', ')}); ask the coordinator`,
      )
  }
  const [row] = await tx
    .update(institutions)
    .set({
      status: rule.to,
      statusReason: needsReason ? reason!.trim() : null,
      statusChangedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(institutions.id, id))
    .returning()
  const after = row!
  await writeAudit(tx, {
    actorId: p.userId,
    actorLabel: p.displayName,
    action: `institution.${action}`,
    entityType: 'institution',
    entityId: id,
    before: snapshot(inst),
    after: snapshot(after),
    requestId,
  })
  const ref = { id: after.id, name: after.name, side: after.side }
  const audience = { institutionIds: [after.id] }
  if (action === 'verify') await writeOutbox(tx, { type: 'institution.verified', audience, institution: ref })
  if (action === 'reinstate')
    await writeOutbox(tx, { type: 'institution.reinstated', audience, institution: ref })
  if (action === 'reject')
    await writeOutbox(tx, {
      type: 'institution.rejected',
      audience,
      institution: ref,
      reason: after.statusReason!,
    })
  if (action === 'suspend')
    await writeOutbox(tx, {
      type: 'institution.suspended',
      audience,
      institution: ref,
      reason: after.statusReason!,
    })
  return after
}
