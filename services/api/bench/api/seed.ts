/**
 * A fresh database at a chosen scale of the demo population (@dj/demo-data: reproducible from
 * its seed; scale 1 is the demo, 10 ten times it), loaded the way `seed:demo` loads it, demo
 * accounts included (so the first Düren coordinator has proposals at every stage), plus an inbox
 * of notifications for that coordinator, as the notifier writes them (event payloads, a third
 * read). A fresh Redis prefix too; cleanup() drops both.
 */
import { createDb, type Side } from '@dj/db'
import { generateDemoPopulation } from '@dj/demo-data'
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@dj/testkit'
import { hashPassword, loadDemoPopulation } from '../../src/index.js'

export const DEMO_SEED = 20260101
/** The demo accounts' password here (the bench signs in through the API's login). */
export const DEMO_PASSWORD = 'bench-password-2026'
const INBOX = 60

export interface Person {
  email: string
  userId: string
  institutionId: string
  side: Side
}

export interface Seeded {
  database: TestDatabase
  redis: TestRedis
  institutions: number
  interests: number
  /** coordinator.dn1 and coordinator.jh1 of the demo: owners of the first institution of their side. */
  duren: Person
  jinhua: Person
  notifications: number
  cleanup(): Promise<void>
}

export async function seedDatabase(scale: number): Promise<Seeded> {
  const database = await createTestDatabase(`bench_api_${String(scale).replace('.', '_')}`)
  const redis = createTestRedis('bench_api')
  const handle = createDb(database.url, { applicationName: 'dj-bench-seed', max: 2 })
  try {
    const pop = generateDemoPopulation({ seed: DEMO_SEED, scale, baseYear: new Date().getUTCFullYear() + 1 })
    const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryKib: 19_456, timeCost: 2 })
    await handle.db.transaction((tx) => loadDemoPopulation(tx, pop, { passwordHash, coordinatorsPerSide: 5 }))
    const person = async (email: string, side: Side): Promise<Person> => {
      const [row] = await handle.sql<{ user_id: string; institution_id: string }[]>`
        select u.id as user_id, m.institution_id from users u join memberships m on m.user_id = u.id
        where u.email = ${email} limit 1`
      if (!row) throw new Error(`the demo load made no ${email}`)
      return { email, userId: row.user_id, institutionId: row.institution_id, side }
    }
    const duren = await person('coordinator.dn1@demo.invalid', 'duren')
    const jinhua = await person('coordinator.jh1@demo.invalid', 'jinhua')
    const notifications = await seedInbox(handle.sql, duren)
    await handle.sql`analyze`
    return {
      database,
      redis,
      institutions: pop.institutions.length,
      interests: pop.interests.length,
      duren,
      jinhua,
      notifications,
      async cleanup() {
        await redis.cleanup()
        await database.drop()
      },
    }
  } catch (error) {
    await redis.cleanup()
    await database.drop()
    throw error
  } finally {
    await handle.close()
  }
}

/** `proposal.created` notifications about the coordinator's real proposals, newest first. */
async function seedInbox(sql: ReturnType<typeof createDb>['sql'], p: Person): Promise<number> {
  const proposals = await sql<
    { id: string; score: number; expires_at: string | null; own: object; partner: object }[]
  >`
    select pr.id, pr.score, pr.expires_at,
      json_build_object('id', o.id, 'name', o.name, 'side', o.side) as own,
      json_build_object('id', x.id, 'name', x.name, 'side', x.side) as partner
    from proposals pr
    join institutions o on o.id = ${p.institutionId}
    join institutions x on x.id = case when pr.institution_a = o.id then pr.institution_b else pr.institution_a end
    where ${p.institutionId} in (pr.institution_a, pr.institution_b)`
  if (proposals.length === 0) throw new Error('the demo coordinator has no proposals')
  const rows = Array.from({ length: INBOX }, (_, i) => {
    const pr = proposals[i % proposals.length]!
    return {
      user_id: p.userId,
      event_type: 'proposal.created',
      // Strings: drizzle makes the client pass json and timestamps through unserialised.
      payload: JSON.stringify({
        type: 'proposal.created',
        audience: { institutionIds: [p.institutionId] },
        proposalId: pr.id,
        own: pr.own,
        partner: pr.partner,
        score: pr.score,
        expiresAt: pr.expires_at ? new Date(pr.expires_at).toISOString() : null,
      }),
      created_at: new Date(Date.now() - i * 3_600_000).toISOString(),
      read_at: i % 3 === 2 ? new Date().toISOString() : null,
    }
  })
  await sql`insert into notifications ${sql(rows)}`
  return rows.length
}
