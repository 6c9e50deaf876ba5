import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a single-use email link opens; each kind has its own table row the token is bound to. */
export type LinkKind = 'verify_email' | 'reset_password' | 'invitation'

/**
 * The token of an email link, derived from the id of its row (email_tokens or invitations) with
 * HMAC-SHA256 under EMAIL_LINK_SECRET. Events and jobs carry only the row id; the API stores only
 * a hash of the token for lookup; the notifier derives the token when it writes the mail. So the
 * token exists in the mail alone, and a row id read from the outbox, Redis or a log opens nothing
 * without the key. The kind is part of the message: a reset token never verifies an address.
 */
export function linkToken(secret: string, kind: LinkKind, rowId: string): string {
  return createHmac('sha256', secret).update(`dj-email-link:v1:${kind}:${rowId}`).digest('base64url')
}

/** Whether a presented token is the one derived for the row (constant time). */
export function isLinkToken(secret: string, kind: LinkKind, rowId: string, presented: string): boolean {
  const expected = Buffer.from(linkToken(secret, kind, rowId))
  const given = Buffer.from(presented)
  return given.length === expected.length && timingSafeEqual(given, expected)
}
