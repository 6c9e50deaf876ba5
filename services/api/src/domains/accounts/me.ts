import { type DbOrTx, users } from '@dj/db'
import { eq } from 'drizzle-orm'
import { Errors } from '../errors.js'

export async function loadMe(db: DbOrTx, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId))
  if (!u) throw new Errors.NotFound('user')
  return meOut(u)
}

/** The account as the API shows it, from a row already loaded. */
export function meOut(u: typeof users.$inferSelect) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    locale: u.locale,
    timeZone: u.timeZone,
    role: u.role,
    officerSide: u.officerSide,
    emailVerified: u.emailVerifiedAt !== null,
    status: u.status,
    createdAt: u.createdAt.toISOString(),
  }
}
