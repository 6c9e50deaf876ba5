import {
  bearer,
  createInstitution,
  createStaff,
  durenSchool,
  invitationToken,
  json,
  login,
  officerAct,
  PASSWORD,
  type RunningNotifier,
  registerCoordinator,
  runRetention,
  startNotifierBeside,
  startTestApp,
  type TestContext,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import t from 'tap'

// Issue 11, "retention that erases": two accounts leave traces everywhere (mails sent and
// recorded, inbox rows, an institution contact, invitations sent and accepted, sessions), one
// deletes itself, an admin deletes the other; RETENTION_DAYS later the retention sweep of the
// scheduler runs, and no text or JSON value in any table holds either address or either name.

let ctx: TestContext
let mail: RunningNotifier
t.before(async () => {
  ctx = await startTestApp('retention')
  mail = await startNotifierBeside(ctx)
})
t.teardown(async () => {
  await mail.close()
  await ctx.close()
})

const sql = () => ctx.app.dbHandle.sql
const DAY = 86_400_000
const post = (url: string, token: string, payload: object = {}) =>
  ctx.app.inject({ method: 'POST', url, headers: bearer(token), payload })

const self = { email: 'Xaveria.Quellenbrink@schule-dueren.de', name: 'Xaveria Quellenbrink' }
const byAdmin = { email: 'yorick.tannenfeld@gym-juelich.de', name: 'Yorick Tannenfeld' }

async function named(person: { email: string; name: string }) {
  const u = await registerCoordinator(ctx.app, person.email)
  await ctx.app.inject({
    method: 'PATCH',
    url: '/v1/me',
    headers: bearer(u.accessToken),
    payload: { displayName: person.name },
  })
  return u
}

async function invite(inviter: string, institutionId: string, email: string, role: 'owner' | 'member') {
  const res = await post(`/v1/institutions/${institutionId}/invitations`, inviter, { email, role })
  if (res.statusCode !== 201) throw new Error(res.body)
  return invitationToken(ctx.app, json<{ id: string }>(res).id)
}

/** Rows of every text, JSON or array column of every table that contain one of the needles. */
async function holding(needles: string[]): Promise<string[]> {
  const columns = await sql()<{ table_name: string; column_name: string }[]>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`
  t.ok(columns.length > 50, `searching ${columns.length} columns`)
  const found: string[] = []
  for (const c of columns) {
    for (const needle of needles) {
      const rows = await sql().unsafe<{ v: string }[]>(
        `select "${c.column_name}"::text as v from "${c.table_name}" where "${c.column_name}"::text ilike $1`,
        [`%${needle}%`],
      )
      for (const r of rows)
        found.push(`${c.table_name}.${c.column_name} holds "${needle}": ${r.v.slice(0, 160)}`)
    }
  }
  return found
}

const notifierIdle = () =>
  waitFor(
    async () => {
      const [row] = await sql()<{ n: number }[]>`
        select count(*)::int as n from outbox where queue = 'notify' and done_at is null`
      return row!.n === 0
    },
    { what: 'every notification delivered', timeoutMs: 20_000 },
  )

t.test('deleted by themselves or by an admin: nothing of them is left after RETENTION_DAYS', async (t) => {
  const x = await named(self)
  const y = await named(byAdmin)
  const colleague = await registerCoordinator(ctx.app, 'kollegin@schule-dueren.de')
  const officer = await createStaff(ctx.app, 'amt@kreis-dueren.de', 'officer', 'duren')
  const admin = await createStaff(ctx.app, 'admin@kreis-dueren.de', 'admin')
  const xs = await login(ctx.app, self.email)

  // X's school, with X as its contact person, verified by the office (mail and inbox rows).
  const school = await createInstitution(
    ctx.app,
    xs.accessToken,
    durenSchool('Burgau-Gymnasium', { contact: { name: self.name, role: 'Austausch', email: self.email } }),
  )
  t.equal((await officerAct(ctx.app, officer.accessToken, school, 'verify')).statusCode, 200)
  // X invites an owner (so X may leave) and Y (who accepts): invitations carry X's name and Y's address.
  const ownerToken = await invite(xs.accessToken, school, 'kollegin@schule-dueren.de', 'owner')
  t.equal(
    (await post('/v1/invitations/accept', colleague.accessToken, { token: ownerToken })).statusCode,
    200,
  )
  const yToken = await invite(xs.accessToken, school, byAdmin.email, 'member')
  t.equal((await post('/v1/invitations/accept', y.accessToken, { token: yToken })).statusCode, 200)
  // Reset requests: more mails recorded with the addresses.
  for (const email of [self.email, byAdmin.email])
    await ctx.app.inject({ method: 'POST', url: '/v1/auth/password-reset/request', payload: { email } })
  await notifierIdle()
  const [traces] = await sql()<{ deliveries: number; inbox: number }[]>`
    select (select count(*)::int from deliveries where user_id = ${x.id}) as deliveries,
      (select count(*)::int from notifications where user_id = ${x.id}) as inbox`
  t.ok(traces!.deliveries >= 2 && traces!.inbox >= 1, 'X left mails and inbox rows behind')

  const gone = await ctx.app.inject({
    method: 'DELETE',
    url: '/v1/me',
    headers: bearer(x.accessToken),
    payload: { password: PASSWORD },
  })
  t.equal(gone.statusCode, 204, gone.body)
  const erased = await ctx.app.inject({
    method: 'DELETE',
    url: `/v1/admin/users/${y.id}`,
    headers: bearer(admin.accessToken),
  })
  t.equal(erased.statusCode, 204, erased.body)
  t.equal((await login(ctx.app, 'kollegin@schule-dueren.de')).accessToken.length > 0, true)
  await notifierIdle()

  // Outbox retention longer than the run: the account sweep alone must find what is theirs.
  const config = { RETENTION_DAYS: 30, OUTBOX_RETENTION_DAYS: 365 }
  t.same(await runRetention(ctx.app.db, config, new Date(Date.now() + 29 * DAY)), {
    erased: 0,
    outbox: 0,
    deliveries: 0,
  })
  const [kept] = await sql()<
    { n: number }[]
  >`select count(*)::int as n from deliveries where user_id = ${x.id}`
  t.ok(kept!.n > 0, 'within RETENTION_DAYS the delivery records stay')
  t.ok((await holding([self.email])).length > 0, 'and with them the address (the search finds it)')

  const later = new Date(Date.now() + 31 * DAY)
  t.match(await runRetention(ctx.app.db, config, later), { erased: 2 })
  t.same(await holding([self.email, self.name, byAdmin.email, byAdmin.name]), [], 'no trace of either')
  const [left] = await sql()<{ n: number }[]>`
    select (select count(*) from refresh_tokens where user_id in (${x.id}, ${y.id}))
      + (select count(*) from memberships where user_id in (${x.id}, ${y.id}))
      + (select count(*) from notifications where user_id in (${x.id}, ${y.id}))
      + (select count(*) from deliveries where user_id in (${x.id}, ${y.id}))
      + (select count(*) from outbox where payload->>'userId' in (${x.id}, ${y.id})) as n`
  t.equal(Number(left!.n), 0, 'no session, membership, inbox row, delivery or event of theirs')
  const audit = await sql()<{ actor_label: string }[]>`
    select actor_label from audit_log where entity_id in (${x.id}, ${y.id}) and action = 'user.deleted'`
  t.equal(audit.length, 2, 'the deletions themselves stay in the audit trail')
  t.same(await runRetention(ctx.app.db, config, later), { erased: 0, outbox: 0, deliveries: 0 }, 'idempotent')
})

t.test(
  'done outbox rows and the event copies of sent mails are dropped after OUTBOX_RETENTION_DAYS',
  async (t) => {
    await registerCoordinator(ctx.app, 'spent@schule-dueren.de')
    await notifierIdle()
    const count = async () => {
      const [row] = await sql()<{ done: number; open: number; payloads: number }[]>`
      select (select count(*)::int from outbox where done_at is not null) as done,
        (select count(*)::int from outbox where done_at is null) as open,
        (select count(*)::int from deliveries where status = 'sent' and payload <> '{}'::jsonb) as payloads`
      return row!
    }
    const before = await count()
    t.ok(before.done > 0 && before.payloads > 0)
    const config = { RETENTION_DAYS: 30, OUTBOX_RETENTION_DAYS: 7 }
    t.match(await runRetention(ctx.app.db, config, new Date(Date.now() + 6 * DAY)), {
      outbox: 0,
      deliveries: 0,
    })
    const result = await runRetention(ctx.app.db, config, new Date(Date.now() + 8 * DAY))
    t.equal(result.outbox, before.done)
    t.equal(result.deliveries, before.payloads)
    const after = await count()
    t.same(after, { done: 0, open: before.open, payloads: 0 }, 'rows not done stay')
  },
)
