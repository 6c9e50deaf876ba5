import { sql } from 'drizzle-orm'
import type { DbOrTx } from './client.js'

/**
 * Erasure of a deleted account, in two steps (README, Security → Retention):
 *  - forgetAddressAndName, when the account is deleted (and again by the purge for accounts
 *    deleted before this existed): everything found only by the address or the name, which the
 *    deletion then replaces by a placeholder;
 *  - eraseAccountRemains, RETENTION_DAYS later: everything found by the account's id.
 * Both are idempotent.
 */

export const ERASED_NAME = 'deleted user'
export const ERASED_LABEL = '[deleted user]'
export const erasedEmail = (userId: string) => `deleted-${userId}@deleted.invalid`

const ids = (list: string[]) => sql`${`{${list.join(',')}}`}::uuid[]`

/** A JSON string value equal to `value` (any letter case), as a regex on the jsonb's text. */
function jsonValuePattern(value: string): string {
  return JSON.stringify(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Replaces JSON string values equal to the address or the name in a jsonb column. */
function scrubJson(column: string, values: string[]) {
  const col = sql.raw(`"${column}"`)
  let expr = sql`${col}::text`
  for (const v of values)
    expr = sql`regexp_replace(${expr}, ${jsonValuePattern(v)}, ${JSON.stringify(ERASED_LABEL)}, 'gi')`
  return sql`${expr}::jsonb`
}

export async function forgetAddressAndName(
  tx: DbOrTx,
  user: { id: string; email: string; displayName: string },
): Promise<void> {
  const email = user.email.trim()
  if (email.toLowerCase() === erasedEmail(user.id)) return
  const values = [email, ...(user.displayName.trim().length >= 2 ? [user.displayName.trim()] : [])]
  // Mails to the bare address (invitations before there was an account).
  await tx.execute(sql`delete from deliveries where user_id is null and lower(email) = lower(${email})`)
  // Events addressed to it (an invitation names its addressee in its audience).
  await tx.execute(sql`
    delete from outbox where exists (
      select 1 from jsonb_array_elements(coalesce(payload->'audience'->'emails', '[]'::jsonb)) as a(x)
      where lower(a.x->>'email') = lower(${email}))`)
  await tx.execute(sql`
    update invitations set email = ${erasedEmail(user.id)}
    where lower(email) = lower(${email}) and accepted_at is not null`)
  await tx.execute(sql`delete from invitations where lower(email) = lower(${email}) and accepted_at is null`)
  // The institution's contact person, when that was the account holder.
  await tx.execute(sql`
    update institutions set contact = null, contact_consent_at = null, updated_at = now()
    where lower(contact->>'email') = lower(${email})`)
  // Audit details keep what happened, not who: values equal to the address or the name go.
  const like = values.map((v) => sql`(before::text ilike ${`%${v}%`} or after::text ilike ${`%${v}%`})`)
  await tx.execute(sql`
    update audit_log set before = ${scrubJson('before', values)}, after = ${scrubJson('after', values)}
    where ${sql.join(like, sql` or `)}`)
  await tx.execute(sql`
    update audit_log set actor_id = null, actor_label = ${ERASED_LABEL} where actor_id = ${user.id}::uuid`)
}

/** Everything left of deleted accounts that is found by their id; the account row keeps a tombstone. */
export async function eraseAccountRemains(tx: DbOrTx, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return
  const list = ids(userIds)
  const text = sql`${`{${userIds.join(',')}}`}::text[]`
  for (const table of ['refresh_tokens', 'email_tokens', 'memberships', 'notifications', 'deliveries'])
    await tx.execute(sql`delete from ${sql.raw(table)} where user_id = any(${list})`)
  await tx.execute(sql`delete from notification_preferences where user_id = any(${list})`)
  // Events about them or to them alone (their mails, digests); shared events name them by id only.
  await tx.execute(sql`
    delete from outbox where payload->>'userId' = any(${text})
      or ((payload->'audience'->'userIds') ?| ${text}
        and jsonb_array_length(payload->'audience'->'userIds') = 1
        and ((payload->'audience') - 'userIds') = '{}'::jsonb)`)
  // Invitations they sent name them to the invitee: the name goes, the invitation stays.
  const invitedByThem = sql`(select id::text from invitations where invited_by = any(${list}))`
  for (const table of ['outbox', 'deliveries', 'notifications'])
    await tx.execute(sql`
      update ${sql.raw(table)} set payload = jsonb_set(payload, '{invitedByName}', ${JSON.stringify(ERASED_LABEL)}::jsonb)
      where payload->>'type' = 'membership.invited' and payload->>'invitationId' in ${invitedByThem}`)
  await tx.execute(sql`
    update audit_log set actor_id = null, actor_label = ${ERASED_LABEL} where actor_id = any(${list})`)
}
