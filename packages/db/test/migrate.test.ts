import { randomBytes } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import t from 'tap'
import { MIGRATIONS_FOLDER, runMigrations } from '../src/index.js'

const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
  entries: { tag: string }[]
}

/** A copy of the migrations folder holding only the first `count` migrations. */
function folderUpTo(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dj-migrations-'))
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true })
  const path = join(dir, 'meta', '_journal.json')
  const j = JSON.parse(readFileSync(path, 'utf8')) as { entries: unknown[] }
  writeFileSync(path, JSON.stringify({ ...j, entries: j.entries.slice(0, count) }))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

// @dj/testkit builds on this package, so the test makes its own empty databases the same way.
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

async function emptyDatabase(t: { teardown(fn: () => Promise<void>): void }) {
  const name = `dj_migrate_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database "${name}"`)
  const url = `postgres://postgres@127.0.0.1:5432/${name}`
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  t.teardown(async () => {
    await sql.end()
    await admin.unsafe(`drop database if exists "${name}" with (force)`)
    await admin.end()
  })
  return { url, sql }
}

t.test('from empty, twice, and by several migrators at once: applied equals the journal', async (t) => {
  const { url, sql } = await emptyDatabase(t)
  const runs = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)])
  for (const r of runs) t.same(r, { applied: journal.entries.length, journal: journal.entries.length })
  t.same(await runMigrations(url), { applied: journal.entries.length, journal: journal.entries.length })
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`
  t.equal(row!.n, journal.entries.length, 'each migration recorded once')
})

t.test('a database that holds more migrations than the journal is refused', async (t) => {
  const { url } = await emptyDatabase(t)
  await runMigrations(url)
  await t.rejects(runMigrations(url, folderUpTo(journal.entries.length - 1)), {
    code: 'DB_MIGRATION_FAILED',
    message: /applied migrations but the journal lists/,
  })
})

t.test('a failing migration rejects and applies nothing of the run (one transaction)', async (t) => {
  const { url, sql } = await emptyDatabase(t)
  const dir = folderUpTo(2)
  writeFileSync(join(dir, `${journal.entries[1]!.tag}.sql`), 'select * from no_such_table;')
  await t.rejects(runMigrations(url, dir), /no_such_table/)
  const [row] = await sql<{ users: string | null }[]>`select to_regclass('public.users')::text as users`
  t.equal(row!.users, null, 'the first migration of the failed run is rolled back too')
  t.same(await runMigrations(url), { applied: journal.entries.length, journal: journal.entries.length })
})

t.test(
  '0007/0008: inbox rows take the outbox row and event of their delivery; orphans keep their text',
  async (t) => {
    const before = journal.entries.findIndex((e) => e.tag.startsWith('0007_'))
    t.ok(before > 0)
    const { url, sql } = await emptyDatabase(t)
    await runMigrations(url, folderUpTo(before))
    const [user] = await sql<{ id: string }[]>`
    insert into users (email, display_name, locale, time_zone)
    values ('alt@example.org', 'Alt', 'de', 'Europe/Berlin') returning id`
    const event = {
      type: 'institution.verified',
      audience: { userIds: [user!.id] },
      institution: { id: '6f1c0000-0000-4000-8000-000000000001', name: 'Burgau-Gymnasium', side: 'duren' },
    }
    const outboxId = '6f1c0000-0000-4000-8000-0000000000aa'
    const [delivery] = await sql<{ id: string }[]>`
    insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status, payload)
    values (${`${outboxId}:${user!.id}:inapp`}, ${outboxId}, 'institution.verified', ${user!.id}, 'alt@example.org',
      'inapp', 'sent', ${sql.json(event)})
    returning id`
    const [kept] = await sql<{ id: string }[]>`
    insert into notifications (user_id, delivery_id, event_type, title, body, link)
    values (${user!.id}, ${delivery!.id}, 'institution.verified', 'Verifiziert', 'Text', 'https://w/x') returning id`
    const [orphan] = await sql<{ id: string }[]>`
    insert into notifications (user_id, delivery_id, event_type, title, body)
    values (${user!.id}, gen_random_uuid(), 'institution.verified', 'Alt', 'Alter Text') returning id`

    await runMigrations(url)
    const rows = await sql<
      { id: string; outbox_id: string | null; payload: unknown; title: string | null; body: string | null }[]
    >`
    select id, outbox_id, payload, title, body from notifications`
    const byId = new Map(rows.map((r) => [r.id, r]))
    t.same(byId.get(kept!.id), { id: kept!.id, outbox_id: outboxId, payload: event, title: null, body: null })
    t.same(byId.get(orphan!.id), {
      id: orphan!.id,
      outbox_id: null,
      payload: null,
      title: 'Alt',
      body: 'Alter Text',
    })
    await t.rejects(
      sql`insert into notifications (user_id, event_type) values (${user!.id}, 'x')`,
      /notifications_content_ck/,
      'a row without event or text is refused',
    )
    await t.rejects(
      sql`insert into notifications (outbox_id, user_id, event_type, payload) values (${outboxId}, ${user!.id}, 'x', '{}')`,
      /notifications_event_user_uq/,
      'one inbox row per event and user',
    )
    const [ff] = await sql<
      { options: string[] }[]
    >`select reloptions as options from pg_class where relname = 'outbox'`
    t.same(ff!.options, ['fillfactor=40'])
  },
)

t.test('0011: raw link tokens left in outbox, deliveries and inbox are removed and retired', async (t) => {
  const before = journal.entries.findIndex((e) => e.tag.startsWith('0011_'))
  t.ok(before > 0)
  const { url, sql } = await emptyDatabase(t)
  await runMigrations(url, folderUpTo(before))
  const [user] = await sql<{ id: string }[]>`
    insert into users (email, display_name, locale, time_zone)
    values ('alt@example.org', 'Alt', 'de', 'Europe/Berlin') returning id`
  const raw = 'RAW-reset-token-from-before-0123456789abcdef'
  const reset = {
    type: 'auth.password_reset_requested',
    userId: user!.id,
    token: raw,
    expiresAt: '2030-01-01T00:00:00Z',
  }
  const [token] = await sql<{ id: string }[]>`
    insert into email_tokens (user_id, purpose, token_hash, expires_at)
    values (${user!.id}, 'reset_password', 'some-hash', now() + interval '1 hour') returning id`
  const [pending] = await sql<{ id: string }[]>`
    insert into outbox (event_type, queue, payload) values (${reset.type}, 'notify', ${sql.json(reset)}) returning id`
  const [done] = await sql<{ id: string }[]>`
    insert into outbox (event_type, queue, payload, done_at)
    values (${reset.type}, 'notify', ${sql.json(reset)}, now()) returning id`
  await sql`
    insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status, payload)
    values ('k1', ${pending!.id}, ${reset.type}, ${user!.id}, 'alt@example.org', 'email', 'pending', ${sql.json(reset)})`
  await sql`
    insert into notifications (user_id, event_type, title, body, link)
    values (${user!.id}, 'membership.invited', 'Einladung', ${`Annehmen: https://w/invitations/accept?token=${raw} bitte`},
      ${`https://w/invitations/accept?token=${raw}`})`
  const [inv] = await sql<{ id: string }[]>`
    insert into institutions (side, name) values ('duren', 'Schule') returning id`
  await sql`
    insert into invitations (institution_id, email, role, token_hash, invited_by, expires_at)
    values (${inv!.id}, 'neu@example.org', 'member', 'inv-hash', ${user!.id}, now() + interval '7 days')`

  await runMigrations(url)
  const holding = await sql<{ where: string }[]>`
    select 'outbox' as where from outbox where payload::text like ${`%${raw}%`}
    union all select 'deliveries' from deliveries where payload::text like ${`%${raw}%`}
    union all select 'notifications' from notifications
      where coalesce(payload::text, '') || coalesce(body, '') || coalesce(link, '') like ${`%${raw}%`}`
  t.same(holding, [], 'the raw token is nowhere')
  const rows = await sql<{ id: string; done: boolean; last_error: string | null; token_id: string | null }[]>`
    select id, done_at is not null as done, last_error, payload->>'tokenId' as token_id from outbox`
  const byId = new Map(rows.map((r) => [r.id, r]))
  t.ok(byId.get(pending!.id)?.done, 'a pending row that cannot be written any more is finished')
  t.match(byId.get(pending!.id)?.last_error, /migration 0011/)
  t.equal(byId.get(done!.id)?.last_error, null, 'a done row keeps its state')
  const [d] = await sql<{ status: string }[]>`select status from deliveries where idempotency_key = 'k1'`
  t.equal(d!.status, 'failed', 'its unsent mail is recorded as failed, with the reason')
  const [tk] = await sql<
    { used: boolean }[]
  >`select used_at is not null as used from email_tokens where id = ${token!.id}`
  t.ok(tk!.used, 'the old token is retired')
  const [iv] = await sql<{ open: boolean }[]>`select expires_at > now() as open from invitations`
  t.notOk(iv!.open, 'the old invitation link is retired')
})
