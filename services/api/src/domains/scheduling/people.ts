import { type DbOrTx, institutions, memberships, users } from '@dj/db'
import type { IcsAttendee } from '@dj/scheduling'
import { and, asc, eq, inArray } from 'drizzle-orm'

export const SIDE_ZONE = { duren: 'Europe/Berlin', jinhua: 'Asia/Shanghai' } as const

export interface Party {
  id: string
  name: string
  side: 'duren' | 'jinhua'
  kind: string | null
  timeZone: string
}

/** The institutions with their owner's time zone (else their side's), in the order of `ids`. */
export async function loadParties(db: DbOrTx, ids: readonly string[]): Promise<Party[]> {
  const insts = await db
    .select()
    .from(institutions)
    .where(inArray(institutions.id, [...ids]))
  const owners = await db
    .select({ institutionId: memberships.institutionId, timeZone: users.timeZone })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.institutionId, [...ids]), eq(memberships.role, 'owner')))
    .orderBy(asc(memberships.createdAt))
  return ids.map((id) => {
    const i = insts.find((x) => x.id === id)!
    return {
      id,
      name: i.name,
      side: i.side,
      kind: i.kind,
      timeZone: owners.find((o) => o.institutionId === id)?.timeZone ?? SIDE_ZONE[i.side],
    }
  })
}

/** Active members of the institutions, as invitation attendees (partners may see each other). */
export async function attendeesOf(db: DbOrTx, ids: readonly string[]): Promise<IcsAttendee[]> {
  const rows = await db
    .selectDistinct({ email: users.email, name: users.displayName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(inArray(memberships.institutionId, [...ids]), eq(users.status, 'active')))
  return rows.map((r) => ({ email: r.email, name: r.name, role: 'REQ-PARTICIPANT' as const }))
}
