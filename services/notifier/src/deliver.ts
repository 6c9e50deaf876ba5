import type { Db } from '@dj/db'
import { markOutboxDone, recordOutboxError } from '@dj/outbox'
import type { DomainEvent } from '@dj/queue'
import { type SQL, sql } from 'drizzle-orm'
import { LeaseHeldError, PermanentSendError, TransientSendError } from './errors.js'
import { isMessageType, type Locale, SECURITY_TYPES } from './i18n/index.js'
import { type Mailer, messageIdFor, type OutgoingMail } from './mailer.js'
import { type Prefs, prefsFromRow, quietUntil, wantsEmail, wantsInApp } from './preferences.js'
import {
  audienceCondition,
  bareRecipients,
  loadUsers,
  recipientFromRow,
  recipientsSelect,
  type UserRow,
} from './recipients.js'
import { renderEmail, renderInApp } from './render.js'

/*
 * Exactly-once effect per (event, recipient, channel).
 *
 * Every delivery has a row under a unique idempotency key `${outboxId}:${userId|email}:${channel}`,
 * inserted with ON CONFLICT DO NOTHING, so a retried job, a second dispatch of the same outbox row
 * or a second worker can never create a second delivery.
 *
 * In-app: the inbox row is inserted in the same transaction as its delivery record — truly once.
 *
 * Email cannot share a transaction with an SMTP server, so the window between "the server
 * accepted" and "we recorded it" is narrowed and made harmless instead:
 *  1. the row is claimed (pending → sending, lease_until = now + SEND_LEASE_MS) in its own
 *     committed statement before SMTP is touched; nobody else sends it while the lease runs;
 *  2. the mail goes out with a Message-ID derived from the idempotency key;
 *  3. the row is marked sent right after the server's 250.
 * A process killed between 2's 250 and 3's commit leaves the row in `sending`; after the lease it
 * is sent again — the residual at-least-once window, a few milliseconds per message. The re-sent
 * copy carries the same Message-ID, so receiving MTAs / clients (and the test sink) that dedupe
 * on Message-ID show it once. A process killed before the 250 sends nothing, and the retry sends
 * the one copy.
 */

export interface DeliverDeps {
  db: Db
  mailer: Mailer
  webUrl: string
  messageIdDomain: string
  sendLeaseMs: number
  now: () => Date
}

export type OutboxOutcome =
  | { kind: 'skipped' }
  | { kind: 'done'; sent: number; failed: PermanentSendError[] }
  | { kind: 'deferred'; until: Date }

export const deliveryKey = (outboxId: string, r: { userId: string | null; email: string }, channel: string) =>
  `${outboxId}:${r.userId ?? r.email.toLowerCase()}:${channel}`

/** In-app never carries sign-in tokens; those go by email only. */
const EMAIL_ONLY = new Set(['auth.email_verification_requested', 'auth.password_reset_requested'])

interface OpenEmail extends Record<string, unknown> {
  id: string
  idempotency_key: string
  user_id: string | null
  email: string
  status: string
}

interface Planned {
  outboxCreatedAt: Date
  open: OpenEmail[]
}

/**
 * Step 1 in two statements (the hot path of every notification, so kept to two round trips):
 *  a. read the outbox row and, unless it is done, the recipients with their preferences;
 *  b. one atomic statement that records every delivery (ON CONFLICT DO NOTHING on the
 *     idempotency key), writes the inbox rows for the deliveries it created, lists the emails
 *     still to send (new or left from an earlier attempt) and, when there are none, marks the
 *     outbox row done. A duplicate run of the same row inserts nothing and writes no inbox row.
 */
async function plan(deps: DeliverDeps, outboxId: string, event: DomainEvent): Promise<Planned | null> {
  const condition = isMessageType(event.type) ? audienceCondition(event) : null
  const rows = (await deps.db.execute(sql`
    select o.done_at, o.created_at, r.*
    from outbox o
    left join lateral (${condition ? recipientsSelect(condition) : sql`select null::uuid as id where false`}) r
      on o.done_at is null
    where o.id = ${outboxId}::uuid`)) as unknown as (UserRow & {
    done_at: string | null
    created_at: string
  })[]
  const head = rows[0]
  if (!head || head.done_at !== null) return null
  if (!isMessageType(event.type)) {
    await markOutboxDone(deps.db, outboxId)
    return null
  }
  const recipients = [
    ...rows.filter((r) => r.id !== null).map((r) => recipientFromRow(r)),
    ...bareRecipients(event),
  ]
  const security = SECURITY_TYPES.has(event.type)
  const values: SQL[] = []
  for (const r of recipients) {
    if (r.userId && !EMAIL_ONLY.has(event.type) && (security || wantsInApp(r.prefs, event.type))) {
      const m = renderInApp(event, r, deps.webUrl)
      values.push(sql`(${deliveryKey(outboxId, r, 'inapp')}::text, ${r.userId}::uuid, ${r.email}::text,
        'inapp'::text, 'sent'::text, 1::int, now(), ${m.title}::text, ${m.body}::text, ${m.link}::text)`)
    }
    if (security || wantsEmail(r.prefs, event.type)) {
      const status = !security && r.userId && r.prefs.mode === 'daily' ? 'digest' : 'pending'
      values.push(sql`(${deliveryKey(outboxId, r, 'email')}::text, ${r.userId}::uuid, ${r.email}::text,
        'email'::text, ${status}::text, 0::int, null::timestamptz, null::text, null::text, null::text)`)
    }
  }
  const existingOpen = sql`select id, idempotency_key, user_id, email, status from deliveries
    where outbox_id = ${outboxId}::uuid and channel = 'email' and status in ('pending', 'sending', 'deferred')`
  const open = (await deps.db.execute(
    values.length === 0
      ? sql`with open as (${existingOpen}),
          done as (update outbox set done_at = now(), last_error = null
            where id = ${outboxId}::uuid and done_at is null and not exists (select 1 from open) returning 1)
          select * from open, (select count(*) from done) as d order by idempotency_key`
      : sql`with v(key, user_id, email, channel, status, attempts, sent_at, title, body, link) as (
            values ${sql.join(values, sql`, `)}),
          ins as (
            insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status,
              attempts, sent_at, payload)
            select v.key, ${outboxId}::uuid, ${event.type}, v.user_id, v.email, v.channel, v.status, v.attempts,
              v.sent_at, ${JSON.stringify(event)}::jsonb
            from v
            on conflict (idempotency_key) do nothing
            returning id, idempotency_key, user_id, email, channel, status),
          inbox as (
            insert into notifications (user_id, delivery_id, event_type, title, body, link)
            select ins.user_id, ins.id, ${event.type}, v.title, v.body, v.link
            from ins join v on v.key = ins.idempotency_key
            where ins.channel = 'inapp'
            returning 1),
          open as (
            select id, idempotency_key, user_id, email, status from ins where channel = 'email' and status = 'pending'
            union all ${existingOpen}),
          done as (
            update outbox set done_at = now(), last_error = null
            where id = ${outboxId}::uuid and done_at is null and not exists (select 1 from open) returning 1)
          select open.*, (select count(*) from inbox) as inbox_rows, (select count(*) from done) as done_rows
          from open order by idempotency_key`,
  )) as unknown as OpenEmail[]
  return { outboxCreatedAt: new Date(head.created_at), open: open.filter((o) => o.id) }
}

/** Claims a delivery for sending; null when it is finished or someone else's lease is live. */
async function claim(deps: DeliverDeps, id: string): Promise<'claimed' | 'finished' | 'held'> {
  const claimed = await deps.db.execute(sql`
    update deliveries set status = 'sending', attempts = attempts + 1, updated_at = now(),
      lease_until = now() + ${`${deps.sendLeaseMs} milliseconds`}::interval
    where id = ${id}::uuid and (status in ('pending', 'deferred')
      or (status = 'sending' and lease_until < now()))
    returning id`)
  if (claimed.length > 0) return 'claimed'
  const [row] = (await deps.db.execute(
    sql`select status from deliveries where id = ${id}::uuid`,
  )) as unknown as { status: string }[]
  return row?.status === 'sending' ? 'held' : 'finished'
}

/** Sends one claimed delivery and records the outcome; throws the classified error after recording it. */
export async function sendClaimed(deps: DeliverDeps, id: string, mail: OutgoingMail): Promise<void> {
  try {
    await deps.mailer.send(mail)
  } catch (error) {
    const e =
      error instanceof PermanentSendError || error instanceof TransientSendError
        ? error
        : new TransientSendError(String(error), error)
    const permanent = e instanceof PermanentSendError
    await deps.db.execute(sql`
      update deliveries set status = ${permanent ? 'failed' : 'pending'}, last_error = ${e.message.slice(0, 2000)},
        lease_until = null, updated_at = now()
      where id = ${id}::uuid and status = 'sending'`)
    throw e
  }
  await deps.db.execute(sql`
    update deliveries set status = 'sent', sent_at = now(), lease_until = null, last_error = null,
      message_id = ${mail.messageId}, updated_at = now()
    where id = ${id}::uuid`)
}

async function targetsFor(deps: DeliverDeps, event: DomainEvent, open: OpenEmail[]) {
  const users = await loadUsers(
    deps.db,
    open.flatMap((d) => (d.user_id ? [d.user_id] : [])),
  )
  const byId = new Map(users.map((u) => [u.userId, u]))
  const bare = 'audience' in event ? (event.audience.emails ?? []) : []
  return (d: OpenEmail): { locale: Locale; timeZone: string; prefs: Prefs; email: string } | null => {
    if (d.user_id) {
      const u = byId.get(d.user_id)
      // The account was disabled or deleted since: nothing to send.
      return u ? { locale: u.locale, timeZone: u.timeZone, prefs: u.prefs, email: u.email } : null
    }
    const b = bare.find((x) => x.email.trim().toLowerCase() === d.email)
    return {
      locale: b?.locale ?? 'de',
      timeZone: b?.timeZone ?? 'Europe/Berlin',
      prefs: prefsFromRow({}),
      email: d.email,
    }
  }
}

export interface OutboxJobContext {
  /** True on the job's last allowed attempt: a transient failure then becomes a permanent one. */
  lastAttempt: boolean
}

/**
 * Turns one notify outbox row into its deliveries. Returns when every delivery is sent, failed
 * for good, waiting for the digest, or deferred by quiet hours; throws a TransientSendError
 * (retry with backoff) or LeaseHeldError otherwise. The outbox row is marked done only when
 * nothing but quiet-hour deferrals could still change.
 */
export async function deliverOutboxEvent(
  deps: DeliverDeps,
  outboxId: string,
  event: DomainEvent,
  ctx: OutboxJobContext,
): Promise<OutboxOutcome> {
  const planned = await plan(deps, outboxId, event)
  if (!planned) return { kind: 'skipped' }
  if (planned.open.length === 0) return { kind: 'done', sent: 0, failed: [] }

  const security = SECURITY_TYPES.has(event.type)
  const target = await targetsFor(deps, event, planned.open)
  const failed: PermanentSendError[] = []
  let transient: TransientSendError | null = null
  let held: string | null = null
  let deferredUntil: Date | null = null
  let sent = 0

  for (const d of planned.open) {
    const t = target(d)
    if (!t) {
      await deps.db.execute(sql`update deliveries set status = 'failed', last_error = 'recipient no longer active',
        lease_until = null, updated_at = now() where id = ${d.id}::uuid and status <> 'sent'`)
      continue
    }
    const until = security ? null : quietUntil(deps.now(), t.prefs, t.timeZone)
    if (until) {
      await deps.db.execute(sql`update deliveries set status = 'deferred', not_before = ${until.toISOString()}::timestamptz,
        updated_at = now() where id = ${d.id}::uuid and status in ('pending', 'deferred')`)
      if (!deferredUntil || until < deferredUntil) deferredUntil = until
      continue
    }
    // Rendered before the claim, so a template bug never leaves a row stuck in 'sending'.
    const mail = renderEmail(event, t, {
      webUrl: deps.webUrl,
      messageId: messageIdFor(d.idempotency_key, deps.messageIdDomain),
      stamp: planned.outboxCreatedAt,
    })
    const state = await claim(deps, d.id)
    if (state === 'finished') continue
    if (state === 'held') {
      held = d.idempotency_key
      continue
    }
    try {
      await sendClaimed(deps, d.id, mail)
      sent += 1
    } catch (error) {
      if (error instanceof PermanentSendError) failed.push(error)
      else transient = error as TransientSendError
    }
  }

  if (transient) {
    if (!ctx.lastAttempt) {
      await recordOutboxError(deps.db, outboxId, transient.message)
      throw transient
    }
    // Out of attempts: record the rest as failed so admins see them, and finish the row.
    await deps.db.execute(sql`update deliveries set status = 'failed', updated_at = now(),
      last_error = ${`gave up after retries: ${transient.message}`.slice(0, 2000)}
      where outbox_id = ${outboxId}::uuid and channel = 'email' and status = 'pending'`)
    failed.push(new PermanentSendError(`gave up after retries: ${transient.message}`, transient))
  }
  if (held) throw new LeaseHeldError(held)
  if (deferredUntil) return { kind: 'deferred', until: deferredUntil }
  await markOutboxDone(deps.db, outboxId)
  return { kind: 'done', sent, failed }
}
