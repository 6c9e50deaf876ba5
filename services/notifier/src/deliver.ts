import type { Db } from '@dj/db'
import { markOutboxDone, recordOutboxError } from '@dj/outbox'
import type { DomainEvent } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { LeaseHeldError, PermanentSendError, TransientSendError } from './errors.js'
import { isMessageType, type Locale, SECURITY_TYPES } from './i18n/index.js'
import { type Mailer, messageIdFor, type OutgoingMail } from './mailer.js'
import { type Prefs, prefsFromRow, quietUntil, wantsEmail, wantsInApp } from './preferences.js'
import {
  audienceArrays,
  audienceRecipientsSelect,
  bareRecipients,
  loadUsers,
  recipientFromRow,
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

export interface Planned {
  outboxCreatedAt: Date
  open: OpenEmail[]
}

export interface PlanItem {
  outboxId: string
  event: DomainEvent
}

/** Per item: its plan (null: nothing to do), or the error that item alone ran into. */
export type PlanResult = { ok: true; planned: Planned | null } | { ok: false; error: unknown }

interface DeliveryValue {
  key: string
  outbox_id: string
  user_id: string | null
  email: string
  channel: 'inapp' | 'email'
  status: string
  attempts: number
  sent: boolean
  title: string | null
  body: string | null
  link: string | null
}

/**
 * Step 1 for many outbox rows at once, in two statements however many rows (the hot path of
 * every notification, so the round trips are shared by all jobs running at the same time):
 *  a. read the outbox rows and, for those not done, the recipients with their preferences;
 *  b. one atomic statement that records every delivery (ON CONFLICT DO NOTHING on the
 *     idempotency key), writes the inbox rows for the deliveries it created, lists the emails
 *     still to send (new or left from an earlier attempt) and marks done every outbox row with
 *     none. A duplicate run of the same row inserts nothing and writes no inbox row.
 * Items must have distinct outbox ids. A rendering error fails only its own item; an SQL error
 * throws for all (the caller retries them one by one).
 */
/** Ids as one uuid[] parameter: the planner then uses the primary key / index, however many. */
const uuidList = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

export async function planMany(deps: DeliverDeps, items: PlanItem[]): Promise<Map<string, PlanResult>> {
  const results = new Map<string, PlanResult>()
  if (items.length === 0) return results
  const audiences = items.map(({ outboxId, event }) => ({
    outbox_id: outboxId,
    ...(isMessageType(event.type)
      ? audienceArrays(event)
      : { userIds: [], institutionIds: [], officerSides: [] }),
  }))
  // One statement text whatever the batch, so it is prepared once per connection.
  const rows = (await deps.db.execute(sql`
    select e.outbox_id as ob_id, o.done_at, o.created_at, r.*
    from jsonb_to_recordset(${JSON.stringify(audiences)}::jsonb)
      as e(outbox_id uuid, "userIds" uuid[], "institutionIds" uuid[], "officerSides" text[])
    join outbox o on o.id = e.outbox_id and o.id = any(${uuidList(items.map((i) => i.outboxId))})
    left join lateral (${audienceRecipientsSelect(sql`e."userIds"`, sql`e."institutionIds"`, sql`e."officerSides"`)}) r
      on o.done_at is null`)) as unknown as (UserRow & {
    ob_id: string
    done_at: string | null
    created_at: string
  })[]
  const byOutbox = new Map<string, typeof rows>()
  for (const row of rows) {
    const list = byOutbox.get(row.ob_id)
    if (list) list.push(row)
    else byOutbox.set(row.ob_id, [row])
  }

  const values: DeliveryValue[] = []
  const events: { outbox_id: string; event_type: string; payload: DomainEvent }[] = []
  const createdAt = new Map<string, Date>()
  for (const { outboxId, event } of items) {
    const own = byOutbox.get(outboxId) ?? []
    const head = own[0]
    if (!head || head.done_at !== null) {
      results.set(outboxId, { ok: true, planned: null })
      continue
    }
    if (!isMessageType(event.type)) {
      try {
        await markOutboxDone(deps.db, outboxId)
        results.set(outboxId, { ok: true, planned: null })
      } catch (error) {
        results.set(outboxId, { ok: false, error })
      }
      continue
    }
    try {
      const recipients = [
        ...own.filter((r) => r.id !== null).map((r) => recipientFromRow(r)),
        ...bareRecipients(event),
      ]
      const security = SECURITY_TYPES.has(event.type)
      const mine: DeliveryValue[] = []
      for (const r of recipients) {
        if (r.userId && !EMAIL_ONLY.has(event.type) && (security || wantsInApp(r.prefs, event.type))) {
          const m = renderInApp(event, r, deps.webUrl)
          mine.push({
            key: deliveryKey(outboxId, r, 'inapp'),
            outbox_id: outboxId,
            user_id: r.userId,
            email: r.email,
            channel: 'inapp',
            status: 'sent',
            attempts: 1,
            sent: true,
            title: m.title,
            body: m.body,
            link: m.link,
          })
        }
        if (security || wantsEmail(r.prefs, event.type)) {
          mine.push({
            key: deliveryKey(outboxId, r, 'email'),
            outbox_id: outboxId,
            user_id: r.userId,
            email: r.email,
            channel: 'email',
            status: !security && r.userId && r.prefs.mode === 'daily' ? 'digest' : 'pending',
            attempts: 0,
            sent: false,
            title: null,
            body: null,
            link: null,
          })
        }
      }
      values.push(...mine)
      events.push({ outbox_id: outboxId, event_type: event.type, payload: event })
      createdAt.set(outboxId, new Date(head.created_at))
    } catch (error) {
      // A template bug in one event must not fail the others planned with it.
      results.set(outboxId, { ok: false, error })
    }
  }
  if (events.length === 0) return results

  // Sorted keys: concurrent planners take the unique-index locks in the same order.
  values.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const ids = uuidList(events.map((e) => e.outbox_id))
  const open = (await deps.db.execute(sql`
    with ev as (
        select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
          as e(outbox_id uuid, event_type text, payload jsonb)),
      v as (
        select * from jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
          as v(key text, outbox_id uuid, user_id uuid, email text, channel text, status text, attempts int,
            sent boolean, title text, body text, link text)),
      ins as (
        insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status,
          attempts, sent_at, payload)
        select v.key, v.outbox_id, ev.event_type, v.user_id, v.email, v.channel, v.status, v.attempts,
          case when v.sent then now() end, ev.payload
        from v join ev on ev.outbox_id = v.outbox_id
        order by v.key
        on conflict (idempotency_key) do nothing
        returning id, idempotency_key, outbox_id, user_id, email, channel, status, event_type),
      inbox as (
        insert into notifications (user_id, delivery_id, event_type, title, body, link)
        select ins.user_id, ins.id, ins.event_type, v.title, v.body, v.link
        from ins join v on v.key = ins.idempotency_key
        where ins.channel = 'inapp'
        returning 1),
      open as (
        select id, idempotency_key, outbox_id, user_id, email, status from ins
        where channel = 'email' and status = 'pending'
        union all
        select d.id, d.idempotency_key, d.outbox_id, d.user_id, d.email, d.status from deliveries d
        where d.outbox_id = any(${ids}) and d.channel = 'email'
          and d.status in ('pending', 'sending', 'deferred')),
      done as (
        update outbox set done_at = now(), last_error = null
        from unnest(${ids}) as t(id)
        where outbox.id = t.id and outbox.done_at is null
          and not exists (select 1 from open where open.outbox_id = outbox.id)
        returning 1)
    select open.*, (select count(*) from inbox) as inbox_rows, (select count(*) from done) as done_rows
    from open order by idempotency_key`)) as unknown as (OpenEmail & { outbox_id: string })[]
  for (const e of events) {
    results.set(e.outbox_id, {
      ok: true,
      planned: { outboxCreatedAt: createdAt.get(e.outbox_id)!, open: [] },
    })
  }
  for (const o of open) {
    if (!o.id) continue
    const r = results.get(o.outbox_id)
    if (r?.ok && r.planned) r.planned.open.push(o)
  }
  return results
}

async function plan(deps: DeliverDeps, outboxId: string, event: DomainEvent): Promise<Planned | null> {
  const result = (await planMany(deps, [{ outboxId, event }])).get(outboxId)
  if (!result) return null
  if (!result.ok) throw result.error
  return result.planned
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
  /** Already planned (by a batch, see planMany); planned here when omitted. */
  preplanned?: Planned | null,
): Promise<OutboxOutcome> {
  const planned = preplanned === undefined ? await plan(deps, outboxId, event) : preplanned
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
