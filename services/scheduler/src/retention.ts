import { type Db, ERASED_NAME, eraseAccountRemains, forgetAddressAndName } from '@dj/db'
import { sql } from 'drizzle-orm'
import type { SchedulerConfig } from './config.js'

const DAY_MS = 86_400_000
const cutoff = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString()

/**
 * Erases what is left of accounts deleted more than `retentionDays` before `now`, however they
 * were deleted: by their holder (DELETE /v1/me already replaced address and name), by an admin,
 * or marked deleted some other way (address and name still there: forgotten here first).
 * Idempotent: an erased account has erased_at and is not touched again.
 */
export async function purgeDeletedAccounts(
  db: Db,
  retentionDays: number,
  now = new Date(),
): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = (await tx.execute(sql`
      select id, email, display_name from users
      where status = 'deleted' and deleted_at is not null and erased_at is null
        and deleted_at < ${cutoff(now, retentionDays)}::timestamptz
      order by id
      for update`)) as unknown as { id: string; email: string; display_name: string }[]
    if (due.length === 0) return []
    for (const u of due)
      await forgetAddressAndName(tx, { id: u.id, email: u.email, displayName: u.display_name })
    const ids = due.map((u) => u.id)
    await eraseAccountRemains(tx, ids)
    await tx.execute(sql`
      update users set email = 'deleted-' || id::text || '@deleted.invalid', display_name = ${ERASED_NAME},
        password_hash = null, email_verified_at = null, erased_at = ${now.toISOString()}::timestamptz,
        updated_at = now()
      where id = any(${`{${ids.join(',')}}`}::uuid[])`)
    return ids
  })
}

/**
 * Drops what was only kept to do the work: outbox rows done more than `days` ago (their event
 * was delivered; the delivery records tell what was sent) and the event copies in sent delivery
 * records (failed ones keep theirs so an admin can retry them).
 */
export async function purgeSpentRecords(
  db: Db,
  days: number,
  now = new Date(),
): Promise<{ outbox: number; deliveries: number }> {
  const before = cutoff(now, days)
  const outbox = await db.execute(
    sql`delete from outbox where done_at is not null and done_at < ${before}::timestamptz returning 1`,
  )
  const deliveries = await db.execute(sql`
    update deliveries set payload = '{}'::jsonb
    where status = 'sent' and sent_at < ${before}::timestamptz and payload <> '{}'::jsonb returning 1`)
  return { outbox: outbox.length, deliveries: deliveries.length }
}

/** The daily retention sweep (`accounts.purge`): deleted accounts, then spent records. */
export async function runRetention(
  db: Db,
  config: Pick<SchedulerConfig, 'RETENTION_DAYS' | 'OUTBOX_RETENTION_DAYS'>,
  now = new Date(),
) {
  const erased = await purgeDeletedAccounts(db, config.RETENTION_DAYS, now)
  const spent = await purgeSpentRecords(db, config.OUTBOX_RETENTION_DAYS, now)
  return { erased: erased.length, ...spent }
}
