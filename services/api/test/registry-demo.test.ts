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
