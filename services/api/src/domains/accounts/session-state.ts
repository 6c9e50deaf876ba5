import { type Db, executePrepared, type Role, type Side, type UserStatus } from '@dj/db'
import { sql } from 'drizzle-orm'

/**
 * What the auth check needs to know about a user besides the token: whether the account may
 * act, which session version its tokens must carry and who it is now. The API keeps it in a
 * short-lived per-instance cache (src/plugins/session-cache.ts); every write that changes it
 * reports the user to `sessionChanged` so every instance drops its copy after the commit.
 */
export interface SessionState {
  status: UserStatus
  role: Role
  /** An officer's side. */
  side: Side | null
  sv: number
  verified: boolean
  name: string
  /** The sides of a coordinator's institutions (from their memberships), sorted. */
  institutionSides: Side[]
}

/**
 * Called by a use case when a user's session state changes: logout, password change or reset,
 * refresh-token reuse, suspension, deletion, email verification, a new name, a membership gained
 * or lost. The use-case layer publishes the ids once the use case has settled (its transaction
 * committed), see `useCase` in ../use-case.ts.
 */
export type SessionChanged = (userId: string) => void

interface Row extends Record<string, unknown> {
  status: UserStatus
  role: Role
  side: Side | null
  sv: number
  verified: boolean
  name: string
  institution_sides: Side[]
}

/** The user's session state in one round trip (a prepared statement), or undefined for no such user. */
export async function loadSessionState(db: Db, userId: string): Promise<SessionState | undefined> {
  const [row] = await executePrepared<Row>(
    db,
    sql`select u.status, u.role, u.officer_side as side, u.session_version as sv,
          u.email_verified_at is not null as verified, u.display_name as name,
          array(select distinct i.side from memberships m join institutions i on i.id = m.institution_id
                where m.user_id = u.id order by i.side) as institution_sides
        from users u where u.id = ${userId}::uuid`,
  )
  if (!row) return undefined
  const { institution_sides: institutionSides, ...rest } = row
  return { ...rest, institutionSides }
}
