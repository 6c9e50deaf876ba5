import { type DbOrTx, institutions, memberships, users } from '@dj/db'
import type { InstitutionRef } from '@dj/queue'
import { and, asc, eq, inArray } from 'drizzle-orm'

export interface Party extends InstitutionRef {
  kind: string | null
  /** The owner's zone (the coordinator who answers for the institution), else the side's zone. */
  timeZone: string
  ownerEmail: string | null
}

const SIDE_ZONE = { duren: 'Europe/Berlin', jinhua: 'Asia/Shanghai' } as const

/** Institutions with their coordinator's time zone, in the order of `ids`. */
export async function loadParties(db: DbOrTx, ids: readonly string[]): Promise<Party[]> {
  const insts = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      side: institutions.side,
      kind: institutions.kind,
    })
    .from(institutions)
    .where(inArray(institutions.id, [...ids]))
  const owners = await db
    .select({ institutionId: memberships.institutionId, timeZone: users.timeZone, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        inArray(memberships.institutionId, [...ids]),
        eq(memberships.role, 'owner'),
        eq(users.status, 'active'),
      ),
    )
    .orderBy(asc(memberships.createdAt))
  return ids.map((id) => {
    const inst = insts.find((i) => i.id === id)
    if (!inst) throw new Error(`institution ${id} not found`)
    const owner = owners.find((o) => o.institutionId === id)
    return {
      id: inst.id,
      name: inst.name,
      side: inst.side,
      kind: inst.kind,
      timeZone: owner?.timeZone ?? SIDE_ZONE[inst.side],
      ownerEmail: owner?.email ?? null,
    }
  })
}

export const ref = (p: InstitutionRef): InstitutionRef => ({ id: p.id, name: p.name, side: p.side })
