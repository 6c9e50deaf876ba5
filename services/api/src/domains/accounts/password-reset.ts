import { randomUUID } from 'node:crypto'
import type { DbOrTx } from '@dj/db'
import { EVENT_SUBSCRIBERS, type EventOf, linkToken } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { hashToken } from './secrets.js'

/**
 * No reset request is answered sooner: the statement below takes 1–2 ms on a quiet machine, a
 * little more for a known address, and under load the difference grows with it; 40 ms covers
 * that on a busy two-core machine and is not felt by the person asking.
 */
export const RESET_ANSWER_FLOOR_MS = 40

/** A reset link is short-lived: it sets a password without knowing the old one. */
export const RESET_TOKEN_TTL_HOURS = 2

/**
 * Asks for a reset link for an address, doing the same work whether or not it has an account,
 * so the response time does not tell (no enumeration): one statement finds the active account,
 * retires its older reset tokens, stores the new token row and the outbox event — rows that
 * simply are not there for an unknown address — and takes a transaction id on both paths, so
 * both commits write and flush a commit record alike. The event carries the token row's id only
 * (see createEmailToken).
 */
export async function requestPasswordReset(db: DbOrTx, linkSecret: string, email: string): Promise<void> {
  const tokenId = randomUUID()
  const expiresAt = new Date(Date.now() + RESET_TOKEN_TTL_HOURS * 3600_000).toISOString()
  const tokenHash = hashToken(linkToken(linkSecret, 'reset_password', tokenId))
  const type = 'auth.password_reset_requested' as const
  const event: Omit<EventOf<typeof type>, 'userId'> = { type, tokenId, expiresAt }
  const queues = `{${EVENT_SUBSCRIBERS[type].join(',')}}`
  await db.execute(sql`
    with account as (
        select id from users where lower(email) = lower(${email}) and status = 'active'),
      retired as (
        update email_tokens set used_at = now()
        where user_id in (select id from account) and purpose = 'reset_password' and used_at is null),
      token as (
        insert into email_tokens (id, user_id, purpose, token_hash, expires_at)
        select ${tokenId}::uuid, id, 'reset_password', ${tokenHash}, ${expiresAt}::timestamptz from account
        returning user_id),
      event as (
        insert into outbox (event_type, queue, payload)
        select ${type}, q, ${JSON.stringify(event)}::jsonb || jsonb_build_object('userId', token.user_id)
        from token cross join unnest(${queues}::text[]) as q)
    select pg_current_xact_id()`)
}
