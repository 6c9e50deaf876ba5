import { randomUUID } from 'node:crypto'
import { type DbOrTx, type Role, refreshTokens, type Side, users } from '@dj/db'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { Errors } from '../errors.js'
import { hashToken, newOpaqueToken } from './secrets.js'
import type { SessionChanged } from './session-state.js'

export interface SessionUser {
  id: string
  role: Role
  officerSide: Side | null
  sessionVersion: number
}

export interface TokenPair {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

export interface SessionDeps {
  signAccessToken(claims: { sub: string; role: Role; side: Side | null; sv: number }): string
  accessTtlSeconds: number
  refreshTtlDays: number
}

async function insertRefresh(tx: DbOrTx, userId: string, familyId: string, ttlDays: number): Promise<string> {
  const token = newOpaqueToken()
  await tx.insert(refreshTokens).values({
    userId,
    familyId,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + ttlDays * 86_400_000),
  })
  return token
}

function accessFor(deps: SessionDeps, user: SessionUser): string {
  return deps.signAccessToken({
    sub: user.id,
    role: user.role,
    side: user.officerSide,
    sv: user.sessionVersion,
  })
}

export async function startSession(tx: DbOrTx, deps: SessionDeps, user: SessionUser): Promise<TokenPair> {
  const refreshToken = await insertRefresh(tx, user.id, randomUUID(), deps.refreshTtlDays)
  return { accessToken: accessFor(deps, user), refreshToken, expiresIn: deps.accessTtlSeconds }
}

/**
 * Rotates a refresh token. Presenting one that was already used (or revoked) means it leaked or
 * was replayed: the whole family is revoked and the user's session version bumped, so the
 * access tokens already issued to the family (to the thief as well) answer 401 at once instead
 * of living out their 15 minutes. The user's other families keep their refresh tokens and get
 * fresh access tokens on their next refresh; the caller must sign in again.
 * Returns `reused` separately so the caller can commit the revocation before answering 401.
 * A version bump is reported to `changed`, as every write of a session version must be.
 */
export async function rotateSession(
  tx: DbOrTx,
  deps: SessionDeps,
  presented: string,
  changed: SessionChanged,
): Promise<{ pair: TokenPair } | { reused: true } | { invalid: true }> {
  const [row] = await tx
    .select()
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(presented)))
    .for('update')
  if (!row) return { invalid: true }
  if (row.usedAt || row.revokedAt) {
    const revoked = await tx
      .update(refreshTokens)
      .set({ revokedAt: sql`now()`, revokedReason: 'reuse_detected' })
      .where(and(eq(refreshTokens.familyId, row.familyId), isNull(refreshTokens.revokedAt)))
      .returning({ id: refreshTokens.id })
    // Only a family still alive has access tokens out (an old device presenting a token that a
    // logout or password change revoked does not sign the user out of the new session).
    if (revoked.length > 0) {
      await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
        .where(eq(users.id, row.userId))
      changed(row.userId)
    }
    return { reused: true }
  }
  if (row.expiresAt.getTime() <= Date.now()) return { invalid: true }
  const [user] = await tx.select().from(users).where(eq(users.id, row.userId))
  if (user?.status !== 'active') throw new Errors.AccountDisabled()
  await tx.update(refreshTokens).set({ usedAt: sql`now()` }).where(eq(refreshTokens.id, row.id))
  const refreshToken = await insertRefresh(tx, row.userId, row.familyId, deps.refreshTtlDays)
  return { pair: { accessToken: accessFor(deps, user), refreshToken, expiresIn: deps.accessTtlSeconds } }
}

/**
 * Ends every session of a user: access tokens die with the version bump (reported to `changed`,
 * so every API instance drops its cached session state after the commit), refresh tokens are revoked.
 */
export async function revokeAllSessions(
  tx: DbOrTx,
  userId: string,
  reason: string,
  changed: SessionChanged,
): Promise<void> {
  changed(userId)
  await tx
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
  await tx
    .update(refreshTokens)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
}
