import { randomUUID } from 'node:crypto'
import { type DbOrTx, invitations, memberships, users } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { isLinkToken, linkToken } from '@dj/queue'
import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import { hashToken } from '../accounts/secrets.js'
import type { SessionChanged } from '../accounts/session-state.js'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors } from '../errors.js'
import type { Institution } from './access.js'

export const INVITATION_TTL_DAYS = 7

export async function listMembers(db: DbOrTx, institutionId: string) {
  const rows = await db
    .select({
      userId: memberships.userId,
      role: memberships.role,
      displayName: users.displayName,
      email: users.email,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.institutionId, institutionId))
    .orderBy(memberships.createdAt)
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }))
}

/**
 * The link's token is derived from the invitation id under EMAIL_LINK_SECRET (linkToken of
 * @dj/queue): the event carries the id, the table the token's hash, the mail alone the token.
 */
export async function invite(
  tx: DbOrTx,
  linkSecret: string,
  p: Actor,
  inst: Institution,
  input: { email: string; role: 'owner' | 'member'; locale?: 'de' | 'en' | 'zh' | 'de-simple' },
) {
  const id = randomUUID()
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 86_400_000)
  const email = input.email.trim()
  await tx.insert(invitations).values({
    id,
    institutionId: inst.id,
    email,
    role: input.role,
    tokenHash: hashToken(linkToken(linkSecret, 'invitation', id)),
    invitedBy: p.userId,
    expiresAt,
  })
  await writeOutbox(tx, {
    type: 'membership.invited',
    audience: { emails: [{ email, ...(input.locale ? { locale: input.locale } : {}) }] },
    invitationId: id,
    institution: { id: inst.id, name: inst.name, side: inst.side },
    invitedByName: p.displayName,
    expiresAt: expiresAt.toISOString(),
  })
  return { id, email, role: input.role, expiresAt: expiresAt.toISOString() }
}

/**
 * Accepts an invitation for the signed-in coordinator. The link is bound to the invited address:
 * someone who got hold of a forwarded link cannot join with another account.
 */
export async function acceptInvitation(
  tx: DbOrTx,
  linkSecret: string,
  p: Actor,
  token: string,
  changed: SessionChanged,
) {
  const [inv] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashToken(token)))
    .for('update')
  // Only the token derived for the row opens it (tokens of older invitations sat in the outbox).
  if (!inv || inv.acceptedAt || !isLinkToken(linkSecret, 'invitation', inv.id, token))
    throw new Errors.InvalidToken()
  if (inv.expiresAt.getTime() <= Date.now())
    throw new Errors.Conflict('this invitation has expired; ask for a new one')
  const [me] = await tx.select({ email: users.email }).from(users).where(eq(users.id, p.userId))
  if (me?.email.toLowerCase() !== inv.email.toLowerCase())
    throw new Errors.Conflict('this invitation was sent to another email address')
  await tx
    .insert(memberships)
    .values({ userId: p.userId, institutionId: inv.institutionId, role: inv.role })
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.institutionId],
      // Accepting an owner invitation promotes an existing member; never demotes an owner.
      set: { role: sql`case when ${memberships.role} = 'owner' then 'owner' else excluded.role end` },
    })
  changed(p.userId) // a membership is part of the session state (the coordinator's sides)
  await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: p.userId })
    .where(
      and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, sql`now()`)),
    )
  return { institutionId: inv.institutionId, role: inv.role }
}

export async function ownerCount(tx: DbOrTx, institutionId: string): Promise<number> {
  // Lock the owners so two concurrent removals cannot both pass the last-owner check.
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.institutionId, institutionId), eq(memberships.role, 'owner')))
    .for('update')
  return rows.length
}

export async function removeMember(
  tx: DbOrTx,
  p: Actor,
  inst: Institution,
  userId: string,
  requestId: string | undefined,
  changed: SessionChanged,
) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.institutionId, inst.id), eq(memberships.userId, userId)))
  if (!m) throw new Errors.NotFound('member')
  if (m.role === 'owner' && (await ownerCount(tx, inst.id)) <= 1)
    throw new Errors.Conflict('an institution must keep at least one owner; make someone else owner first')
  await tx
    .delete(memberships)
    .where(and(eq(memberships.institutionId, inst.id), eq(memberships.userId, userId)))
  changed(userId)
  if (p.role === 'admin') {
    await writeAudit(tx, {
      actorId: p.userId,
      actorLabel: p.displayName,
      action: 'membership.removed',
      entityType: 'institution',
      entityId: inst.id,
      before: { userId, role: m.role },
      requestId,
    })
  }
}
