import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bearer, json, PASSWORD, registerCoordinator, startTestApp, type TestContext } from '@dj/stack'
import { createTcpProxy, TEST_REDIS_URL, waitFor } from '@dj/testkit'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import t from 'tap'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const WRONG = 'wrong password 123'

type Extra = Omit<InjectOptions, 'method' | 'url' | 'payload'>
const post = (ctx: TestContext, url: string, payload: object, extra: Extra = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, ...extra })

/** Small limits, so each one can be driven over in a few requests. */
const SMALL = {
  RATE_LIMIT_LOGIN_PER_IP: '3',
  RATE_LIMIT_LOGIN_PER_ACCOUNT: '3',
  RATE_LIMIT_ACCOUNT_CEILING: '6',
  RATE_LIMIT_TOKEN_PER_IP: '3',
  RATE_LIMIT_PER_USER: '3',
}

function codeOf(res: { statusCode: number; body: string }) {
  return res.statusCode === 429 ? (JSON.parse(res.body) as { code: string }).code : res.statusCode
}

t.test('every credential route has a limit, and past it answers 429 problem+json', async (t) => {
  const ctx = await startTestApp('limits-each', SMALL)
  t.teardown(() => ctx.close())
  const unverified = await registerCoordinator(ctx.app, 'unverified@example.org', { verify: false })
  const verified = await registerCoordinator(ctx.app, 'verified@example.org', { verify: false })
  await ctx.app.dbHandle.sql`update users set email_verified_at = now() where id = ${verified.id}`

  let address = 10
  /** Sends `send(i)` until it is limited; every answer before must not be 429. */
  const driveOver = async (
    name: string,
    max: number,
    send: (i: number) => Promise<{ statusCode: number; body: string; headers: Record<string, unknown> }>,
  ) => {
    const before: number[] = []
    for (let i = 0; i < max; i++) before.push((await send(i)).statusCode)
    const over = await send(max)
    t.notOk(before.includes(429), `${name}: the first ${max} are not limited (${before.join(', ')})`)
    t.equal(over.statusCode, 429, `${name}: attempt ${max + 1} is limited`)
    t.match(String(over.headers['content-type']), /^application\/problem\+json/)
    t.equal(codeOf(over), 'RATE_LIMITED', `${name}: RATE_LIMITED`)
  }
  const fromNewAddress = () => `198.51.100.${address++}`

  let ip = fromNewAddress()
  await driveOver('login per client address', 3, (i) =>
    post(ctx, '/v1/auth/login', { email: `nobody${i}@example.org`, password: WRONG }, { remoteAddress: ip }),
  )
  ip = fromNewAddress()
  const body = (email: string) => ({
    email,
    password: PASSWORD,
    name: 'x',
    locale: 'de',
    timeZone: 'Europe/Berlin',
  })
  await driveOver('register per client address', 3, (i) =>
    post(ctx, '/v1/auth/register', body(`new${i}@example.org`), { remoteAddress: ip }),
  )
  await driveOver('register per email address', 3, () =>
    post(ctx, '/v1/auth/register', body('same@example.org'), { remoteAddress: fromNewAddress() }),
  )
  ip = fromNewAddress()
  await driveOver('reset request per client address', 3, (i) =>
    post(ctx, '/v1/auth/password-reset/request', { email: `r${i}@example.org` }, { remoteAddress: ip }),
  )
  await driveOver('reset request per email address', 3, () =>
    post(
      ctx,
      '/v1/auth/password-reset/request',
      { email: 'verified@example.org' },
      { remoteAddress: fromNewAddress() },
    ),
  )
  ip = fromNewAddress()
  await driveOver('reset confirm per client address', 3, () =>
    post(
      ctx,
      '/v1/auth/password-reset/confirm',
      { token: 'x'.repeat(40), newPassword: PASSWORD },
      { remoteAddress: ip },
    ),
  )
  ip = fromNewAddress()
  await driveOver('verify-email per client address', 3, () =>
    post(ctx, '/v1/auth/verify-email', { token: 'x'.repeat(40) }, { remoteAddress: ip }),
  )
  ip = fromNewAddress()
  await driveOver('refresh per client address', 3, () =>
    post(ctx, '/v1/auth/refresh', { refreshToken: 'x'.repeat(40) }, { remoteAddress: ip }),
  )
  // Per signed-in user, from ever-changing addresses: a new address does not reset the count.
  const as = (who: { accessToken: string }) => ({
    headers: bearer(who.accessToken),
    remoteAddress: fromNewAddress(),
  })
  await driveOver('resend verification per user', 3, () =>
    post(ctx, '/v1/auth/resend-verification', {}, as(unverified)),
  )
  await driveOver('change-password per user', 3, () =>
    post(
      ctx,
      '/v1/auth/change-password',
      { currentPassword: WRONG, newPassword: `${PASSWORD} 2` },
      as(unverified),
    ),
  )
  await driveOver('DELETE /v1/me per user', 3, () =>
    ctx.app.inject({ method: 'DELETE', url: '/v1/me', payload: { password: WRONG }, ...as(unverified) }),
  )
  await driveOver('invitation create per user', 3, () =>
    post(
      ctx,
      '/v1/institutions/00000000-0000-4000-8000-000000000000/invitations',
      { email: 'c@example.org' },
      as(verified),
    ),
  )
  await driveOver('invitation accept per user', 3, () =>
    post(ctx, '/v1/invitations/accept', { token: 'x'.repeat(40) }, as(verified)),
  )
})

t.test('an attacker failing from elsewhere does not lock the owner out', async (t) => {
  const ctx = await startTestApp('limits-owner', { RATE_LIMIT_LOGIN_PER_IP: '1000' })
  t.teardown(() => ctx.close())
  await registerCoordinator(ctx.app, 'owner@example.org', { verify: false })
  const attempt = (password: string, remoteAddress: string) =>
    post(ctx, '/v1/auth/login', { email: 'owner@example.org', password }, { remoteAddress })
  const attacker: (number | string)[] = []
  for (let i = 0; i < 15; i++) attacker.push(codeOf(await attempt(WRONG, '203.0.113.66')))
  t.same(attacker.slice(0, 10), Array(10).fill(401), 'ten failures are answered as such')
  t.same(attacker.slice(10), Array(5).fill('RATE_LIMITED'), 'then the attacker is stopped')
  t.equal(codeOf(await attempt(PASSWORD, '203.0.113.66')), 'RATE_LIMITED', 'even with the right password')
  const owner = await attempt(PASSWORD, '198.51.100.7')
  t.equal(owner.statusCode, 200, 'the owner signs in from their own client')
  t.ok(json<{ accessToken: string }>(owner).accessToken)
})

t.test('a much higher ceiling per account stops attackers spread over many addresses', async (t) => {
  const ctx = await startTestApp('limits-ceiling', { ...SMALL, RATE_LIMIT_LOGIN_PER_IP: '1000' })
  t.teardown(() => ctx.close())
  await registerCoordinator(ctx.app, 'target@example.org', { verify: false })
  const attempt = (password: string, remoteAddress: string) =>
    post(ctx, '/v1/auth/login', { email: 'target@example.org', password }, { remoteAddress })
  const codes: (number | string)[] = []
  for (let i = 0; i < 8; i++) codes.push(codeOf(await attempt(WRONG, `203.0.113.${i + 1}`)))
  t.same(codes, [401, 401, 401, 401, 401, 401, 'RATE_LIMITED', 'RATE_LIMITED'])
})

t.test('Redis down: the credential routes fail closed', async (t) => {
  const proxy = await createTcpProxy(Number(new URL(TEST_REDIS_URL).port))
  const ctx = await startTestApp('limits-redis-down', { REDIS_URL: `redis://127.0.0.1:${proxy.port}` })
  t.teardown(async () => {
    await ctx.close()
    await proxy.close()
  })
  const coord = await registerCoordinator(ctx.app, 'down@example.org', { verify: false })
  await ctx.app.dbHandle.sql`update users set email_verified_at = now() where id = ${coord.id}`
  await proxy.down()
  await waitFor(() => ctx.app.producers.connection.status !== 'ready', { what: 'redis to look down' })

  const guesses: number[] = []
  for (let i = 0; i < 25; i++) {
    guesses.push(
      (await post(ctx, '/v1/auth/login', { email: 'down@example.org', password: `${WRONG}${i}` })).statusCode,
    )
  }
  t.same(
    guesses.filter((s) => s !== 429 && s !== 503),
    [],
    'none of 25 wrong passwords is even checked',
  )
  const right = await post(ctx, '/v1/auth/login', { email: 'down@example.org', password: PASSWORD })
  t.equal(right.statusCode, 503, 'no sign-in without a working limiter')
  t.match(String(right.headers['content-type']), /^application\/problem\+json/)
  t.equal(json<{ code: string }>(right).code, 'SERVICE_UNAVAILABLE')

  const auth = { headers: bearer(coord.accessToken) }
  const others: [string, Promise<LightMyRequestResponse>][] = [
    [
      'register',
      post(ctx, '/v1/auth/register', {
        email: 'n@example.org',
        password: PASSWORD,
        name: 'n',
        locale: 'de',
        timeZone: 'Europe/Berlin',
      }),
    ],
    ['reset request', post(ctx, '/v1/auth/password-reset/request', { email: 'down@example.org' })],
    [
      'reset confirm',
      post(ctx, '/v1/auth/password-reset/confirm', { token: 'x'.repeat(40), newPassword: PASSWORD }),
    ],
    ['verify-email', post(ctx, '/v1/auth/verify-email', { token: 'x'.repeat(40) })],
    ['refresh', post(ctx, '/v1/auth/refresh', { refreshToken: coord.refreshToken })],
    ['resend verification', post(ctx, '/v1/auth/resend-verification', {}, auth)],
    [
      'change-password',
      post(
        ctx,
        '/v1/auth/change-password',
        { currentPassword: PASSWORD, newPassword: `${PASSWORD} 2` },
        auth,
      ),
    ],
    [
      'DELETE /v1/me',
      ctx.app.inject({ method: 'DELETE', url: '/v1/me', payload: { password: PASSWORD }, ...auth }),
    ],
    ['invitation accept', post(ctx, '/v1/invitations/accept', { token: 'x'.repeat(40) }, auth)],
  ]
  for (const [name, pending] of others) {
    const res = await pending
    t.equal(res.statusCode, 503, `${name} fails closed`)
    t.equal(json<{ code: string }>(res).code, 'SERVICE_UNAVAILABLE')
  }

  await proxy.up()
  await waitFor(() => ctx.app.producers.connection.status === 'ready', { what: 'redis back' })
  t.equal(
    (await post(ctx, '/v1/auth/login', { email: 'down@example.org', password: PASSWORD })).statusCode,
    200,
  )
})

t.test('X-Forwarded-For is believed only from the web server (PROXY_SECRET)', async (t) => {
  const secret = 'proxy-secret-shared-by-web-and-api-0123'
  const ctx = await startTestApp('limits-forwarded', {
    ...SMALL,
    PROXY_SECRET: secret,
    TRUST_PROXY_HOPS: '0',
  })
  t.teardown(() => ctx.close())
  const attempt = (i: number, headers: Record<string, string>) =>
    post(
      ctx,
      '/v1/auth/login',
      { email: `x${i}@example.org`, password: WRONG },
      { headers, remoteAddress: '192.0.2.1' },
    )
  const spoofed: (number | string)[] = []
  for (let i = 0; i < 5; i++) spoofed.push(codeOf(await attempt(i, { 'x-forwarded-for': `203.0.113.${i}` })))
  t.same(
    spoofed,
    [401, 401, 401, 'RATE_LIMITED', 'RATE_LIMITED'],
    'a forged address does not dodge the limit',
  )
  const wrongSecret = await attempt(9, {
    'x-forwarded-for': '203.0.113.99',
    'x-dj-proxy-secret': `${secret}x`,
  })
  t.equal(codeOf(wrongSecret), 'RATE_LIMITED', 'nor does a wrong secret')
  const vouched: number[] = []
  for (let i = 0; i < 5; i++) {
    vouched.push(
      (await attempt(i, { 'x-forwarded-for': `198.51.100.${i}`, 'x-dj-proxy-secret': secret })).statusCode,
    )
  }
  t.same(vouched, [401, 401, 401, 401, 401], 'the web server names each browser')
})

t.test('pnpm start trusts no forwarded header without the shared secret', async (t) => {
  const secrets = mkdtempSync(join(tmpdir(), 'dj-start-env-'))
  t.teardown(() => rmSync(secrets, { recursive: true, force: true }))
  const env = JSON.parse(
    execFileSync(process.execPath, [join(root, 'scripts/platform-env.mjs'), secrets], {
      env: { PATH: process.env['PATH'] ?? '' },
    }).toString(),
  ) as Record<string, string>
  t.equal(env['TRUST_PROXY_HOPS'], '0', 'the API trusts no proxy hop')
  t.ok((env['PROXY_SECRET'] ?? '').length >= 32, 'the web and the API share a proxy secret')

  const ctx = await startTestApp('limits-start-env', {
    RATE_LIMIT_LOGIN_PER_IP: '2',
    TRUST_PROXY_HOPS: env['TRUST_PROXY_HOPS']!,
    PROXY_SECRET: env['PROXY_SECRET']!,
  })
  t.teardown(() => ctx.close())
  const codes: (number | string)[] = []
  for (let i = 0; i < 3; i++) {
    const res = await post(
      ctx,
      '/v1/auth/login',
      { email: `s${i}@example.org`, password: WRONG },
      {
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
      },
    )
    codes.push(codeOf(res))
  }
  t.same(codes, [401, 401, 'RATE_LIMITED'])
})
