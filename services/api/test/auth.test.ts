import { createHmac } from 'node:crypto'
import {
  bearer,
  createStaff,
  json,
  latestEventToken,
  login,
  PASSWORD,
  registerCoordinator,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t, { type Test } from 'tap'

let ctx: TestContext
t.before(async () => {
  ctx = await startTestApp('auth')
})
t.teardown(() => ctx.close())

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload: payload as object, headers })

function expectProblem(
  t: Test,
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
) {
  t.equal(res.statusCode, status, `status ${status}`)
  t.match(String(res.headers['content-type']), /^application\/problem\+json/)
  const body = JSON.parse(res.body)
  t.equal(body.code, code)
  t.equal(body.status, status)
  t.type(body.type, 'string')
  t.type(body.title, 'string')
  return body
}

t.test('register → verification event in the outbox → verify → profile', async (t) => {
  const res = await post('/v1/auth/register', {
    email: 'Lehrerin@Gymnasium-Dueren.de',
    password: PASSWORD,
    name: 'Anna Schmitz',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  })
  t.equal(res.statusCode, 202)
  t.same(json(res), { status: 'accepted' })
  const [me] = await ctx.app.dbHandle.sql<{ id: string; email_verified_at: Date | null; role: string }[]>`
    select id, email_verified_at, role from users where email = 'Lehrerin@Gymnasium-Dueren.de'`
  t.equal(me!.email_verified_at, null)
  t.equal(me!.role, 'coordinator')
  const token = await latestEventToken(ctx.app, me!.id, 'auth.email_verification_requested')
  const bad = await post('/v1/auth/verify-email', { token: 'x'.repeat(43) })
  expectProblem(t, bad, 401, 'AUTH_INVALID_TOKEN')
  const ok = await post('/v1/auth/verify-email', { token })
  t.equal(ok.statusCode, 200)
  t.equal(json<{ emailVerified: boolean }>(ok).emailVerified, true)
  expectProblem(t, await post('/v1/auth/verify-email', { token }), 401, 'AUTH_INVALID_TOKEN')
})

t.test('a taken address (any letter case) gets the same answer; its owner is told by email', async (t) => {
  const owner = await registerCoordinator(ctx.app, 'dup@example.org', { verify: false })
  const register = (email: string) =>
    post('/v1/auth/register', {
      email,
      password: PASSWORD,
      name: 'x',
      locale: 'en',
      timeZone: 'Asia/Shanghai',
    })
  const taken = await register('DUP@Example.ORG')
  const fresh = await register('not-dup@example.org')
  t.equal(taken.statusCode, 202)
  t.equal(taken.statusCode, fresh.statusCode, 'same status')
  t.equal(taken.body, fresh.body, 'same body')
  t.equal(taken.headers['content-type'], fresh.headers['content-type'])
  const accounts = await ctx.app.dbHandle.sql<{ n: number }[]>`
    select count(*)::int as n from users where lower(email) = 'dup@example.org'`
  t.equal(accounts[0]!.n, 1, 'no second account')
  const events = await ctx.app.dbHandle.sql<{ event_type: string }[]>`
    select event_type from outbox where payload->>'userId' = ${owner.id} order by created_at`
  t.same(
    events.map((e) => e.event_type),
    ['auth.email_verification_requested', 'auth.registration_attempted'],
    "the owner gets a 'someone tried to register' mail, not a second verification link",
  )
})

t.test('bad input gets problem+json naming the field', async (t) => {
  const malformed = await ctx.app.inject({
    method: 'POST',
    url: '/v1/auth/register',
    headers: { 'content-type': 'application/json' },
    payload: '{"email": "a@b.de", ',
  })
  expectProblem(t, malformed, 400, 'REQUEST_MALFORMED_JSON')

  const schema = await post('/v1/auth/register', {
    email: 'not-an-email',
    password: PASSWORD,
    locale: 'fr',
    timeZone: 'Europe/Berlin',
  })
  const body = expectProblem(t, schema, 400, 'REQUEST_VALIDATION')
  const fields = (body.errors as { field: string }[]).map((e) => e.field)
  t.ok(fields.includes('email'), 'names email')
  t.ok(fields.includes('name'), 'names the missing name')
  t.ok(fields.includes('locale'), 'names locale')

  const weak = await post('/v1/auth/register', {
    email: 'w@b.de',
    password: 'short',
    name: 'W',
    locale: 'de',
    timeZone: 'Mars/Olympus',
  })
  const weakBody = expectProblem(t, weak, 400, 'REQUEST_VALIDATION')
  t.same((weakBody.errors as { field: string }[]).map((e) => e.field).sort(), ['password', 'timeZone'])

  const selfOfficer = await post('/v1/auth/register', {
    email: 'o@b.de',
    password: PASSWORD,
    name: 'O',
    locale: 'de',
    timeZone: 'Europe/Berlin',
    role: 'officer',
  })
  expectProblem(t, selfOfficer, 400, 'REQUEST_VALIDATION')
})

t.test('wrong password and unknown user get the same answer', async (t) => {
  await registerCoordinator(ctx.app, 'known@example.org')
  const wrong = await post('/v1/auth/login', { email: 'known@example.org', password: 'wrong password 123' })
  const unknown = await post('/v1/auth/login', {
    email: 'nobody@example.org',
    password: 'wrong password 123',
  })
  const a = expectProblem(t, wrong, 401, 'AUTH_INVALID_CREDENTIALS')
  const b = expectProblem(t, unknown, 401, 'AUTH_INVALID_CREDENTIALS')
  t.equal(a.detail, b.detail)
  t.equal(a.title, b.title)
  const caseInsensitive = await post('/v1/auth/login', { email: 'KNOWN@example.org', password: PASSWORD })
  t.equal(caseInsensitive.statusCode, 200)
})

t.test('an unverified account signs in and reads its profile but cannot create institutions', async (t) => {
  const u = await registerCoordinator(ctx.app, 'unverified@example.org', { verify: false })
  const me = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(u.accessToken) })
  t.equal(me.statusCode, 200)
  const create = await post(
    '/v1/institutions',
    { side: 'duren', name: 'Realschule Jülich' },
    bearer(u.accessToken),
  )
  expectProblem(t, create, 403, 'AUTH_EMAIL_NOT_VERIFIED')
  const v = await registerCoordinator(ctx.app, 'verified@example.org')
  const ok = await post(
    '/v1/institutions',
    { side: 'duren', name: 'Realschule Jülich' },
    bearer(v.accessToken),
  )
  t.equal(ok.statusCode, 201)
})

t.test('refresh rotates; reusing a used refresh token revokes the whole family', async (t) => {
  const u = await registerCoordinator(ctx.app, 'rotate@example.org')
  const r1 = await post('/v1/auth/refresh', { refreshToken: u.refreshToken })
  t.equal(r1.statusCode, 200)
  const second = json<{ refreshToken: string; accessToken: string }>(r1)
  t.not(second.refreshToken, u.refreshToken)
  const me = (accessToken: string) =>
    ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(accessToken) })
  t.equal((await me(second.accessToken)).statusCode, 200)
  const reuse = await post('/v1/auth/refresh', { refreshToken: u.refreshToken })
  expectProblem(t, reuse, 401, 'AUTH_REFRESH_REUSED')
  expectProblem(t, await me(second.accessToken), 401, 'AUTH_INVALID_TOKEN')
  t.equal((await me(u.accessToken)).statusCode, 401, "the family's access tokens die at once")
  const afterRevoke = await post('/v1/auth/refresh', { refreshToken: second.refreshToken })
  t.equal(afterRevoke.statusCode, 401, 'the legitimate successor is revoked too')
  const otherLogin = await login(ctx.app, 'rotate@example.org')
  t.equal(
    (await post('/v1/auth/refresh', { refreshToken: otherLogin.refreshToken })).statusCode,
    200,
    'other families are untouched',
  )
  expectProblem(
    t,
    await post('/v1/auth/refresh', { refreshToken: 'y'.repeat(43) }),
    401,
    'AUTH_INVALID_TOKEN',
  )
})

t.test('logout and password change end every session', async (t) => {
  const u = await registerCoordinator(ctx.app, 'logout@example.org')
  const out = await post('/v1/auth/logout', {}, bearer(u.accessToken))
  t.equal(out.statusCode, 204)
  expectProblem(
    t,
    await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(u.accessToken) }),
    401,
    'AUTH_INVALID_TOKEN',
  )
  t.equal((await post('/v1/auth/refresh', { refreshToken: u.refreshToken })).statusCode, 401)

  const s1 = await login(ctx.app, 'logout@example.org')
  const s2 = await login(ctx.app, 'logout@example.org')
  const weak = await post(
    '/v1/auth/change-password',
    { currentPassword: PASSWORD, newPassword: 'short' },
    bearer(s1.accessToken),
  )
  expectProblem(t, weak, 400, 'REQUEST_VALIDATION')
  const changed = await post(
    '/v1/auth/change-password',
    { currentPassword: PASSWORD, newPassword: 'a much better passphrase' },
    bearer(s1.accessToken),
  )
  t.equal(changed.statusCode, 200)
  const fresh = json<{ accessToken: string }>(changed)
  t.equal(
    (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(s2.accessToken) })).statusCode,
    401,
  )
  t.equal((await post('/v1/auth/refresh', { refreshToken: s2.refreshToken })).statusCode, 401)
  t.equal(
    (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(fresh.accessToken) })).statusCode,
    200,
  )
  await login(ctx.app, 'logout@example.org', 'a much better passphrase')
})

t.test('password reset by emailed token', async (t) => {
  const u = await registerCoordinator(ctx.app, 'reset@example.org')
  const unknown = await post('/v1/auth/password-reset/request', { email: 'ghost@example.org' })
  t.equal(unknown.statusCode, 202, 'no account enumeration')
  t.equal((await post('/v1/auth/password-reset/request', { email: 'RESET@example.org' })).statusCode, 202)
  const token = await latestEventToken(ctx.app, u.id, 'auth.password_reset_requested')
  const done = await post('/v1/auth/password-reset/confirm', { token, newPassword: 'reset passphrase 2026' })
  t.equal(done.statusCode, 204)
  t.equal(
    (await post('/v1/auth/refresh', { refreshToken: u.refreshToken })).statusCode,
    401,
    'old sessions end',
  )
  await login(ctx.app, 'reset@example.org', 'reset passphrase 2026')
  expectProblem(
    t,
    await post('/v1/auth/password-reset/confirm', { token, newPassword: 'another passphrase 1' }),
    401,
    'AUTH_INVALID_TOKEN',
  )
})

t.test('a token read from the outbox resets no password (the old attack)', async (t) => {
  const u = await registerCoordinator(ctx.app, 'victim@example.org')
  t.equal((await post('/v1/auth/password-reset/request', { email: 'victim@example.org' })).statusCode, 202)
  const rows = await ctx.app.dbHandle.sql<{ payload: Record<string, unknown> }[]>`
    select payload from outbox where event_type = 'auth.password_reset_requested' and payload->>'userId' = ${u.id}`
  t.equal(rows.length, 1)
  const payload = rows[0]!.payload
  t.notOk('token' in payload, 'the event carries no token')
  // Whatever the attacker reads there (the token row id included), none of it opens the account.
  const candidates = Object.values(payload).filter((v): v is string => typeof v === 'string')
  t.ok(candidates.includes(String(payload['tokenId'])))
  for (const token of candidates) {
    const res = await post('/v1/auth/password-reset/confirm', { token, newPassword: 'attacker passphrase 1' })
    t.not(res.statusCode, 204, `"${token.slice(0, 12)}…" is refused`)
    t.equal(
      (await post('/v1/auth/login', { email: 'victim@example.org', password: 'attacker passphrase 1' }))
        .statusCode,
      401,
    )
  }
  await login(ctx.app, 'victim@example.org', PASSWORD)
  const emailed = await latestEventToken(ctx.app, u.id, 'auth.password_reset_requested')
  t.equal(
    (await post('/v1/auth/password-reset/confirm', { token: emailed, newPassword: 'owner passphrase 2026' }))
      .statusCode,
    204,
    'the token of the mail still works',
  )
})

function b64(obj: unknown) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url')
}
function forge(header: object, payload: object, secret: string) {
  const head = `${b64(header)}.${b64(payload)}`
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`
}

t.test('expired, tampered, alg none, wrong audience or issuer, wrong typ → 401', async (t) => {
  const u = await registerCoordinator(ctx.app, 'tokens@example.org')
  const claims = JSON.parse(Buffer.from(u.accessToken.split('.')[1]!, 'base64url').toString())
  const secret = ctx.config.JWT_SECRET
  const now = Math.floor(Date.now() / 1000)
  t.ok(claims.exp - claims.iat <= 900, 'access token lives at most 15 minutes')
  const cases: Record<string, string> = {
    expired: forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iat: now - 2000, exp: now - 1000 }, secret),
    tampered: `${u.accessToken.split('.')[0]}.${b64({ ...claims, role: 'admin' })}.${u.accessToken.split('.')[2]}`,
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    wrongAudience: forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, aud: 'someone-else' }, secret),
    wrongIssuer: forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, iss: 'evil' }, secret),
    wrongTyp: forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, typ: 'refresh' }, secret),
    otherSecret: forge({ alg: 'HS256', typ: 'JWT' }, claims, 'another-secret-another-secret-12345'),
    // Signed with the real key, so only the claims' own checks stand in the way (issue 11).
    notUuidSubject: forge({ alg: 'HS256', typ: 'JWT' }, { ...claims, sub: 'not-a-uuid' }, secret),
    olderThanTtl: forge(
      { alg: 'HS256', typ: 'JWT' },
      { ...claims, iat: now - ctx.config.ACCESS_TOKEN_TTL_SECONDS - 120, exp: now + 3600 },
      secret,
    ),
    hs512: (() => {
      const head = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64(claims)}`
      return `${head}.${createHmac('sha512', secret).update(head).digest('base64url')}`
    })(),
  }
  for (const [name, token] of Object.entries(cases)) {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(token) })
    expectProblem(t, res, 401, 'AUTH_INVALID_TOKEN')
    t.pass(name)
  }
  const sane = forge({ alg: 'HS256', typ: 'JWT' }, claims, secret)
  t.equal(
    (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(sane) })).statusCode,
    200,
    'the control forgery with the real key passes',
  )
  expectProblem(t, await ctx.app.inject({ method: 'GET', url: '/v1/me' }), 401, 'AUTH_UNAUTHENTICATED')
})

t.test(
  'roles: coordinator on an admin route → 403; admin creates an officer; disabling ends sessions',
  async (t) => {
    const coord = await registerCoordinator(ctx.app, 'role-coord@example.org')
    const admin = await createStaff(ctx.app, 'admin@kreis-dueren.de', 'admin')
    const officerBody = {
      email: 'officer@kreis-dueren.de',
      password: PASSWORD,
      name: 'Officer Düren',
      role: 'officer',
      side: 'duren',
    }
    expectProblem(
      t,
      await post('/v1/admin/users', officerBody, bearer(coord.accessToken)),
      403,
      'ACCESS_FORBIDDEN',
    )
    expectProblem(
      t,
      await post('/v1/admin/users', { ...officerBody, side: undefined }, bearer(admin.accessToken)),
      400,
      'REQUEST_VALIDATION',
    )
    const created = await post('/v1/admin/users', officerBody, bearer(admin.accessToken))
    t.equal(created.statusCode, 201)
    t.equal(json<{ officerSide: string }>(created).officerSide, 'duren')
    const officer = await login(ctx.app, 'officer@kreis-dueren.de')
    expectProblem(
      t,
      await ctx.app.inject({ method: 'GET', url: '/v1/admin/users', headers: bearer(officer.accessToken) }),
      403,
      'ACCESS_FORBIDDEN',
    )
    const list = await ctx.app.inject({
      method: 'GET',
      url: '/v1/admin/users?limit=2',
      headers: bearer(admin.accessToken),
    })
    t.equal(list.statusCode, 200)
    t.equal(json<{ items: unknown[] }>(list).items.length, 2)

    const disable = await ctx.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${coord.id}`,
      payload: { status: 'disabled' },
      headers: bearer(admin.accessToken),
    })
    t.equal(disable.statusCode, 200)
    t.equal(
      (await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: bearer(coord.accessToken) })).statusCode,
      401,
    )
    t.equal((await post('/v1/auth/refresh', { refreshToken: coord.refreshToken })).statusCode, 401)
    expectProblem(
      t,
      await post('/v1/auth/login', { email: 'role-coord@example.org', password: PASSWORD }),
      401,
      'AUTH_INVALID_CREDENTIALS',
    )
    const audit = await ctx.app.dbHandle.sql`select action from audit_log where entity_id = ${coord.id}`
    t.same(
      audit.map((r) => r.action),
      ['user.disabled'],
    )
  },
)

t.test('login is rate limited per account', async (t) => {
  await registerCoordinator(ctx.app, 'limited@example.org')
  const statuses: number[] = []
  for (let i = 0; i < ctx.config.RATE_LIMIT_LOGIN_PER_ACCOUNT + 2; i++) {
    statuses.push(
      (await post('/v1/auth/login', { email: 'limited@example.org', password: 'wrong password 123' }))
        .statusCode,
    )
  }
  t.equal(statuses.at(-1), 429)
  t.ok(statuses.slice(0, ctx.config.RATE_LIMIT_LOGIN_PER_ACCOUNT - 1).every((s) => s === 401))
  const body = expectProblem(
    t,
    await post('/v1/auth/login', { email: 'limited@example.org', password: PASSWORD }),
    429,
    'RATE_LIMITED',
  )
  t.ok(body.detail)
})

t.test('login is rate limited per IP across accounts', async (t) => {
  const small = await startTestApp('ratelimit', { RATE_LIMIT_LOGIN_PER_IP: '3' })
  t.teardown(() => small.close())
  const attempt = (email: string, remoteAddress: string) =>
    small.app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      remoteAddress,
      payload: { email, password: 'wrong password 123' },
    })
  const codes = []
  for (let i = 0; i < 4; i++) codes.push((await attempt(`user${i}@example.org`, '203.0.113.7')).statusCode)
  t.same(codes, [401, 401, 401, 429])
  t.equal(
    (await attempt('user9@example.org', '203.0.113.8')).statusCode,
    401,
    'another address is not limited',
  )
})

t.test('OpenAPI document, health and readiness', async (t) => {
  const doc = json<{ openapi: string; paths: Record<string, unknown> }>(
    await ctx.app.inject({ method: 'GET', url: '/openapi.json' }),
  )
  t.equal(doc.openapi, '3.1.0')
  t.ok(doc.paths['/v1/auth/login'])
  t.ok(doc.paths['/v1/me'])
  t.equal((await ctx.app.inject({ method: 'GET', url: '/docs' })).statusCode < 400, true)
  t.same(json(await ctx.app.inject({ method: 'GET', url: '/health' })), { status: 'ok' })
  const ready = await ctx.app.inject({ method: 'GET', url: '/ready' })
  t.equal(ready.statusCode, 200)
  expectProblem(t, await ctx.app.inject({ method: 'GET', url: '/v1/nope' }), 404, 'NOT_FOUND')
})
