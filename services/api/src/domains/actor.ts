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
  /**
   * A coordinator's institutions' sides, as the auth check found them in the session state
   * (kept current through the session-changed channel, not frozen into the token: a membership
   * gained or lost must not wait for the token to expire nor end the session). Callers that
   * build an actor by hand (CLI, tests) may leave it out; then it is read when needed.
   */
  institutionSides?: readonly Side[]
}
