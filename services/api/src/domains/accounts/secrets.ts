import { createHash, randomBytes } from 'node:crypto'

/** Opaque single-use secrets (refresh, email tokens): 256 random bits, only the hash is stored. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
