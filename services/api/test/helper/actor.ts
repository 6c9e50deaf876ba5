import { randomUUID } from 'node:crypto'
import { type DbOrTx, users } from '@dj/db'
import type { Actor } from '../../src/domains/actor.js'

/** A user of this role (and side, for officers) in the database, as the auth check would see them. */
export async function seedActor(db: DbOrTx, role: Actor['role'], side: Actor['side'] = null): Promise<Actor> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.org`
  const officerSide = role === 'officer' ? side : null
  const [u] = await db
    .insert(users)
    .values({ email, displayName: email, role, officerSide })
    .returning({ id: users.id })
  return { userId: u!.id, role, side: officerSide, emailVerified: true, displayName: email }
}
