import {
  Credentials,
  EmailLink,
  PasswordChange,
  RefreshRequest,
  Registration,
  ResetConfirm,
  ResetRequest,
} from '@dj/contracts'
import { type DbOrTx, users } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { eq, sql } from 'drizzle-orm'
import Type from 'typebox'
import { writeAudit } from '../../audit.js'
import { Errors, type FieldProblem, FieldsError } from '../../errors.js'
import { type Deps, useCase } from '../../use-case.js'
import { consumeEmailToken, createEmailToken } from '../email-tokens.js'
import { loadMe } from '../me.js'
import { requestPasswordReset as insertResetRequest } from '../password-reset.js'
import { burnPasswordCheck, hashPassword, passwordProblems, verifyPassword } from '../passwords.js'
import { revokeAllSessions, rotateSession, startSession, type TokenPair } from '../sessions.js'
import { isKnownTimeZone } from '../time-zone.js'

// Use cases that hash or check a password (argon2, tens of milliseconds) declare
// `transaction: false` and open their transaction after the hashing, so no connection of the
// pool is held by an idle transaction meanwhile.

const accepted = { status: 'accepted' as const }
const bearer = (pair: TokenPair) => ({ ...pair, tokenType: 'Bearer' as const })
const ZONE_UNKNOWN: FieldProblem = { field: 'timeZone', message: 'is not a known IANA time zone' }

/** A new single-use verification link for the user, mailed through the outbox (same transaction). */
async function sendVerificationLink(
  db: DbOrTx,
  deps: Pick<Deps, 'linkSecret' | 'emailTokenTtlHours'>,
  userId: string,
) {
  const { tokenId, expiresAt } = await createEmailToken(
    db,
    deps.linkSecret,
    userId,
    'verify_email',
    deps.emailTokenTtlHours,
  )
  await writeOutbox(db, {
    type: 'auth.email_verification_requested',
    userId,
    tokenId,
    expiresAt: expiresAt.toISOString(),
  })
}

/**
 * A coordinator signs up; a verification link is emailed. An address that already has an account
 * gets the same answer (no enumeration) and its owner hears of the attempt by email.
 */
export const register = useCase({
  name: 'accounts.register',
  input: Registration,
  caller: 'anyone',
  needs: ['passwords', 'linkSecret', 'emailTokenTtlHours'],
  transaction: false,
  async run({ input, db, deps }) {
    const { email, password, name, locale, timeZone } = input
    const problems: FieldProblem[] = []
    const weak = passwordProblems(password, email)
    if (weak) problems.push({ field: 'password', message: weak })
    if (!isKnownTimeZone(timeZone)) problems.push(ZONE_UNKNOWN)
    if (problems.length > 0) throw new FieldsError(problems)
    const passwordHash = await hashPassword(password, deps.passwords)
    await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(users)
        .values({ email: email.trim(), passwordHash, displayName: name.trim(), locale, timeZone })
        .onConflictDoNothing()
        .returning({ id: users.id })
      if (!created) {
        const [owner] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
        if (owner) await writeOutbox(tx, { type: 'auth.registration_attempted', userId: owner.id })
        return
      }
      await sendVerificationLink(tx, deps, created.id)
    })
    return accepted
  },
})

/** The verification link: marks the address verified and answers with the account. */
export const verifyEmail = useCase({
  name: 'accounts.verifyEmail',
  input: EmailLink,
  caller: 'anyone',
  needs: ['linkSecret'],
  transaction: true,
  async run({ input, db, deps, sessionChanged }) {
    const userId = await consumeEmailToken(db, deps.linkSecret, 'verify_email', input.token)
    if (!userId) throw new Errors.InvalidToken()
    sessionChanged(userId)
    await db
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(email_verified_at, now())` })
      .where(eq(users.id, userId))
    return loadMe(db, userId)
  },
})

/** A new verification link (the older ones stop working); refused once the address is verified. */
export const resendVerification = useCase({
  name: 'accounts.resendVerification',
  input: Type.Object({}),
  caller: 'actor',
  needs: ['linkSecret', 'emailTokenTtlHours'],
  transaction: true,
  async run({ actor, db, deps }) {
    if (actor.emailVerified) throw new Errors.Conflict('email already verified')
    await sendVerificationLink(db, deps, actor.userId)
    return accepted
  },
})

/**
 * Signs in with email and password. An unknown address, a wrong password and an inactive account
 * are refused alike (AUTH_INVALID_CREDENTIALS), and an unknown address costs the same hashing work.
 */
export const login = useCase({
  name: 'accounts.login',
  input: Credentials,
  caller: 'anyone',
  needs: ['passwords', 'sessions'],
  transaction: false,
  async run({ input, db, deps }) {
    const [user] = await db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()))
    if (!user) {
      await burnPasswordCheck(input.password, deps.passwords)
      throw new Errors.InvalidCredentials()
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) throw new Errors.InvalidCredentials()
    if (user.status !== 'active') throw new Errors.InvalidCredentials()
    return bearer(await db.transaction((tx) => startSession(tx, deps.sessions, user)))
  },
})

/**
 * Trades a refresh token for a new pair. A token presented twice revokes its whole family; that
 * revocation commits before the refusal (AUTH_REFRESH_REUSED) is raised, hence the transaction
 * opened here rather than around the whole use case.
 */
export const refreshSession = useCase({
  name: 'accounts.refreshSession',
  input: RefreshRequest,
  caller: 'anyone',
  needs: ['sessions'],
  transaction: false,
  async run({ input, db, deps, sessionChanged }) {
    const outcome = await db.transaction((tx) =>
      rotateSession(tx, deps.sessions, input.refreshToken, sessionChanged),
    )
    if ('reused' in outcome) throw new Errors.RefreshReused()
    if ('invalid' in outcome) throw new Errors.InvalidToken()
    return bearer(outcome.pair)
  },
})

/** Ends every session of the caller. */
export const logout = useCase({
  name: 'accounts.logout',
  input: Type.Object({}),
  caller: 'actor',
  transaction: true,
  async run({ actor, db, sessionChanged }) {
    await revokeAllSessions(db, actor.userId, 'logout', sessionChanged)
    return null
  },
})

/**
 * A new password, proven by the current one: every session ends (the caller's too) and the
 * caller gets a fresh pair; the holder is told by email and the change is audited.
 */
export const changePassword = useCase({
  name: 'accounts.changePassword',
  input: PasswordChange,
  caller: 'actor',
  needs: ['passwords', 'sessions'],
  transaction: false,
  async run({ input, actor, db, deps, requestId, sessionChanged }) {
    const [user] = await db.select().from(users).where(eq(users.id, actor.userId))
    if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new Errors.InvalidCredentials()
    }
    const weak = passwordProblems(input.newPassword, user.email)
    if (weak) throw new FieldsError([{ field: 'newPassword', message: weak }])
    const passwordHash = await hashPassword(input.newPassword, deps.passwords)
    const tokens = await db.transaction(async (tx) => {
      await revokeAllSessions(tx, actor.userId, 'password_changed', sessionChanged)
      // After the revocation, so the returned row carries the new session version.
      const [fresh] = await tx
        .update(users)
        .set({ passwordHash })
        .where(eq(users.id, actor.userId))
        .returning()
      if (!fresh) throw new Errors.NotFound('user')
      await writeOutbox(tx, { type: 'auth.password_changed', userId: actor.userId })
      await writeAudit(tx, {
        actorId: actor.userId,
        actorLabel: actor.displayName,
        action: 'user.password_changed',
        entityType: 'user',
        entityId: actor.userId,
        requestId,
      })
      return startSession(tx, deps.sessions, fresh)
    })
    return bearer(tokens)
  },
})

/**
 * Asks for a reset link. The same work and the same answer whether or not the address has an
 * account (no enumeration; the HTTP edge adds the response-time floor).
 */
export const requestPasswordReset = useCase({
  name: 'accounts.requestPasswordReset',
  input: ResetRequest,
  caller: 'anyone',
  needs: ['linkSecret'],
  transaction: false,
  async run({ input, db, deps }) {
    await insertResetRequest(db, deps.linkSecret, input.email)
    return accepted
  },
})

/**
 * Sets a new password from a reset link. Reading the link proves control of the mailbox, so the
 * address counts as verified; every session ends and the holder is told by email. A weak
 * password leaves the link usable (the whole use case is one transaction).
 */
export const confirmPasswordReset = useCase({
  name: 'accounts.confirmPasswordReset',
  input: ResetConfirm,
  caller: 'anyone',
  needs: ['passwords', 'linkSecret'],
  transaction: true,
  async run({ input, db, deps, sessionChanged }) {
    const userId = await consumeEmailToken(db, deps.linkSecret, 'reset_password', input.token)
    if (!userId) throw new Errors.InvalidToken()
    const [user] = await db.select().from(users).where(eq(users.id, userId))
    if (!user) throw new Errors.InvalidToken()
    const weak = passwordProblems(input.newPassword, user.email)
    if (weak) throw new FieldsError([{ field: 'newPassword', message: weak }])
    const passwordHash = await hashPassword(input.newPassword, deps.passwords)
    await db
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(email_verified_at, now())` })
      .where(eq(users.id, userId))
    await revokeAllSessions(db, userId, 'password_reset', sessionChanged)
    await writeOutbox(db, { type: 'auth.password_changed', userId })
    return null
  },
})
