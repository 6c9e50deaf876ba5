import type { Role, Side } from '@dj/vocabulary'

/**
 * Who calls a use case: the signed-in user as the API's auth check found them (the account's
 * current role, side and status, not the token's). Domain code knows callers only by this.
 */
export interface Actor {
  userId: string
  role: Role
  side: Side | null
  emailVerified: boolean
  displayName: string
}
