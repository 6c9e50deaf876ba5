import { randomUUID } from 'node:crypto'
import { institutionClaims, institutions, interests } from '@dj/db'
import {
  bearer,
  createInstitution,
  createInterest,
  createStaff,
  durenSchool,
  interestBody,
  invitationToken,
  jinhuaSchool,
  json,
  PASSWORD,
  registerCoordinator,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import t from 'tap'

/**
 * Access matrix of every registry route (enumerated from the OpenAPI document, where the
 * registry tags each of its routes) × every kind of caller. A route without a row fails the test.
 */
const CALLERS = ['owner', 'sameCoord', 'otherCoord', 'sameOfficer', 'otherOfficer', 'admin', 'anon'] as const
type Caller = (typeof CALLERS)[number]
type Expect = Record<Caller, number>

interface Fixture {
  inst: string
  interest: string
  ownerId: string
  importId: string
  inviteToken: string
  /** A pending claim on an unclaimed open-data school (issue 14). */
  claim?: string
}
interface Row {
  /** Builds a fresh target per call where the call would change it. */
  setup?: () => Promise<Partial<Fixture>>
  url: (f: Fixture) => string
  body?: unknown | ((caller: Caller) => unknown)
  contentType?: string
  expect: Expect
}

const row = (
  expectList: [number, number, number, number, number, number, number],
  url: Row['url'],
  extra: Partial<Row> = {},
): Row => ({
  url,
  expect: Object.fromEntries(CALLERS.map((c, i) => [c, expectList[i]])) as Expect,
  ...extra,
})

let ctx: TestContext
t.before(async () => {
  ctx = await startTestApp('registry_access')
})
t.teardown(() => ctx.close())

const NRW =
  'sep=;\nSchulnummer;Schulform;Schulbezeichnung_1;Gemeindeschluessel;Schulbetriebsschluessel\n199901;20;Gymnasium Matrix;05358008;1\n'
const CSV =
  'external_key,name,kind,subtype,municipality\nacc-1,Realschule Jülich,school,realschule,dn-juelich\n'

t.test('every registry route × every caller', async (t) => {
  const owner = await registerCoordinator(ctx.app, 'owner@matrix.de')
  const sameCoord = await registerCoordinator(ctx.app, 'same@matrix.de')
  const otherCoord = await registerCoordinator(ctx.app, 'other@matrix.cn')
  const sameOfficer = await createStaff(ctx.app, 'officer@matrix.de', 'officer', 'duren')
  const otherOfficer = await createStaff(ctx.app, 'officer@matrix.cn', 'officer', 'jinhua')
  const admin = await createStaff(ctx.app, 'admin@matrix.org', 'admin')
  const tokens: Record<Caller, string | null> = {
    owner: owner.accessToken,
    sameCoord: sameCoord.accessToken,
    otherCoord: otherCoord.accessToken,
    sameOfficer: sameOfficer.accessToken,
    otherOfficer: otherOfficer.accessToken,
    admin: admin.accessToken,
    anon: null,
  }
  const db = ctx.app.db
  const newInst = async (status: 'pending' | 'verified' | 'suspended') => {
    const id = await createInstitution(ctx.app, owner.accessToken, durenSchool('Gymnasium Zülpicher Straße'))
    await db
      .update(institutions)
      .set({ status })
      .where((await import('drizzle-orm')).eq(institutions.id, id))
    return id
  }
  const inst = await newInst('verified')
  await createInstitution(
    ctx.app,
    sameCoord.accessToken,
    durenSchool('Realschule Birkesdorf', { subtype: 'realschule' }),
  )
  await newInstFor(otherCoord.accessToken)
  async function newInstFor(token: string) {
    return createInstitution(ctx.app, token, jinhuaSchool('浦江县中学'))
  }
  const interest = await createInterest(ctx.app, owner.accessToken, inst)
  const imp = await ctx.app.inject({
    method: 'POST',
    url: '/v1/officer/imports',
    headers: { ...bearer(sameOfficer.accessToken), 'content-type': 'text/csv' },
    payload: CSV,
  })
  const inv = await ctx.app.inject({
    method: 'POST',
    url: `/v1/institutions/${inst}/invitations`,
    headers: bearer(owner.accessToken),
    payload: { email: 'nobody@matrix.de' },
  })
  const base: Fixture = {
    inst,
    interest,
    ownerId: owner.id,
    importId: json<{ id: string }>(imp).id,
    inviteToken: invitationToken(ctx.app, json<{ id: string }>(inv).id),
  }
  const unclaimed = async () => {
    const [school] = await db
      .insert(institutions)
      .values({
        side: 'duren',
        name: 'Grundschule aus offenen Daten',
        kind: 'school',
        municipalityId: 'dn-dueren',
        source: 'schulgrunddaten',
        sourceKey: randomUUID(),
        claimState: 'unclaimed',
      })
      .returning()
    return school!.id
  }
  const pendingClaim = async () => {
    const institutionId = await unclaimed()
    const [claim] = await db
      .insert(institutionClaims)
      .values({ institutionId, userId: sameCoord.id })
      .returning()
    return claim!.id
  }
  const freshInterest = async () => ({ interest: await createInterest(ctx.app, owner.accessToken, inst) })

  // Columns: owner, same-side coordinator, other-side coordinator, same-side officer,
  // other-side officer, admin, anonymous.
  const table: Record<string, Row> = {
    'GET /v1/regions': row([200, 200, 200, 200, 200, 200, 200], () => '/v1/regions'),
    // Each coordinator registers on their own side, so their side stays what the matrix assumes.
    'POST /v1/institutions': row([201, 201, 201, 403, 403, 403, 401], () => '/v1/institutions', {
      body: (caller: Caller) =>
        caller === 'otherCoord'
          ? jinhuaSchool('磐安县实验小学', { subtype: 'primary' })
          : durenSchool('Grundschule Merzenich', { subtype: 'grundschule' }),
    }),
    'GET /v1/institutions': row([200, 200, 200, 403, 403, 403, 401], () => '/v1/institutions'),
    'GET /v1/institutions/{id}': row(
      [200, 404, 200, 200, 200, 200, 401],
      (f) => `/v1/institutions/${f.inst}`,
    ),
    'PATCH /v1/institutions/{id}': row(
      [200, 404, 403, 403, 403, 200, 401],
      (f) => `/v1/institutions/${f.inst}`,
      {
        body: { website: 'https://gymnasium.example.de' },
      },
    ),
    'GET /v1/institutions/{id}/members': row(
      [200, 404, 403, 200, 403, 200, 401],
      (f) => `/v1/institutions/${f.inst}/members`,
    ),
    // The target is the last owner: callers allowed to act get the last-owner 409.
    'DELETE /v1/institutions/{id}/members/{userId}': row(
      [409, 404, 403, 403, 403, 409, 401],
      (f) => `/v1/institutions/${f.inst}/members/${f.ownerId}`,
    ),
    'POST /v1/institutions/{id}/invitations': row(
      [201, 404, 403, 403, 403, 201, 401],
      (f) => `/v1/institutions/${f.inst}/invitations`,
      { body: { email: 'kollegin@matrix.de' } },
    ),
    // The invitation went to another address: coordinators get past access control to the 409.
    'POST /v1/invitations/accept': row([409, 409, 409, 403, 403, 403, 401], () => '/v1/invitations/accept', {
      body: { token: base.inviteToken },
    }),
    'GET /v1/institutions/{id}/interests': row(
      [200, 404, 200, 200, 200, 200, 401],
      (f) => `/v1/institutions/${f.inst}/interests`,
    ),
    'POST /v1/institutions/{id}/interests': row(
      [201, 404, 403, 403, 403, 201, 401],
      (f) => `/v1/institutions/${f.inst}/interests`,
      { body: interestBody() },
    ),
    'GET /v1/interests/{id}': row([200, 404, 200, 200, 200, 200, 401], (f) => `/v1/interests/${f.interest}`),
    'PATCH /v1/interests/{id}': row(
      [200, 404, 403, 403, 403, 200, 401],
      (f) => `/v1/interests/${f.interest}`,
      {
        body: { tags: ['matrix'] },
      },
    ),
    'DELETE /v1/interests/{id}': row(
      [204, 404, 403, 403, 403, 204, 401],
      (f) => `/v1/interests/${f.interest}`,
      {
        setup: freshInterest,
      },
    ),
    'GET /v1/search/institutions': row(
      [200, 200, 403, 200, 200, 200, 401],
      () => '/v1/search/institutions?side=jinhua',
    ),
    'GET /v1/search/interests': row(
      [200, 200, 403, 200, 200, 200, 401],
      () => '/v1/search/interests?side=jinhua',
    ),
    'GET /v1/officer/institutions': row(
      [403, 403, 403, 200, 200, 200, 401],
      () => '/v1/officer/institutions',
    ),
    'POST /v1/officer/institutions/{id}/verify': row(
      [403, 403, 403, 200, 403, 200, 401],
      (f) => `/v1/officer/institutions/${f.inst}/verify`,
      { setup: async () => ({ inst: await newInst('pending') }), body: {} },
    ),
    'POST /v1/officer/institutions/{id}/reject': row(
      [403, 403, 403, 200, 403, 200, 401],
      (f) => `/v1/officer/institutions/${f.inst}/reject`,
      { setup: async () => ({ inst: await newInst('pending') }), body: { reason: 'incomplete' } },
    ),
    'POST /v1/officer/institutions/{id}/suspend': row(
      [403, 403, 403, 200, 403, 200, 401],
      (f) => `/v1/officer/institutions/${f.inst}/suspend`,
      { setup: async () => ({ inst: await newInst('verified') }), body: { reason: 'complaint' } },
    ),
    'POST /v1/officer/institutions/{id}/reinstate': row(
      [403, 403, 403, 200, 403, 200, 401],
      (f) => `/v1/officer/institutions/${f.inst}/reinstate`,
      { setup: async () => ({ inst: await newInst('suspended') }), body: {} },
    ),
    'POST /v1/officer/imports': row(
      [403, 403, 403, 202, 403, 202, 401],
      () => '/v1/officer/imports?side=duren',
      {
        body: CSV,
        contentType: 'text/csv',
      },
    ),
    // Each office lists its own side's imports.
    'GET /v1/officer/imports': row([403, 403, 403, 200, 200, 200, 401], () => '/v1/officer/imports'),
    'GET /v1/officer/imports/{id}': row(
      [403, 403, 403, 200, 403, 200, 401],
      (f) => `/v1/officer/imports/${f.importId}`,
    ),
    'GET /v1/me/export': row([200, 200, 200, 200, 200, 200, 401], () => '/v1/me/export'),
    // Every coordinator here is the last owner of an institution, so deletion stops at the 409.
    'DELETE /v1/me': row([409, 409, 409, 403, 403, 403, 401], () => '/v1/me', {
      body: { password: PASSWORD },
    }),
    // Schools from open data (issue 14): the office imports for its side; every signed-in user
    // reads the unclaimed schools; coordinators claim (a fresh school per call); offices decide.
    'POST /v1/officer/open-data/imports': row(
      [403, 403, 403, 200, 403, 200, 401],
      () => '/v1/officer/open-data/imports?format=schulgrunddaten',
      { body: NRW, contentType: 'text/csv' },
    ),
    'GET /v1/officer/open-data/template.csv': row(
      [403, 403, 403, 200, 200, 200, 401],
      () => '/v1/officer/open-data/template.csv',
    ),
    'GET /v1/open-data/schools': row([200, 200, 200, 200, 200, 200, 401], () => '/v1/open-data/schools'),
    'POST /v1/open-data/schools/{id}/claim': row(
      [201, 201, 201, 403, 403, 403, 401],
      (f) => `/v1/open-data/schools/${f.inst}/claim`,
      { setup: async () => ({ inst: await unclaimed() }), body: { role: 'Lehrerin' } },
    ),
    'GET /v1/officer/open-data/claims': row(
      [403, 403, 403, 200, 200, 200, 401],
      () => '/v1/officer/open-data/claims',
    ),
    'GET /v1/officer/open-data/claims/{id}': row(
      [403, 403, 403, 200, 404, 200, 401],
      (f) => `/v1/officer/open-data/claims/${f.claim}`,
      { setup: async () => ({ claim: await pendingClaim() }) },
    ),
    'POST /v1/officer/open-data/claims/{id}/decision': row(
      [403, 403, 403, 200, 404, 200, 401],
      (f) => `/v1/officer/open-data/claims/${f.claim}/decision`,
      { setup: async () => ({ claim: await pendingClaim() }), body: { decision: 'confirm' } },
    ),
    // Admins only; the target is a fresh coordinator who owns nothing, so the admin erases it.
    'DELETE /v1/admin/users/{id}': row(
      [403, 403, 403, 403, 403, 204, 401],
      (f) => `/v1/admin/users/${f.ownerId}`,
      {
        setup: async () => ({
          ownerId: (await registerCoordinator(ctx.app, `erase-${randomUUID()}@matrix.de`)).id,
        }),
      },
    ),
  }

  const doc = json<{ paths: Record<string, Record<string, { tags?: string[] }>> }>(
    await ctx.app.inject({ method: 'GET', url: '/openapi.json' }),
  )
  const registered = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.tags?.includes('registry'))
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  )
  t.ok(registered.length >= 20, `the registry registers ${registered.length} routes`)
  for (const key of registered) t.ok(table[key], `${key} has a row in the access matrix`)
  for (const key of Object.keys(table)) t.ok(registered.includes(key), `${key} is a registered route`)

  for (const key of registered) {
    const r = table[key]
    if (!r) continue
    const method = key.split(' ')[0] as 'GET' | 'POST' | 'PATCH' | 'DELETE'
    const got: Partial<Expect> = {}
    for (const caller of CALLERS) {
      const f = { ...base, ...(r.setup ? await r.setup() : {}) }
      const token = tokens[caller]
      const headers: Record<string, string> = { ...(token ? bearer(token) : {}) }
      if (r.contentType) headers['content-type'] = r.contentType
      const res = await ctx.app.inject({
        method,
        url: r.url(f),
        headers,
        ...(r.body !== undefined
          ? { payload: (typeof r.body === 'function' ? r.body(caller) : r.body) as string }
          : {}),
      })
      got[caller] = res.statusCode
    }
    t.same(got, r.expect, key)
  }
  // Nothing in the matrix touched interests of the other side.
  t.ok((await db.select().from(interests)).length > 0)
})
