import Type, { type Static } from 'typebox'
import { DateTime, pageQuery, problems, Uuid } from '../common.js'
import { DigestMode, INBOX_KINDS, Locale } from '../enums.js'
import { route } from '../route.js'

/** The in-app inbox, notification preferences, and the admins' view of failed notifications. */

/** Title, body and link are rendered when read, in the reader's language and time zone. */
export const Notification = Type.Object({
  id: Uuid,
  eventType: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  createdAt: DateTime,
})
export type Notification = Static<typeof Notification>

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local time HH:MM' })
export const QuietHours = Type.Union([
  Type.Object({ start: Clock, end: Clock }, { additionalProperties: false }),
  Type.Null(),
])
export type QuietHours = Static<typeof QuietHours>

export const NotificationPreferences = Type.Object({
  language: Locale,
  languageOverride: Type.Union([Locale, Type.Null()]),
  mode: DigestMode,
  quietHours: QuietHours,
  channels: Type.Record(
    Type.String(),
    Type.Object({ email: Type.Boolean(), inApp: Type.Boolean(), locked: Type.Boolean() }),
  ),
})
export type NotificationPreferences = Static<typeof NotificationPreferences>

export const NotificationPreferencesUpdate = Type.Object(
  {
    language: Type.Optional(Type.Union([Locale, Type.Null()])),
    mode: Type.Optional(DigestMode),
    quietHours: Type.Optional(QuietHours),
    channels: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 100 }),
        Type.Object(
          { email: Type.Optional(Type.Boolean()), inApp: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
)
export type NotificationPreferencesUpdate = Static<typeof NotificationPreferencesUpdate>

export const FailedDelivery = Type.Object({
  id: Uuid,
  idempotencyKey: Type.String(),
  outboxId: Type.Union([Uuid, Type.Null()]),
  eventType: Type.String(),
  userId: Type.Union([Uuid, Type.Null()]),
  email: Type.String(),
  channel: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  updatedAt: DateTime,
})
export type FailedDelivery = Static<typeof FailedDelivery>

export const InboxPage = Type.Object({
  items: Type.Array(Notification),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  total: Type.Integer({ minimum: 0 }),
  unread: Type.Integer({ minimum: 0, description: 'unread among the filtered' }),
})
export type InboxPage = Static<typeof InboxPage>

const Unread = Type.Object({ unread: Type.Integer() })
const tags = ['notifications'] as const

export const listNotifications = route({
  method: 'GET',
  path: '/v1/notifications',
  tags,
  summary: 'My notifications, newest first (keyset paged, with total and unread counts)',
  description: '`link` is a path in the web app (e.g. `/proposals/{id}`): the page the message is about.',
  access: { roles: 'any' },
  query: Type.Object({
    ...pageQuery(100, 20),
    unread: Type.Optional(Type.Boolean()),
    kind: Type.Optional(
      Type.Enum(INBOX_KINDS, { description: 'the first word of the event type, e.g. proposal' }),
    ),
  }),
  response: { 200: InboxPage, ...problems(400, 401, 403) },
})

export const unreadNotifications = route({
  method: 'GET',
  path: '/v1/notifications/unread-count',
  tags,
  access: { roles: 'any' },
  response: { 200: Unread, ...problems(401, 403) },
})

export const markNotificationRead = route({
  method: 'POST',
  path: '/v1/notifications/:id/read',
  tags,
  access: { roles: 'any' },
  params: Type.Object({ id: Uuid }),
  response: { 200: Unread, ...problems(401, 403, 404) },
})

export const markAllNotificationsRead = route({
  method: 'POST',
  path: '/v1/notifications/read-all',
  tags,
  access: { roles: 'any' },
  response: { 200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }), ...problems(401, 403) },
})

export const getNotificationPreferences = route({
  method: 'GET',
  path: '/v1/me/notification-preferences',
  tags,
  access: { roles: 'any' },
  response: { 200: NotificationPreferences, ...problems(401, 403) },
})

export const updateNotificationPreferences = route({
  method: 'PUT',
  path: '/v1/me/notification-preferences',
  tags,
  summary: 'Channels per event type, language, immediate or daily digest (08:00 local), quiet hours',
  access: { roles: 'any' },
  body: NotificationPreferencesUpdate,
  response: { 200: NotificationPreferences, ...problems(400, 401, 403) },
})

export const listFailedDeliveries = route({
  method: 'GET',
  path: '/v1/admin/notifications/failed',
  tags: ['admin'],
  summary: 'Deliveries that failed for good (SMTP 5xx, bad address, retries used up)',
  access: { roles: ['admin'] },
  query: Type.Object({
    before: Type.Optional(Uuid),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  }),
  response: {
    200: Type.Object({ items: Type.Array(FailedDelivery), nextCursor: Type.Union([Uuid, Type.Null()]) }),
    ...problems(401, 403),
  },
})

export const retryDelivery = route({
  method: 'POST',
  path: '/v1/admin/notifications/:deliveryId/retry',
  tags: ['admin'],
  summary: 'Send a failed delivery again',
  access: { roles: ['admin'] },
  params: Type.Object({ deliveryId: Uuid }),
  response: {
    202: Type.Object({ deliveryId: Uuid, status: Type.Literal('pending'), queued: Type.Boolean() }),
    ...problems(401, 403, 404, 409),
  },
})

export const QueueCounts = Type.Object({
  queues: Type.Array(
    Type.Object({ name: Type.String(), counts: Type.Record(Type.String(), Type.Integer()) }),
  ),
})
export type QueueCounts = Static<typeof QueueCounts>

export const listQueueCounts = route({
  method: 'GET',
  path: '/v1/admin/queues',
  tags: ['admin'],
  summary: 'Job counts per queue and state (the Bull Board UI is at /admin/queues)',
  access: { roles: ['admin'] },
  response: { 200: QueueCounts, ...problems(401, 403, 503) },
})
