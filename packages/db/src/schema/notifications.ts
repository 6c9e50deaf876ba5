import { DIGEST_MODES } from '@dj/vocabulary'
import { sql } from 'drizzle-orm'
import { check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { LOCALES, users } from './users.js'

// The words are spelled once in @dj/vocabulary; re-exported for the code that reads the schema.
export { DIGEST_MODES, type DigestMode } from '@dj/vocabulary'

/**
 * The in-app inbox. A row is its own delivery record: (outbox_id, user_id) is unique, so a retried
 * or twice-dispatched event never writes a second row, and no separate `deliveries` row is needed
 * for a channel that cannot fail.
 * It stores the event, not text: the API renders it when read, in the reader's current language
 * and time zone (@dj/messages). title/body/link hold the text of rows whose event could not be
 * recovered by migration 0007 (no outbox id either); null otherwise.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: pk(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The notify outbox row this entry tells of; with user_id its idempotency key. */
    outboxId: uuid('outbox_id'),
    eventType: text('event_type').notNull(),
    /** The event (a DomainEvent of @dj/queue). */
    payload: jsonb('payload'),
    title: text('title'),
    body: text('body'),
    link: text('link'),
    readAt: ts('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    // uuids, not a text key: compared bytewise, and this index is written for every notification.
    uniqueIndex('notifications_event_user_uq').on(t.outboxId, t.userId),
    check(
      'notifications_content_ck',
      sql`${t.payload} is not null or (${t.title} is not null and ${t.body} is not null)`,
    ),
    index('notifications_user_ix').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('notifications_unread_ix').on(t.userId).where(sql`${t.readAt} is null`),
  ],
)

export const DELIVERY_CHANNELS = ['email', 'inapp'] as const
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number]
/**
 * pending: to send; sending: claimed (lease_until) — an SMTP conversation may be under way;
 * sent; failed: permanent, shown to admins; deferred: quiet hours, not before not_before;
 * digest: waits for the recipient's daily digest (done for the outbox row).
 */
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'deferred', 'digest'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/**
 * One row per email (event, recipient) — or per (digest day, user) — under a unique idempotency
 * key, so retries and duplicate dispatches never deliver twice. (In-app messages are recorded by
 * their inbox row; rows with channel 'inapp' are from before that and kept as history.)
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: pk(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The notify outbox row; null for a digest mail. */
    outboxId: uuid('outbox_id'),
    eventType: text('event_type').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Address at planning time (bare address for invitations). */
    email: text('email').notNull(),
    channel: text('channel', { enum: DELIVERY_CHANNELS }).notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    notBefore: ts('not_before'),
    leaseUntil: ts('lease_until'),
    /** Deterministic Message-ID derived from the idempotency key. */
    messageId: text('message_id'),
    /** Digest key (`digest:<user>:<day>`) of the digest mail that carried this item. */
    digestKey: text('digest_key'),
    /** What the recipient needs to render (the event for items, the day for a digest). */
    payload: jsonb('payload').notNull(),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('deliveries_key_uq').on(t.idempotencyKey),
    index('deliveries_outbox_ix').on(t.outboxId),
    index('deliveries_failed_ix').on(t.updatedAt).where(sql`${t.status} = 'failed'`),
    index('deliveries_digest_ix').on(t.userId).where(sql`${t.status} = 'digest'`),
  ],
)

/** Per event type: which channels the user wants. Missing entries mean both on. */
export type ChannelPrefs = Record<string, { email?: boolean; inApp?: boolean }>

export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Null: follow the account's locale. */
  locale: text('locale', { enum: LOCALES }),
  mode: text('mode', { enum: DIGEST_MODES }).notNull().default('immediate'),
  /** Local wall-clock 'HH:MM' in the user's time zone; both null means no quiet hours. */
  quietStart: text('quiet_start'),
  quietEnd: text('quiet_end'),
  channels: jsonb('channels').$type<ChannelPrefs>().notNull().default({}),
  updatedAt: updatedAt(),
})
