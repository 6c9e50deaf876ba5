import { type DbOrTx, institutions, interests, memberships, type Side, users } from '@dj/db'
import type { DemoPopulation } from '@dj/demo-data'
import { sql } from 'drizzle-orm'

const BATCH = 1000

export interface DemoAccounts {
  /** One argon2 hash of the demo password, shared by every demo account (hashing is slow). */
  passwordHash: string
  /** How many institutions per side get a demo coordinator (owner). */
  coordinatorsPerSide: number
}

export interface DemoLoadResult {
  loaded: boolean
  institutions: number
  interests: number
  accounts: string[]
}

/**
 * Loads a demo population into an empty registry (does nothing when any institution exists, so
 * it is safe to run on every start). Most institutions are verified; every 25th stays pending
 * so the officers' verification queue has something in it.
 */
export async function loadDemoPopulation(
  db: DbOrTx,
  pop: DemoPopulation,
  accounts: DemoAccounts | null,
): Promise<DemoLoadResult> {
  // Two starts racing each other must not both load: serialise on a transaction-scoped lock.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('dj:seed-demo'))`)
  const [count] = (await db.execute(sql`select count(*)::int as n from institutions`)) as unknown as {
    n: number
  }[]
  if ((count?.n ?? 0) > 0) return { loaded: false, institutions: 0, interests: 0, accounts: [] }
  const ids = new Map<string, string>()
  for (let i = 0; i < pop.institutions.length; i += BATCH) {
    const rows = await db
      .insert(institutions)
      .values(
        pop.institutions.slice(i, i + BATCH).map((d, k) => ({
          ...d,
          status: (i + k) % 25 === 24 ? ('pending' as const) : ('verified' as const),
          demo: true,
        })),
      )
      .returning({ id: institutions.id, key: institutions.externalKey })
    for (const r of rows) ids.set(r.key!, r.id)
  }
  for (let i = 0; i < pop.interests.length; i += BATCH) {
    await db.insert(interests).values(
      pop.interests.slice(i, i + BATCH).map(({ institutionKey, ...rest }) => ({
        ...rest,
        institutionId: ids.get(institutionKey)!,
      })),
    )
  }
  const created: string[] = []
  if (accounts) {
    const staff: { email: string; role: 'officer' | 'admin'; side: Side | null; name: string }[] = [
      {
        email: 'officer.dueren@demo.invalid',
        role: 'officer',
        side: 'duren',
        name: 'Demo Officer Kreis Düren',
      },
      { email: 'officer.jinhua@demo.invalid', role: 'officer', side: 'jinhua', name: '演示 金华市外办' },
      { email: 'admin@demo.invalid', role: 'admin', side: null, name: 'Demo Admin' },
    ]
    for (const s of staff) {
      await db.insert(users).values({
        email: s.email,
        passwordHash: accounts.passwordHash,
        displayName: s.name,
        role: s.role,
        officerSide: s.side,
        locale: s.side === 'jinhua' ? 'zh' : 'de',
        timeZone: s.side === 'jinhua' ? 'Asia/Shanghai' : 'Europe/Berlin',
        emailVerifiedAt: sql`now()`,
      })
      created.push(s.email)
    }
    for (const side of ['duren', 'jinhua'] as const) {
      const owned = pop.institutions.filter((d) => d.side === side).slice(0, accounts.coordinatorsPerSide)
      for (const [n, d] of owned.entries()) {
        const email = `coordinator.${side === 'duren' ? 'dn' : 'jh'}${n + 1}@demo.invalid`
        const [u] = await db
          .insert(users)
          .values({
            email,
            passwordHash: accounts.passwordHash,
            displayName: side === 'duren' ? `Demo Koordination ${n + 1}` : `演示 协调员 ${n + 1}`,
            locale: side === 'jinhua' ? 'zh' : 'de',
            timeZone: side === 'jinhua' ? 'Asia/Shanghai' : 'Europe/Berlin',
            emailVerifiedAt: sql`now()`,
          })
          .returning({ id: users.id })
        await db
          .insert(memberships)
          .values({ userId: u!.id, institutionId: ids.get(d.externalKey)!, role: 'owner' })
        created.push(email)
      }
    }
  }
  return {
    loaded: true,
    institutions: pop.institutions.length,
    interests: pop.interests.length,
    accounts: created,
  }
}
