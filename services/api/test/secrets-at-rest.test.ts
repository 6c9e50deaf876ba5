import {
  bearer,
  createInstitution,
  durenSchool,
  everythingInPostgres,
  everythingInRedis,
  json,
  login,
  PASSWORD,
  type RunningNotifier,
  startNotifierBeside,
  startTestApp,
  type TestContext,
  tokenInMail,
} from '@dj/stack'
import { waitFor } from '@dj/testkit'
import t from 'tap'

// Issue 11, "no usable secret at rest": a whole register → verify → reset → invite journey
// through the real API and notifier, then every outbox payload, every text and JSON value of
// every table, every Redis key of the run (BullMQ job data, what Bull Board shows) and every log
// line of both services is searched for the link tokens the mails carried. The mails are the
// only place they may be.

const logLines: string[] = []
const logger = { level: 'trace', stream: { write: (line: string) => void logLines.push(line) } }

let ctx: TestContext
let mail: RunningNotifier
t.before(async () => {
  ctx = await startTestApp('secrets_at_rest', {}, { logger })
  mail = await startNotifierBeside(ctx, { logger })
})
t.teardown(async () => {
  await mail.close()
  await ctx.close()
})

const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url, payload, headers })

/** The newest mail to an address with this subject, once the notifier has sent it. */
async function mailTo(address: string, subject: RegExp) {
  return waitFor(
    () => mail.sink.messages.findLast((m) => m.to.includes(address.toLowerCase()) && subject.test(m.subject)),
    { what: `mail "${subject}" to ${address}`, timeoutMs: 20_000 },
  )
}

t.test('register → verify → reset → invite: the tokens are in the mails and nowhere else', async (t) => {
  const anna = 'anna.secret@gymnasium-dueren.de'
  t.equal(
    (
      await post('/v1/auth/register', {
        email: anna,
        password: PASSWORD,
        name: 'Anna Schmitz',
        locale: 'de',
        timeZone: 'Europe/Berlin',
      })
    ).statusCode,
    202,
  )
  const verifyToken = tokenInMail(await mailTo(anna, /E-Mail-Adresse/))
  t.equal(
    (await post('/v1/auth/verify-email', { token: verifyToken })).statusCode,
    200,
    'the emailed link works',
  )

  t.equal((await post('/v1/auth/password-reset/request', { email: anna })).statusCode, 202)
  const resetToken = tokenInMail(await mailTo(anna, /Passwort zurücksetzen/))
  const newPassword = 'a fresh passphrase for anna'
  t.equal(
    (await post('/v1/auth/password-reset/confirm', { token: resetToken, newPassword })).statusCode,
    204,
    'the emailed reset link works',
  )
  const session = await login(ctx.app, anna, newPassword)

  const institutionId = await createInstitution(ctx.app, session.accessToken, durenSchool('Burgau-Gymnasium'))
  const colleague = 'kollege.secret@gymnasium-dueren.de'
  const invited = await post(
    `/v1/institutions/${institutionId}/invitations`,
    { email: colleague, role: 'member' },
    bearer(session.accessToken),
  )
  t.equal(invited.statusCode, 201)
  const inviteToken = tokenInMail(await mailTo(colleague, /Einladung/))
  t.equal(
    (
      await post('/v1/auth/register', {
        email: colleague,
        password: PASSWORD,
        name: 'Karl Kollege',
        locale: 'de',
        timeZone: 'Europe/Berlin',
      })
    ).statusCode,
    202,
  )
  const colleagueVerify = tokenInMail(await mailTo(colleague, /E-Mail-Adresse/))
  t.equal((await post('/v1/auth/verify-email', { token: colleagueVerify })).statusCode, 200)
  const karl = await login(ctx.app, colleague)
  const accepted = await post('/v1/invitations/accept', { token: inviteToken }, bearer(karl.accessToken))
  t.equal(accepted.statusCode, 200, 'the emailed invitation link works')

  const tokens = { verifyToken, resetToken, inviteToken, colleagueVerify }
  const outbox = await ctx.app.dbHandle.sql<
    { payload: string }[]
  >`select payload::text as payload from outbox`
  const postgresValues = await everythingInPostgres(ctx)
  const redisValues = await everythingInRedis(ctx)
  t.ok(outbox.length >= 4, 'the journey wrote its events')
  t.ok(
    outbox.some((o) => o.payload.includes('tokenId')) &&
      outbox.some((o) => o.payload.includes('invitationId')),
    'events name their token rows',
  )
  t.ok(
    redisValues.some((v) => v.includes('outbox.event')),
    'the job data of the run is among what was searched',
  )
  t.ok(logLines.length > 20, 'both services logged the journey')
  for (const [name, token] of Object.entries(tokens)) {
    t.equal(token.length, 43, `${name} came with its mail`)
    t.same(
      outbox.filter((o) => o.payload.includes(token)),
      [],
      `${name}: in no outbox payload`,
    )
    t.same(
      postgresValues.filter((v) => v.includes(token)),
      [],
      `${name}: in no table`,
    )
    t.same(
      redisValues.filter((v) => v.includes(token)),
      [],
      `${name}: in no Redis key (job data, Bull Board)`,
    )
    t.same(
      logLines.filter((l) => l.includes(token)),
      [],
      `${name}: in no log line`,
    )
  }
  t.equal(json<{ role: string }>(accepted).role, 'member')
})
