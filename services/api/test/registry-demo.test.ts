import { createDb, type DbHandle } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase, type TestDatabase } from '@dj/testkit'
import t from 'tap'
import { hashPassword, verifyPassword } from '../src/domains/accounts/passwords.js'
import { loadDemoPopulation } from '../src/domains/registry/demo-load.js'

let tdb: TestDatabase
let handle: DbHandle
t.before(async () => {
  tdb = await createTestDatabase('registry_demo')
  handle = createDb(tdb.url)
})
t.teardown(async () => {
  await handle.close()
  await tdb.drop()
})

t.test('the demo loader fills an empty registry once, marked as demo, with verified accounts', async (t) => {
  const pop = generateDemoPopulation({ seed: 3, scale: 0.1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword('demo-password-2026', { memoryKib: 19_456, timeCost: 2 })
  const first = await handle.db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 2 }),
  )
  t.match(first, { loaded: true, institutions: 165 })
  t.ok(first.accounts.includes('officer.dueren@demo.invalid'))
  t.ok(first.accounts.includes('officer.jinhua@demo.invalid'))
  t.ok(first.accounts.includes('admin@demo.invalid'))
  const second = await handle.db.transaction((tx) =>
    loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 2 }),
  )
  t.equal(second.loaded, false, 'a second run loads nothing')
  const [counts] = await handle.sql`
    select count(*)::int as n, count(*) filter (where demo and external_key like 'demo:%')::int as demo
    from institutions`
  t.same(counts, { n: 165, demo: 165 })
  const staff = await handle.sql`
    select email, role, officer_side, email_verified_at is not null as verified, password_hash
    from users where email like '%@demo.invalid' order by email`
  t.equal(staff.length, 7)
  t.ok(staff.every((u) => u.verified))
  t.ok(await verifyPassword(staff[0]!.password_hash, 'demo-password-2026'))
  const owners = await handle.sql`select count(*)::int as n from memberships where role = 'owner'`
  t.equal(owners[0]!.n, 4)
})

t.test('demo coordinators find pairs at every stage, from proposed to a visit done', async (t) => {
  const [p] = await handle.sql<{ open: number; accepted: number; confirmed: number }[]>`
    select count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'accepted')::int as accepted,
      count(*) filter (where status = 'confirmed')::int as confirmed from proposals`
  // Two coordinators per side here: dn1 with jh1 and jh2, dn2 with jh1.
  t.same(p, { open: 1, accepted: 2, confirmed: 0 }, 'proposed and accepted pairs')
  const tdb2 = await createTestDatabase('registry_demo_stages')
  const h2 = createDb(tdb2.url)
  t.teardown(async () => {
    await h2.close()
    await tdb2.drop()
  })
  const pop = generateDemoPopulation({ seed: 3, scale: 0.1, baseYear: new Date().getUTCFullYear() + 1 })
  const passwordHash = await hashPassword('demo-password-2026', { memoryKib: 19_456, timeCost: 2 })
  const now = new Date('2026-12-02T10:00:00Z')
  await h2.db.transaction((tx) => loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5, now }))
  const stages = await h2.sql<{ email: string; proposals: string[]; meetings: string[]; visits: number }[]>`
    select u.email,
      array(select p.status from proposals p where m.institution_id in (p.institution_a, p.institution_b) order by p.status) as proposals,
      array(select x.status from meetings x where m.institution_id in (x.institution_a, x.institution_b) order by x.status) as meetings,
      (select count(*)::int from visits v where m.institution_id in (v.host_institution_id, v.traveller_institution_id)
        and v.end_date < '2026-12-02') as visits
    from users u join memberships m on m.user_id = u.id
    where u.email in ('coordinator.dn1@demo.invalid', 'coordinator.jh1@demo.invalid', 'coordinator.jh3@demo.invalid')
    order by u.email`
  for (const who of ['coordinator.dn1@demo.invalid', 'coordinator.jh1@demo.invalid']) {
    const s = stages.find((x) => x.email === who)!
    t.same(
      s.proposals,
      ['accepted', 'confirmed', 'confirmed', 'confirmed', 'open'],
      `${who}: every proposal stage`,
    )
    t.same(s.meetings, ['proposed', 'scheduled', 'scheduled'], `${who}: a meeting to pick and booked ones`)
    t.equal(s.visits, 1, `${who}: a visit that took place`)
  }
  t.same(stages.find((x) => x.email === 'coordinator.jh3@demo.invalid')?.proposals, ['confirmed'])
  const names = await h2.sql<{ display_name: string }[]>`
    select display_name from users where email like '%@demo.invalid' order by email`
  t.notOk(
    names.some((n) => /Demo Officer|Demo Koordination|演示 协调员/.test(n.display_name)),
    'people have real-sounding names',
  )
})
