import { helpers, renderEvent } from '@dj/messages'
import type { DomainEvent, Producers } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { type DeliverDeps, sendClaimed } from './deliver.js'
import { LeaseHeldError } from './errors.js'
import { messageIdFor } from './mailer.js'
import { cutoffOfDay, digestCutoff } from './preferences.js'
import { loadUsers } from './recipients.js'
import { renderDigest } from './render.js'

export const digestKey = (userId: string, day: string) => `digest:${userId}:${day}:email`
/** BullMQ job ids may not contain ':'; this one is deterministic so a day's digest is one job. */
export const digestJobId = (userId: string, day: string) => `digest-${userId}-${day}`

/**
 * Finds users whose digest is due (items older than their latest local 08:00) and enqueues one
 * `digest.send` per user and day. It reads PostgreSQL, not Redis, so a Redis that lost its data
 * (or a missed tick) only delays a digest until the next sweep.
 */
export async function sweepDigests(deps: DeliverDeps, producers: Producers): Promise<number> {
  const rows = (await deps.db.execute(sql`
    select d.user_id, u.time_zone, min(d.created_at) as oldest
    from deliveries d join users u on u.id = d.user_id
    where d.status = 'digest' and d.digest_key is null
    group by d.user_id, u.time_zone`)) as unknown as { user_id: string; time_zone: string; oldest: Date }[]
  let enqueued = 0
  for (const r of rows) {
    const { day, cutoff } = digestCutoff(deps.now(), r.time_zone)
    if (new Date(r.oldest) >= cutoff) continue
    await producers.add(
      'notify',
      'digest.send',
      { userId: r.user_id, day },
      { jobId: digestJobId(r.user_id, day) },
    )
    enqueued += 1
  }
  return enqueued
}

/**
 * Sends one user's digest for a day: items collected before that day's 08:00 (local) are bound
 * to the digest's own delivery row (idempotency key per user and day), sent in one mail, and
 * marked sent with it. Same claim/lease/Message-ID scheme as single mails.
 */
export async function sendDigest(
  deps: DeliverDeps,
  userId: string,
  day: string,
): Promise<'sent' | 'empty' | 'done'> {
  const [user] = await loadUsers(deps.db, [userId])
  if (!user) return 'empty'
  const key = digestKey(userId, day)
  const cutoff = cutoffOfDay(day, user.timeZone)
  const digestId = await deps.db.transaction(async (tx) => {
    await tx.execute(sql`
      update deliveries set digest_key = ${key}, updated_at = now()
      where user_id = ${userId}::uuid and status = 'digest' and digest_key is null
        and created_at < ${cutoff.toISOString()}::timestamptz`)
    const [items] = (await tx.execute(
      sql`select count(*)::int as n from deliveries where digest_key = ${key}`,
    )) as unknown as { n: number }[]
    if (!items || items.n === 0) return null
    const inserted = (await tx.execute(sql`
      insert into deliveries (idempotency_key, event_type, user_id, email, channel, status, payload)
      values (${key}, 'digest', ${userId}::uuid, ${user.email}, 'email', 'pending', ${JSON.stringify({ day })}::jsonb)
      on conflict (idempotency_key) do update set updated_at = deliveries.updated_at
      returning id`)) as unknown as { id: string }[]
    return inserted[0]?.id ?? null
  })
  if (!digestId) return 'empty'

  // Rendered before the claim, so a template bug never leaves the row stuck in 'sending'.
  const items = (await deps.db.execute(sql`
    select payload, created_at from deliveries where digest_key = ${key} order by created_at, id`)) as unknown as {
    payload: DomainEvent
    created_at: Date
  }[]
  const h = helpers(user.locale, user.timeZone, deps.webUrl)
  const mail = renderDigest(
    items.map((i) => ({
      subject: renderEvent(i.payload, h).subject,
      at: new Date(i.created_at).toISOString(),
    })),
    day,
    user,
    { webUrl: deps.webUrl, messageId: messageIdFor(key, deps.messageIdDomain) },
  )
  const outcome = await deps.smtpSlot(async () => {
    const claimed = await deps.db.execute(sql`
      update deliveries set status = 'sending', attempts = attempts + 1, updated_at = now(),
        lease_until = now() + ${`${deps.sendLeaseMs} milliseconds`}::interval
      where id = ${digestId}::uuid and (status in ('pending', 'deferred') or (status = 'sending' and lease_until < now()))
      returning id`)
    if (claimed.length === 0) return 'not claimed' as const
    await sendClaimed(deps, digestId, mail)
    return 'sent' as const
  })
  if (outcome === 'not claimed') {
    const [row] = (await deps.db.execute(
      sql`select status from deliveries where id = ${digestId}::uuid`,
    )) as unknown as { status: string }[]
    if (row?.status === 'sending') throw new LeaseHeldError(key)
    // Sent before a crash that skipped the last step: finish it.
    if (row?.status === 'sent') await markItemsSent(deps, key)
    return 'done'
  }
  await markItemsSent(deps, key)
  return 'sent'
}

async function markItemsSent(deps: DeliverDeps, key: string) {
  await deps.db.execute(sql`
    update deliveries set status = 'sent', sent_at = now(), updated_at = now()
    where digest_key = ${key} and status = 'digest'`)
}
