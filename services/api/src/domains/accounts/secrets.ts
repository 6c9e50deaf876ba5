import { createHash, randomBytes } from 'node:crypto'

/**
 * Refresh tokens: 256 random bits, only the hash is stored. (Email link tokens are derived instead:
 * link-token.ts of @dj/queue.)
 */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
