import { type Db, executePrepared } from '@dj/db'
import { isMessageType, type Locale, SECURITY_TYPES } from '@dj/messages'
import { markOutboxDone, recordOutboxError } from '@dj/outbox'
import type { DomainEvent } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { LeaseHeldError, PermanentSendError, TransientSendError } from './errors.js'
import { type Mailer, messageIdFor, type OutgoingMail } from './mailer.js'
import { type Prefs, prefsFromRow, quietUntil } from './preferences.js'
import { audienceArrays, bareRecipients, loadUsers } from './recipients.js'
import { renderEmail } from './render.js'

/*
 * Exactly-once effect per (event, recipient, channel).
 *
 * Every delivery is recorded under a unique idempotency key, inserted with ON CONFLICT, so a
 * retried job, a second dispatch of the same outbox row or a second worker can never create a
 * second delivery. In-app: the inbox row itself, unique on (outbox row, user), written in the
 * same statement that marks the outbox row done — truly once. Email: a `deliveries` row under
 * `${outboxId}:${userId|email}:email` (built in planMany's SQL), sent as follows.
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
  /** EMAIL_LINK_SECRET: the tokens of link mails are derived with it (see render.ts). */
  linkSecret: string
  messageIdDomain: string
  sendLeaseMs: number
  now: () => Date
  /**
   * Runs one claim-and-send while holding one of this process's SMTP slots (SMTP_MAX_CONNECTIONS).
   * The slot is taken before the claim, so waiting for it never eats into the send lease.
   */
  smtpSlot: <T>(send: () => Promise<T>) => Promise<T>
}

export type OutboxOutcome =
  | { kind: 'skipped' }
  | { kind: 'done'; sent: number; failed: PermanentSendError[] }
  | { kind: 'deferred'; until: Date }

/** Mails about the address itself (its links, a registration attempt with it) go by email only. */
const EMAIL_ONLY = new Set([
  'auth.email_verification_requested',
  'auth.password_reset_requested',
  'auth.registration_attempted',
])

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

/** Ids as one uuid[] parameter: the planner then uses the primary key / index, however many. */
const uuidList = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`

/**
 * Step 1 for many outbox rows at once, in one statement and one round trip however many rows
 * (the hot path of every notification, shared by all jobs running at the same time). For each
 * outbox row not yet done, it
 *  - finds the recipients: listed users, members of the listed institutions, officers of the
 *    listed sides (active accounts, each once), and the bare addresses;
 *  - applies their preferences (channel per event type; daily digest; security mail always);
 *  - writes the inbox rows (the event itself; rendered when read) and the email delivery
 *    records, each under its idempotency key;
 *  - lists the emails still to send and marks the row done when there are none.
 * A second run of the same row (retry, redispatch, a second worker at the same moment) writes
 * nothing new. Existing email records are returned through ON CONFLICT DO UPDATE, which waits
 * for and reads the latest committed version: a run racing another one on the same row
 * therefore sees the other's pending emails and never marks the row done under them.
 * The preference rules live here only; `(channels -> type -> 'email') is distinct from false`
 * reads as "not switched off", missing entries meaning on.
 * A named prepared statement (one text whatever the batch size), so it is parsed once per
 * connection. Items must have distinct outbox ids; an SQL error throws for all of them (the
 * caller retries them one by one).
 */
export async function planMany(deps: DeliverDeps, items: PlanItem[]): Promise<Map<string, PlanResult>> {
  const results = new Map<string, PlanResult>()
  const events: Record<string, unknown>[] = []
  for (const { outboxId, event } of items) {
    if (!isMessageType(event.type)) {
      // Nothing to tell anyone (a queue subscription without a template): just finish the row.
      try {
        await markOutboxDone(deps.db, outboxId)
        results.set(outboxId, { ok: true, planned: null })
      } catch (error) {
        results.set(outboxId, { ok: false, error })
      }
      continue
    }
    events.push({
      outbox_id: outboxId,
      type: event.type,
      ...audienceArrays(event),
      bare: bareRecipients(event).map((r) => r.email),
      security: SECURITY_TYPES.has(event.type),
      email_only: EMAIL_ONLY.has(event.type),
    })
  }
  if (events.length === 0) return results

  const rows = await executePrepared<PlanRow>(
    deps.db,
    sql`
    with e as (
        select * from jsonb_to_recordset(${JSON.stringify(events)}::jsonb)
          as e(outbox_id uuid, type text, "userIds" uuid[], "institutionIds" uuid[], "officerSides" text[],
            bare text[], security boolean, email_only boolean)),
      pending as (
        select e.*, o.payload, o.created_at
        from e join outbox o on o.id = e.outbox_id and o.id = any(${uuidList(events.map((e) => e.outbox_id as string))})
        where o.done_at is null),
      aud as (
        select p.outbox_id, x.user_id from pending p cross join lateral unnest(p."userIds") as x(user_id)
        union
        select p.outbox_id, m.user_id from pending p join memberships m on m.institution_id = any(p."institutionIds")
        union
        select p.outbox_id, o.id from pending p join users o
          on o.role = 'officer' and o.officer_side = any(p."officerSides")),
      r as (
        select aud.outbox_id, u.id as user_id, u.email, np.mode, np.channels
        from aud join users u on u.id = aud.user_id and u.status = 'active'
        left join notification_preferences np on np.user_id = u.id),
      inbox as (
        insert into notifications (outbox_id, user_id, event_type, payload)
        select p.outbox_id, r.user_id, p.type, p.payload
        from r join pending p on p.outbox_id = r.outbox_id
        where not p.email_only
          and (p.security or (r.channels -> p.type -> 'inApp') is distinct from 'false'::jsonb)
        order by 1, 2
        on conflict (outbox_id, user_id) do nothing
        returning 1),
      mail as (
        select r.outbox_id, r.user_id, r.email,
          case when not p.security and r.mode = 'daily' then 'digest' else 'pending' end as status
        from r join pending p on p.outbox_id = r.outbox_id
        where p.security or (r.channels -> p.type -> 'email') is distinct from 'false'::jsonb
        union all
        select p.outbox_id, null, b.email, 'pending' from pending p cross join lateral unnest(p.bare) as b(email)),
      ins as (
        insert into deliveries (idempotency_key, outbox_id, event_type, user_id, email, channel, status, payload)
        select m.outbox_id || ':' || coalesce(m.user_id::text, m.email) || ':email', m.outbox_id, p.type,
          m.user_id, m.email, 'email', m.status, p.payload
        from mail m join pending p on p.outbox_id = m.outbox_id
        order by 1
        on conflict (idempotency_key) do update set idempotency_key = excluded.idempotency_key
        returning id, idempotency_key, outbox_id, user_id, email, status),
      open as (
        select id, idempotency_key, outbox_id, user_id, email, status from ins
        where status in ('pending', 'sending', 'deferred')
        union
        -- Left from an earlier attempt for someone no longer in the audience.
        select d.id, d.idempotency_key, d.outbox_id, d.user_id, d.email, d.status from deliveries d
        where d.outbox_id in (select outbox_id from pending) and d.channel = 'email'
          and d.status in ('pending', 'sending', 'deferred')),
      done as (
        update outbox set done_at = now(), last_error = null
        where outbox.id in (select outbox_id from pending) and outbox.done_at is null
          and not exists (select 1 from open where open.outbox_id = outbox.id)
        returning 1)
    select p.outbox_id, p.created_at, null::uuid as id, null::text as idempotency_key, null::uuid as user_id,
      null::text as email, null::text as status
    from pending p
    union all
    select o.outbox_id, null, o.id, o.idempotency_key, o.user_id, o.email, o.status from open o
    order by outbox_id, idempotency_key nulls first`,
  )
  for (const row of rows) {
    if (row.id === null) {
      results.set(row.outbox_id, {
        ok: true,
        planned: { outboxCreatedAt: new Date(row.created_at!), open: [] },
      })
      continue
    }
    const r = results.get(row.outbox_id)
    if (r?.ok && r.planned) {
      r.planned.open.push({
        id: row.id,
        idempotency_key: row.idempotency_key!,
        user_id: row.user_id,
        email: row.email!,
        status: row.status!,
      })
    }
  }
  // Rows already done, or gone: nothing to do.
  for (const e of events) {
    const id = e.outbox_id as string
    if (!results.has(id)) results.set(id, { ok: true, planned: null })
  }
  return results
}

interface PlanRow extends Record<string, unknown> {
  outbox_id: string
  created_at: string | null
  id: string | null
  idempotency_key: string | null
  user_id: string | null
  email: string | null
  status: string | null
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
      linkSecret: deps.linkSecret,
    })
    try {
      const state = await deps.smtpSlot(async () => {
        const claimed = await claim(deps, d.id)
        if (claimed === 'claimed') await sendClaimed(deps, d.id, mail)
        return claimed
      })
      if (state === 'held') held = d.idempotency_key
      if (state === 'claimed') sent += 1
    } catch (error) {
      if (error instanceof PermanentSendError) failed.push(error)
      else if (error instanceof TransientSendError) transient = error
      else throw error
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
