import {
  auditLog,
  type DbOrTx,
  ERASED_LABEL,
  ERASED_NAME,
  emailTokens,
  erasedEmail,
  forgetAddressAndName,
  institutions,
  interests,
  invitations,
  memberships,
  users,
} from '@dj/db'
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { loadMe } from '../accounts/me.js'
import type { SessionChanged } from '../accounts/session-state.js'
import { revokeAllSessions } from '../accounts/sessions.js'
import { writeAudit } from '../audit.js'
import { Errors } from '../errors.js'
import { institutionFor } from './institutions.js'
import { interestOut } from './interests.js'
import { ownerCount } from './members.js'

export const DELETED_LABEL = ERASED_LABEL

/** Everything stored about the user and the institutions they belong to (GDPR Art. 15/20). */
export async function exportUserData(db: DbOrTx, userId: string) {
  const account = await loadMe(db, userId)
  const mine = await db
    .select({ inst: institutions, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
    .where(eq(memberships.userId, userId))
  const ids = mine.map((m) => m.inst.id)
  const interestRows = ids.length
    ? await db.select().from(interests).where(inArray(interests.institutionId, ids))
    : []
  const sent = await db
    .select({
      id: invitations.id,
      institutionId: invitations.institutionId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
    })
    .from(invitations)
    .where(eq(invitations.invitedBy, userId))
  const actions = await db
    .select({
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      at: auditLog.at,
    })
    .from(auditLog)
    .where(eq(auditLog.actorId, userId))
  return {
    exportedAt: new Date().toISOString(),
    account,
    institutions: mine.map((m) => ({
      ...institutionFor({ inst: m.inst, access: 'full', memberRole: m.role }, true),
      memberSince: m.since.toISOString(),
      interests: interestRows.filter((i) => i.institutionId === m.inst.id).map(interestOut),
    })),
    invitationsSent: sent.map((s) => ({
      ...s,
      expiresAt: s.expiresAt.toISOString(),
      acceptedAt: s.acceptedAt?.toISOString() ?? null,
    })),
    auditTrail: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
  }
}

/**
 * Erases an account, by its holder (DELETE /v1/me) or by an admin (DELETE /v1/admin/users/:id).
 * Refused (409) while the user is the last owner of an institution: the
 * institution would be left without anyone able to manage it, so ownership must be handed over
 * first. A contact person entry that is the user themself (same email) is removed;
 * contact persons the user entered for someone else stay with the institution,
 * whose remaining owners are responsible for them. The audit trail stays, with the actor replaced
 * by a placeholder and the address and name taken out of its details. What is found only by the
 * address or the name goes now (the address is replaced below); what is found by the account's id
 * goes with the retention sweep RETENTION_DAYS later (eraseAccountRemains of @dj/db).
 */
export async function deleteAccount(
  tx: DbOrTx,
  userId: string,
  requestId: string | undefined,
  changed: SessionChanged,
  by?: { userId: string; displayName: string },
): Promise<void> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update')
  if (!user || user.status === 'deleted') throw new Errors.NotFound('user')
  const owned = await tx
    .select({ id: institutions.id, name: institutions.name })
    .from(memberships)
    .innerJoin(institutions, eq(institutions.id, memberships.institutionId))
    .where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
  const blocking: string[] = []
  for (const o of owned) if ((await ownerCount(tx, o.id)) <= 1) blocking.push(o.name)
  if (blocking.length > 0)
    throw new Errors.Conflict(
      `you are the last owner of ${blocking.join(', ')}; make another member owner before deleting your account`,
    )
  const memberOf = await tx
    .select({ id: memberships.institutionId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
  const ids = memberOf.map((m) => m.id)
  if (ids.length > 0)
    await tx
      .update(institutions)
      .set({ contact: null, contactConsentAt: null, updatedAt: sql`now()` })
      .where(
        and(
          inArray(institutions.id, ids),
          sql`lower(${institutions.contact}->>'email') = lower(${user.email})`,
        ),
      )
  await tx.delete(memberships).where(eq(memberships.userId, userId))
  await tx.delete(emailTokens).where(eq(emailTokens.userId, userId))
  await tx
    .delete(invitations)
    .where(and(sql`lower(${invitations.email}) = lower(${user.email})`, isNull(invitations.acceptedAt)))
  await revokeAllSessions(tx, userId, 'account_deleted', changed)
  await forgetAddressAndName(tx, { id: userId, email: user.email, displayName: user.displayName })
  await tx
    .update(users)
    .set({
      email: erasedEmail(userId),
      displayName: ERASED_NAME,
      passwordHash: null,
      status: 'deleted',
      emailVerifiedAt: null,
      deletedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId))
  await tx
    .update(auditLog)
    .set({ actorId: null, actorLabel: DELETED_LABEL })
    .where(eq(auditLog.actorId, userId))
  await writeAudit(tx, {
    actorId: by?.userId ?? null,
    actorLabel: by?.displayName ?? DELETED_LABEL,
    action: 'user.deleted',
    entityType: 'user',
    entityId: userId,
    requestId,
  })
}
