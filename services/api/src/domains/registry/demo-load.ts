import { type DbOrTx, institutions, interests, memberships, type Side, users } from '@dj/db'
import type { DemoPopulation } from '@dj/demo-data'
import { sql } from 'drizzle-orm'
import { DEMO_STAGES, demoPair } from './demo-partnerships.js'

const BATCH = 1000

export interface DemoAccounts {
  /** One argon2 hash of the demo password, shared by every demo account (hashing is slow). */
  passwordHash: string
  /** How many institutions per side get a demo coordinator (owner). */
  coordinatorsPerSide: number
  /** The moment the demo's meetings and visits are placed around (default: now). */
  now?: Date
}

// Demo people: everyday names of each side (the accounts are marked by their @demo.invalid email).
const DUREN_PEOPLE = ['Anna Becker', 'Jonas Schmitz', 'Lea Hoffmann', 'Murat Yılmaz', 'Sophie Wagner']
const JINHUA_PEOPLE = ['王丽', '陈建国', '李晓燕', '张伟', '刘芳']

export interface DemoLoadResult {
  loaded: boolean
  institutions: number
  interests: number
  accounts: string[]
}

/**
 * Loads a demo population into an empty registry (does nothing when any institution exists, so
 * it is safe to run on every start). Most institutions are verified; every 25th stays pending
 * so the officers' verification queue has something in it. With accounts, the demo coordinators'
 * institutions get pairs at every stage (proposed … visit done) so every page has content.
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
        name: 'Kreis Düren, Austauschstelle (Demo)',
      },
      {
        email: 'officer.jinhua@demo.invalid',
        role: 'officer',
        side: 'jinhua',
        name: '金华市外事办公室（演示）',
      },
      { email: 'admin@demo.invalid', role: 'admin', side: null, name: 'Plattform-Administration (Demo)' },
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
    const ownedBy: Record<Side, { institutionId: string; name: string }[]> = { duren: [], jinhua: [] }
    for (const side of ['duren', 'jinhua'] as const) {
      const owned = pop.institutions.filter((d) => d.side === side).slice(0, accounts.coordinatorsPerSide)
      for (const [n, d] of owned.entries()) {
        const email = `coordinator.${side === 'duren' ? 'dn' : 'jh'}${n + 1}@demo.invalid`
        const [u] = await db
          .insert(users)
          .values({
            email,
            passwordHash: accounts.passwordHash,
            displayName: (side === 'duren' ? DUREN_PEOPLE : JINHUA_PEOPLE)[n % 5]!,
            locale: side === 'jinhua' ? 'zh' : 'de',
            timeZone: side === 'jinhua' ? 'Asia/Shanghai' : 'Europe/Berlin',
            emailVerifiedAt: sql`now()`,
          })
          .returning({ id: users.id })
        await db
          .insert(memberships)
          .values({ userId: u!.id, institutionId: ids.get(d.externalKey)!, role: 'owner' })
        ownedBy[side].push({ institutionId: ids.get(d.externalKey)!, name: d.name })
        created.push(email)
      }
    }
    // The first coordinator of each side sees a pair at every stage; the others one stage each.
    const [dn, jh] = [ownedBy.duren, ownedBy.jinhua]
    const now = (accounts.now ?? new Date()).getTime()
    for (const [k, stage] of DEMO_STAGES.entries()) {
      if (dn[0] && jh[k]) await demoPair(db, dn[0], jh[k], stage, now)
      if (k > 0 && dn[k] && jh[0]) await demoPair(db, dn[k], jh[0], stage, now)
    }
  }
  return {
    loaded: true,
    institutions: pop.institutions.length,
    interests: pop.interests.length,
    accounts: created,
  }
}
