import { json, registerCoordinator, startTestApp, type TestContext } from '@dj/stack'
import t, { type Test } from 'tap'

// Access control runs before the body is parsed or validated, on every operation the API
// publishes: a caller without access learns nothing about a route's schema.

interface Operation {
  method: string
  path: string
  security?: unknown[]
  requestBody?: unknown
  'x-roles'?: string[]
  'x-verified-email'?: boolean
}

/** Operations anyone may call. A new public route must be added here on purpose. */
const PUBLIC = [
  'GET /health',
  'GET /ready',
  'GET /v1/regions',
  'GET /v1/public/pages/{slug}/{locale}',
  'GET /v1/public/impact',
  'POST /v1/auth/register',
  'POST /v1/auth/verify-email',
  'POST /v1/auth/login',
  'POST /v1/auth/refresh',
  'POST /v1/auth/password-reset/request',
  'POST /v1/auth/password-reset/confirm',
]

let ctx: TestContext
let operations: Operation[]
t.before(async () => {
  ctx = await startTestApp('access-first')
  const doc = json<{ paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> }>(
    await ctx.app.inject({ method: 'GET', url: '/openapi.json' }),
  )
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ ...op, method: method.toUpperCase(), path })),
  )
})
t.teardown(() => ctx.close())

/** The path with every parameter replaced by something no schema accepts. */
const badUrl = (op: Operation) =>
  `${op.path.replace(/\{[^}]+\}/g, 'not-a-uuid%00')}?limit=-1&cursor=%00%01&bogus=1`

const withBody = (method: string) => method !== 'GET' && method !== 'HEAD'

/** Requests whose body, params and query are all wrong in different ways. */
function hostileRequests(op: Operation, headers: Record<string, string>) {
  const url = badUrl(op)
  const method = op.method as 'GET'
  if (!withBody(op.method)) return [{ method, url, headers }]
  return [
    { method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{"bogus": [1,' },
    { method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: '{"bogus": 1}' },
    {
      method,
      url,
      headers: { ...headers, 'content-type': 'application/x-garbage' },
      payload: 'x'.repeat(64),
    },
    { method, url, headers: { ...headers, 'content-type': 'text/csv' }, payload: 'a,b\n1,2\n' },
  ]
}

function expectProblem(
  t: Test,
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
  what: string,
) {
  t.equal(res.statusCode, status, `${what}: ${status}`)
  t.match(String(res.headers['content-type']), /^application\/problem\+json/, `${what}: problem+json`)
  t.equal(JSON.parse(res.body).code, code, `${what}: ${code}`)
}

t.test('the published operations are either public on purpose or need a token', async (t) => {
  const open = operations.filter((op) => !op.security).map((op) => `${op.method} ${op.path}`)
  t.same(open.sort(), [...PUBLIC].sort())
  t.ok(operations.length > 60, `${operations.length} operations checked`)
})

t.test('anonymous callers get 401 before any parsing or validation', async (t) => {
  for (const op of operations.filter((o) => o.security)) {
    for (const req of hostileRequests(op, {})) {
      const res = await ctx.app.inject(req)
      expectProblem(
        t,
        res,
        401,
        'AUTH_UNAUTHENTICATED',
        `${op.method} ${op.path} (${req.headers['content-type'] ?? 'no body'})`,
      )
    }
  }
})

t.test('a forged token gets 401 before any parsing or validation', async (t) => {
  for (const op of operations.filter((o) => o.security)) {
    const [req] = hostileRequests(op, { authorization: 'Bearer not.a.token' })
    expectProblem(t, await ctx.app.inject(req!), 401, 'AUTH_INVALID_TOKEN', `${op.method} ${op.path}`)
  }
})

t.test('the wrong role or an unverified address gets 403 before any parsing or validation', async (t) => {
  const coord = await registerCoordinator(ctx.app, 'unverified@example.org', { verify: false })
  const auth = { authorization: `Bearer ${coord.accessToken}` }
  let forbidden = 0
  let unverified = 0
  for (const op of operations.filter((o) => o.security)) {
    const roles = op['x-roles'] ?? []
    const coordinatorMay = roles.includes('any') || roles.includes('coordinator')
    if (coordinatorMay && !op['x-verified-email']) continue
    const [code, counter] = coordinatorMay
      ? (['AUTH_EMAIL_NOT_VERIFIED', () => unverified++] as const)
      : (['ACCESS_FORBIDDEN', () => forbidden++] as const)
    counter()
    for (const req of hostileRequests(op, auth)) {
      expectProblem(
        t,
        await ctx.app.inject(req),
        403,
        code,
        `${op.method} ${op.path} (${req.headers['content-type'] ?? 'no body'})`,
      )
    }
  }
  t.ok(forbidden > 20, `${forbidden} operations closed to coordinators`)
  t.ok(unverified > 10, `${unverified} operations need a verified address`)
})
