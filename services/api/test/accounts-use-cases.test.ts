import { randomUUID } from 'node:crypto'
import { auditLog, createDb, type DbHandle, emailTokens, outbox, refreshTokens, users } from '@dj/db'
import { linkToken } from '@dj/queue'
import { createTestDatabase, type TestDatabase } from '@dj/testkit'
import { and, eq, sql } from 'drizzle-orm'
import t from 'tap'
import { hashToken } from '../src/domains/accounts/secrets.js'
import * as adminCases from '../src/domains/accounts/use-cases/admin-users.js'
import * as authCases from '../src/domains/accounts/use-cases/auth.js'
import * as meCases from '../src/domains/accounts/use-cases/me.js'
import type { Actor } from '../src/domains/actor.js'
import { isDomainError } from '../src/domains/errors.js'
import type { UseCase, UseCaseEnv } from '../src/domains/use-case.js'

// The accounts' use cases called without HTTP (no Fastify, no Redis): a database, the few
// dependencies they name, an actor and an input. What the routes add (rate limits, the reset
// request's time floor) is tested through HTTP in auth.test.ts, rate-limits.test.ts and
// enumeration.test.ts.

const LINK_SECRET = 'use-case-link-secret-that-is-long-enough-0123'
const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'a much better passphrase'

let testDb: TestDatabase
let handle: DbHandle
/** All that the accounts' use cases need (a use case that needed more would not compile here). */
type Needs = 'linkSecret' | 'emailTokenTtlHours' | 'passwords' | 'sessions'
let env: UseCaseEnv<Needs>
t.before(async () => {
  testDb = await createTestDatabase('accounts_use_cases')
  handle = createDb(testDb.url, { max: 4 })
  env = {
    db: handle.db,
    deps: {
      linkSecret: LINK_SECRET,
      emailTokenTtlHours: 48,
      // The cheapest argon2id the library takes: these tests are about the flows, not the cost.
      passwords: { memoryKib: 1024, timeCost: 1 },
      sessions: {
        signAccessToken: (c) => `access:${c.sub}:${c.role}:${c.sv}`,
        accessTtlSeconds: 900,
        refreshTtlDays: 30,
      },
    },
  }
})
t.teardown(async () => {
  await handle.close()
  await testDb.drop()
})

const exec = <I, N extends Needs, O>(uc: UseCase<I, N, O>, who: Actor | null, input: I) =>
  uc.execute(env, { actor: who, input, requestId: 'test-request' })

/** The code of the domain error a call ends with ('ok' when it does not fail). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p
    return 'ok'
  } catch (e) {
    if (isDomainError(e)) return e.code
    throw e
  }
}

/** The fields a call's `invalid` error names. */
async function fieldsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p
    return []
  } catch (e) {
    if (isDomainError(e, 'invalid')) return (e.details.errors ?? []).map((x) => x.field)
    throw e
  }
}

const newEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`

async function userByEmail(email: string) {
  const [u] = await handle.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
  return u
}

const actorOf = (u: typeof users.$inferSelect): Actor => ({
  userId: u.id,
  role: u.role,
  side: u.officerSide,
  emailVerified: u.emailVerifiedAt !== null,
  displayName: u.displayName,
})

/** The outbox events of one type for one user. */
async function eventsOf(type: string, userId: string) {
  const rows = await handle.db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.eventType, type), sql`${outbox.payload}->>'userId' = ${userId}`))
  return rows.map((r) => r.payload as { tokenId?: string })
}

/** A registered coordinator (through the use case), with the token of its verification link. */
async function registered(label: string) {
  const email = newEmail(label)
  const answer = await exec(authCases.register, null, {
    email,
    password: PASSWORD,
    name: label,
    locale: 'de',
    timeZone: 'Europe/Berlin',
  })
  const user = (await userByEmail(email))!
  const [event] = await eventsOf('auth.email_verification_requested', user.id)
  return { email, user, answer, verifyToken: linkToken(LINK_SECRET, 'verify_email', event!.tokenId!) }
}

const signIn = (email: string, password = PASSWORD) => exec(authCases.login, null, { email, password })

t.test('register: checks the password and zone, and answers alike for a taken address', async (t) => {
  const email = newEmail('weak')
  t.same(
    (
      await fieldsOf(
        exec(authCases.register, null, {
          email,
          password: 'short',
          name: 'Weak',
          locale: 'de',
          timeZone: 'Mars/Olympus',
        }),
      )
    ).sort(),
    ['password', 'timeZone'],
    'both problems at once',
  )
  t.notOk(await userByEmail(email), 'nothing stored')

  const first = await registered('reg')
  t.same(first.answer, { status: 'accepted' })
  t.equal(first.user.emailVerifiedAt, null, 'not verified yet')
  const again = await exec(authCases.register, null, {
    email: first.email.toUpperCase(),
    password: PASSWORD,
    name: 'Somebody else',
    locale: 'en',
    timeZone: 'Asia/Shanghai',
  })
  t.same(again, { status: 'accepted' }, 'the same answer for a taken address')
  t.equal((await eventsOf('auth.registration_attempted', first.user.id)).length, 1, 'its owner is told')
  const [count] = await handle.db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(sql`lower(${users.email})`, first.email.toLowerCase()))
  t.equal(count!.n, 1, 'no second account')
})

t.test('verify email: the link works once; resending is refused once verified', async (t) => {
  const { user, verifyToken } = await registered('verify')
  t.equal(await codeOf(exec(authCases.resendVerification, null, {})), 'AUTH_UNAUTHENTICATED')
  t.same(await exec(authCases.resendVerification, actorOf(user), {}), { status: 'accepted' })
  t.equal(
    await codeOf(exec(authCases.verifyEmail, null, { token: verifyToken })),
    'AUTH_INVALID_TOKEN',
    'a new link retires the older one',
  )
  const [latest] = (await eventsOf('auth.email_verification_requested', user.id)).slice(-1)
  const token = linkToken(LINK_SECRET, 'verify_email', latest!.tokenId!)
  const me = await exec(authCases.verifyEmail, null, { token })
  t.equal(me.emailVerified, true)
  t.equal(await codeOf(exec(authCases.verifyEmail, null, { token })), 'AUTH_INVALID_TOKEN', 'used once')
  const verified = actorOf((await userByEmail(user.email))!)
  t.equal(await codeOf(exec(authCases.resendVerification, verified, {})), 'CONFLICT')
})

t.test('login: an unknown address, a wrong password and a disabled account are refused alike', async (t) => {
  const { email, user } = await registered('login')
  const pair = await signIn(email.toUpperCase())
  t.equal(pair.tokenType, 'Bearer')
  t.equal(pair.expiresIn, 900)
  t.equal(pair.accessToken, `access:${user.id}:coordinator:${user.sessionVersion}`)
  t.equal(await codeOf(signIn(email, 'wrong wrong wrong')), 'AUTH_INVALID_CREDENTIALS')
  t.equal(await codeOf(signIn(newEmail('nobody'))), 'AUTH_INVALID_CREDENTIALS')
  await handle.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id))
  t.equal(await codeOf(signIn(email)), 'AUTH_INVALID_CREDENTIALS', 'disabled: the same refusal')
  t.same(
    await fieldsOf(exec(authCases.login, null, { email, password: '' })),
    ['password'],
    'the input schema is checked before the use case runs',
  )
})

t.test('refresh: rotation, and a reused token revokes its family for good', async (t) => {
  const { email, user } = await registered('refresh')
  const first = await signIn(email)
  const other = await signIn(email) // a second device: another family
  const second = await exec(authCases.refreshSession, null, { refreshToken: first.refreshToken })
  t.not(second.refreshToken, first.refreshToken, 'a new refresh token')
  t.equal(second.tokenType, 'Bearer')

  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: first.refreshToken })),
    'AUTH_REFRESH_REUSED',
  )
  // The revocation was committed although the use case failed.
  const after = (await userByEmail(email))!
  t.equal(after.sessionVersion, user.sessionVersion + 1, 'access tokens of the family die at once')
  const revoked = await handle.db
    .select({ id: refreshTokens.id })
    .from(refreshTokens)
    .where(and(eq(refreshTokens.userId, user.id), eq(refreshTokens.revokedReason, 'reuse_detected')))
  t.equal(revoked.length, 2, 'both tokens of the family, not the other device’s')
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: second.refreshToken })),
    'AUTH_REFRESH_REUSED',
    'the thief’s fresh token is dead too',
  )
  const stillThere = await exec(authCases.refreshSession, null, { refreshToken: other.refreshToken })
  t.equal(
    stillThere.accessToken,
    `access:${user.id}:coordinator:${after.sessionVersion}`,
    'other family lives',
  )
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: 'x'.repeat(43) })),
    'AUTH_INVALID_TOKEN',
  )

  await handle.db.update(users).set({ status: 'disabled' }).where(eq(users.id, user.id))
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: stillThere.refreshToken })),
    'AUTH_ACCOUNT_DISABLED',
  )
  const [kept] = await handle.db
    .select({ usedAt: refreshTokens.usedAt })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashToken(stillThere.refreshToken)))
  t.equal(kept?.usedAt, null, 'a refused refresh leaves the token unused')
})

t.test('password reset: the same answer for any address; the link sets a password once', async (t) => {
  const { email, user } = await registered('reset')
  const session = await signIn(email)
  const unknown = newEmail('nobody')
  t.same(await exec(authCases.requestPasswordReset, null, { email: unknown }), { status: 'accepted' })
  t.same(await exec(authCases.requestPasswordReset, null, { email: email.toUpperCase() }), {
    status: 'accepted',
  })
  const [event] = await eventsOf('auth.password_reset_requested', user.id)
  t.ok(event?.tokenId, 'a reset mail for the known address')
  const token = linkToken(LINK_SECRET, 'reset_password', event!.tokenId!)

  t.same(
    await fieldsOf(exec(authCases.confirmPasswordReset, null, { token, newPassword: email })),
    ['newPassword'],
    'the address is no password',
  )
  t.equal(
    await exec(authCases.confirmPasswordReset, null, { token, newPassword: NEW_PASSWORD }),
    null,
    'a refused password leaves the link usable',
  )
  t.equal(
    await codeOf(exec(authCases.confirmPasswordReset, null, { token, newPassword: NEW_PASSWORD })),
    'AUTH_INVALID_TOKEN',
    'once',
  )
  const after = (await userByEmail(email))!
  t.not(after.emailVerifiedAt, null, 'reading the link verifies the address')
  t.equal(after.sessionVersion, user.sessionVersion + 1, 'every session ends')
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: session.refreshToken })),
    'AUTH_REFRESH_REUSED',
    'the old refresh token is revoked',
  )
  t.equal(await codeOf(signIn(email)), 'AUTH_INVALID_CREDENTIALS', 'the old password is gone')
  t.ok((await signIn(email, NEW_PASSWORD)).accessToken, 'the new one works')
  t.equal((await eventsOf('auth.password_changed', user.id)).length, 1, 'the holder is told')
  const tokens = await handle.db
    .select({ id: emailTokens.id })
    .from(emailTokens)
    .where(and(eq(emailTokens.purpose, 'reset_password'), eq(emailTokens.userId, user.id)))
  t.equal(tokens.length, 1, 'no token for the unknown address, one for the known')
})

t.test('change password: proven by the current one; ends every session, hands out a new one', async (t) => {
  const { email, user } = await registered('change')
  const old = await signIn(email)
  const actor = actorOf(user)
  t.equal(
    await codeOf(
      exec(authCases.changePassword, actor, {
        currentPassword: 'not the password',
        newPassword: NEW_PASSWORD,
      }),
    ),
    'AUTH_INVALID_CREDENTIALS',
  )
  t.same(
    await fieldsOf(
      exec(authCases.changePassword, actor, { currentPassword: PASSWORD, newPassword: 'short' }),
    ),
    ['newPassword'],
  )
  const pair = await exec(authCases.changePassword, actor, {
    currentPassword: PASSWORD,
    newPassword: NEW_PASSWORD,
  })
  const after = (await userByEmail(email))!
  t.equal(
    pair.accessToken,
    `access:${user.id}:coordinator:${after.sessionVersion}`,
    'carries the new version',
  )
  t.equal(after.sessionVersion, user.sessionVersion + 1)
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: old.refreshToken })),
    'AUTH_REFRESH_REUSED',
    'the old session is over',
  )
  t.ok(await exec(authCases.refreshSession, null, { refreshToken: pair.refreshToken }), 'the new one lives')
  const audit = await handle.db
    .select({ action: auditLog.action, requestId: auditLog.requestId })
    .from(auditLog)
    .where(eq(auditLog.entityId, user.id))
  t.same(audit, [{ action: 'user.password_changed', requestId: 'test-request' }])
  t.equal(await exec(authCases.logout, actorOf(after), {}), null)
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: pair.refreshToken })),
    'AUTH_REFRESH_REUSED',
    'logout revokes it',
  )
})

t.test('me and the admins: profile edits, staff accounts, disabling', async (t) => {
  const { user } = await registered('me')
  const me = actorOf(user)
  t.equal(await codeOf(exec(meCases.updateMe, me, { timeZone: 'Nowhere/Land' })), 'REQUEST_VALIDATION')
  const edited = await exec(meCases.updateMe, me, { displayName: 'New Name', locale: 'zh' })
  t.same([edited.displayName, edited.locale, edited.timeZone], ['New Name', 'zh', 'Europe/Berlin'])
  t.same(await exec(meCases.viewMe, me, {}), edited)

  const [adminRow] = await handle.db
    .insert(users)
    .values({ email: newEmail('admin'), displayName: 'Admin', role: 'admin', emailVerifiedAt: new Date() })
    .returning()
  const admin = actorOf(adminRow!)
  const staff = { email: newEmail('officer'), password: PASSWORD, name: 'Officer', role: 'officer' as const }
  t.equal(await codeOf(exec(adminCases.createStaff, me, { ...staff, side: 'duren' })), 'ACCESS_FORBIDDEN')
  t.same(await fieldsOf(exec(adminCases.createStaff, admin, staff)), ['side'], 'an officer needs a side')
  const officer = await exec(adminCases.createStaff, admin, { ...staff, side: 'jinhua' })
  t.same(
    [officer.role, officer.officerSide, officer.locale, officer.timeZone, officer.emailVerified],
    ['officer', 'jinhua', 'zh', 'Asia/Shanghai', true],
    'defaults of its side; verified by the admin',
  )
  t.equal(
    await codeOf(exec(adminCases.createStaff, admin, { ...staff, side: 'duren' })),
    'ACCOUNT_EMAIL_TAKEN',
  )

  const page = await exec(adminCases.listUsers, admin, { q: 'officer', role: 'officer', limit: 50 })
  t.same(
    page.items.map((u) => u.id),
    [officer.id],
  )
  t.equal(page.total, 1)

  t.equal(
    await codeOf(exec(adminCases.setUserStatus, admin, { id: admin.userId, status: 'disabled' })),
    'CONFLICT',
    'not oneself',
  )
  t.equal(
    await codeOf(exec(adminCases.setUserStatus, admin, { id: randomUUID(), status: 'disabled' })),
    'NOT_FOUND',
  )
  const session = await signIn(staff.email)
  const disabled = await exec(adminCases.setUserStatus, admin, { id: officer.id, status: 'disabled' })
  t.equal(disabled.status, 'disabled')
  t.equal(
    await codeOf(exec(authCases.refreshSession, null, { refreshToken: session.refreshToken })),
    'AUTH_REFRESH_REUSED',
    'disabling ends its sessions',
  )
  const enabled = await exec(adminCases.setUserStatus, admin, { id: officer.id, status: 'active' })
  t.equal(enabled.status, 'active')
  const actions = await handle.db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.entityId, officer.id))
  t.same(actions.map((a) => a.action).sort(), ['user.created', 'user.disabled', 'user.enabled'])
})
