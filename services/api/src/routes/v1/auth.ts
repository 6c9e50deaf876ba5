import { users } from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { eq, sql } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import { consumeEmailToken, createEmailToken } from '../../domains/accounts/email-tokens.js'
import { loadMe } from '../../domains/accounts/me.js'
import { RESET_ANSWER_FLOOR_MS, requestPasswordReset } from '../../domains/accounts/password-reset.js'
import {
  burnPasswordCheck,
  hashPassword,
  passwordProblems,
  verifyPassword,
} from '../../domains/accounts/passwords.js'
import {
  revokeAllSessions,
  rotateSession,
  type SessionDeps,
  startSession,
} from '../../domains/accounts/sessions.js'
import { isKnownTimeZone } from '../../domains/accounts/time-zone.js'
import { writeAudit } from '../../domains/audit.js'
import { Errors, FieldsError } from '../../http/errors.js'
import { Email, Locale, Me, Password, problems, TimeZone, TokenPair } from '../../http/schemas.js'
import { noSoonerThan } from '../../http/time-floor.js'
import { principalOf } from '../../plugins/auth.js'

const Accepted = Type.Object({ status: Type.Literal('accepted') })

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { config } = app
  const policy = { memoryKib: config.ARGON2_MEMORY_KIB, timeCost: config.ARGON2_TIME_COST }
  const sessionDeps: SessionDeps = {
    signAccessToken: (c) => app.signAccessToken(c),
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlDays: config.REFRESH_TOKEN_TTL_DAYS,
  }
  // Rate limits (README, Security): attempts per client address on every credential route;
  // failed logins per (account, client) and a much higher ceiling per account, so an attacker
  // elsewhere cannot lock the owner out; requests that send mail, per address.
  const { limits } = app
  const perClient = limits.perClient(config.RATE_LIMIT_LOGIN_PER_IP)
  const perToken = limits.perClient(config.RATE_LIMIT_TOKEN_PER_IP)
  const perUser = limits.perUser(config.RATE_LIMIT_PER_USER)
  const emailOf = (request: FastifyRequest) => (request.body as { email: string }).email.trim()
  const perAddress = config.RATE_LIMIT_LOGIN_PER_ACCOUNT
  const registerRequests = limits.attempts('register:address', perAddress, emailOf)
  const resetRequests = limits.attempts('reset:address', perAddress, emailOf)
  const loginFailures = [
    limits.failures('login:account-client', perAddress, (r) => `${emailOf(r)}|${r.clientIp}`),
    limits.failures('login:account', config.RATE_LIMIT_ACCOUNT_CEILING, emailOf),
  ]
  const loginRefused = async (request: FastifyRequest) => {
    await Promise.all(loginFailures.map((f) => f.fail(request)))
    return new Errors.InvalidCredentials()
  }
  const pair = (p: { accessToken: string; refreshToken: string; expiresIn: number }) => ({
    ...p,
    tokenType: 'Bearer' as const,
  })

  app.post(
    '/register',
    {
      config: { rateLimit: perClient },
      schema: {
        tags: ['auth'],
        summary:
          'Create a coordinator account; a verification link is emailed. Answers 202 whether or not the address is taken (its owner is told by email)',
        body: Type.Object(
          {
            email: Email,
            password: Password,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            locale: Locale,
            timeZone: TimeZone,
          },
          { additionalProperties: false },
        ),
        response: { 202: Accepted, ...problems(400, 429, 503) },
      },
    },
    async (request, reply) => {
      const { email, password, name, locale, timeZone } = request.body
      await registerRequests(request)
      const fieldErrors = []
      const weak = passwordProblems(password, email)
      if (weak) fieldErrors.push({ field: 'password', message: weak })
      if (!isKnownTimeZone(timeZone))
        fieldErrors.push({ field: 'timeZone', message: 'is not a known IANA time zone' })
      if (fieldErrors.length > 0) throw new FieldsError(fieldErrors)
      const passwordHash = await hashPassword(password, policy)
      await app.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(users)
          .values({ email: email.trim(), passwordHash, displayName: name.trim(), locale, timeZone })
          .onConflictDoNothing()
          .returning({ id: users.id })
        if (!created) {
          // The same answer as for a new address (no enumeration); the owner hears of it by email.
          const [owner] = await tx
            .select({ id: users.id })
            .from(users)
            .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
          if (owner) await writeOutbox(tx, { type: 'auth.registration_attempted', userId: owner.id })
          return
        }
        const { tokenId, expiresAt } = await createEmailToken(
          tx,
          config.EMAIL_LINK_SECRET,
          created.id,
          'verify_email',
          config.EMAIL_TOKEN_TTL_HOURS,
        )
        await writeOutbox(tx, {
          type: 'auth.email_verification_requested',
          userId: created.id,
          tokenId,
          expiresAt: expiresAt.toISOString(),
        })
      })
      return reply.status(202).send({ status: 'accepted' as const })
    },
  )

  app.post(
    '/verify-email',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { token: Type.String({ minLength: 10, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: Me, ...problems(400, 401, 429, 503) },
      },
      config: { rateLimit: perToken },
    },
    async (request) =>
      app.db.transaction(async (tx) => {
        const userId = await consumeEmailToken(
          tx,
          config.EMAIL_LINK_SECRET,
          'verify_email',
          request.body.token,
        )
        if (!userId) throw new Errors.InvalidToken()
        await tx
          .update(users)
          .set({ emailVerifiedAt: sql`coalesce(email_verified_at, now())` })
          .where(eq(users.id, userId))
        return loadMe(tx, userId)
      }),
  )

  app.post(
    '/resend-verification',
    {
      config: { roles: 'any', rateLimit: perUser },
      schema: { tags: ['auth'], response: { 202: Accepted, ...problems(401, 409, 429, 503) } },
    },
    async (request, reply) => {
      const p = principalOf(request)
      if (p.emailVerified) throw new Errors.Conflict('email already verified')
      await app.db.transaction(async (tx) => {
        const { tokenId, expiresAt } = await createEmailToken(
          tx,
          config.EMAIL_LINK_SECRET,
          p.userId,
          'verify_email',
          config.EMAIL_TOKEN_TTL_HOURS,
        )
        await writeOutbox(tx, {
          type: 'auth.email_verification_requested',
          userId: p.userId,
          tokenId,
          expiresAt: expiresAt.toISOString(),
        })
      })
      return reply.status(202).send({ status: 'accepted' as const })
    },
  )

  app.post(
    '/login',
    {
      config: { rateLimit: perClient },
      schema: {
        tags: ['auth'],
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: { 200: TokenPair, ...problems(400, 401, 403, 429, 503) },
      },
    },
    async (request) => {
      const { email, password } = request.body
      await Promise.all(loginFailures.map((f) => f.check(request)))
      const [user] = await app.db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
      if (!user) {
        await burnPasswordCheck(password, policy)
        throw await loginRefused(request)
      }
      if (!(await verifyPassword(user.passwordHash, password))) throw await loginRefused(request)
      if (user.status !== 'active') throw await loginRefused(request)
      return pair(await app.db.transaction((tx) => startSession(tx, sessionDeps, user)))
    },
  )

  app.post(
    '/refresh',
    {
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { refreshToken: Type.String({ minLength: 10, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: { 200: TokenPair, ...problems(400, 401, 403, 429, 503) },
      },
      config: { rateLimit: perToken },
    },
    async (request) => {
      const outcome = await app.db.transaction((tx) =>
        rotateSession(tx, sessionDeps, request.body.refreshToken),
      )
      if ('reused' in outcome) throw new Errors.RefreshReused()
      if ('invalid' in outcome) throw new Errors.InvalidToken()
      return pair(outcome.pair)
    },
  )

  app.post(
    '/logout',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['auth'],
        summary: 'End every session of the current user',
        response: { 204: Type.Null(), ...problems(401) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request)
      await app.db.transaction((tx) => revokeAllSessions(tx, p.userId, 'logout'))
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/change-password',
    {
      config: { roles: 'any', rateLimit: perUser },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { currentPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 200: TokenPair, ...problems(400, 401, 429, 503) },
      },
    },
    async (request) => {
      const p = principalOf(request)
      const [user] = await app.db.select().from(users).where(eq(users.id, p.userId))
      if (!user || !(await verifyPassword(user.passwordHash, request.body.currentPassword))) {
        throw new Errors.InvalidCredentials()
      }
      const weak = passwordProblems(request.body.newPassword, user.email)
      if (weak) throw new FieldsError([{ field: 'newPassword', message: weak }])
      const passwordHash = await hashPassword(request.body.newPassword, policy)
      const tokens = await app.db.transaction(async (tx) => {
        await revokeAllSessions(tx, p.userId, 'password_changed')
        // After the revocation, so the returned row carries the new session version.
        const [fresh] = await tx.update(users).set({ passwordHash }).where(eq(users.id, p.userId)).returning()
        await writeOutbox(tx, { type: 'auth.password_changed', userId: p.userId })
        await writeAudit(tx, {
          actorId: p.userId,
          actorLabel: p.displayName,
          action: 'user.password_changed',
          entityType: 'user',
          entityId: p.userId,
          requestId: request.id,
        })
        return startSession(tx, sessionDeps, fresh!)
      })
      return pair(tokens)
    },
  )

  app.post(
    '/password-reset/request',
    {
      config: { rateLimit: perClient },
      schema: {
        tags: ['auth'],
        summary: 'Email a reset link; answers 202 whether or not the account exists',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: { 202: Accepted, ...problems(400, 429, 503) },
      },
    },
    async (request, reply) => {
      await resetRequests(request)
      // The same work whether or not the address has an account, and never a faster answer
      // for either (no enumeration by timing; README, Security).
      await noSoonerThan(RESET_ANSWER_FLOOR_MS, () =>
        requestPasswordReset(app.db, config.EMAIL_LINK_SECRET, request.body.email),
      )
      return reply.status(202).send({ status: 'accepted' as const })
    },
  )

  app.post(
    '/password-reset/confirm',
    {
      config: { rateLimit: perToken },
      schema: {
        tags: ['auth'],
        body: Type.Object(
          { token: Type.String({ minLength: 10, maxLength: 200 }), newPassword: Password },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...problems(400, 401, 429, 503) },
      },
    },
    async (request, reply) => {
      const passwordHashFor = (email: string) => {
        const weak = passwordProblems(request.body.newPassword, email)
        if (weak) throw new FieldsError([{ field: 'newPassword', message: weak }])
        return hashPassword(request.body.newPassword, policy)
      }
      await app.db.transaction(async (tx) => {
        const userId = await consumeEmailToken(
          tx,
          config.EMAIL_LINK_SECRET,
          'reset_password',
          request.body.token,
        )
        if (!userId) throw new Errors.InvalidToken()
        const [user] = await tx.select().from(users).where(eq(users.id, userId))
        const passwordHash = await passwordHashFor(user!.email)
        // Reading the link proves control of the mailbox, so the address counts as verified.
        await tx
          .update(users)
          .set({ passwordHash, emailVerifiedAt: sql`coalesce(email_verified_at, now())` })
          .where(eq(users.id, userId))
        await revokeAllSessions(tx, userId, 'password_reset')
        await writeOutbox(tx, { type: 'auth.password_changed', userId })
      })
      return reply.status(204).send(null)
    },
  )
}

export default authRoutes
