import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { writeAudit } from '../../domains/audit.js'
import { enqueueRetry, listFailed, queueCounts, reopenFailed } from '../../domains/notifications/admin.js'
import {
  INBOX_KINDS,
  listInbox,
  markAllRead,
  markRead,
  unreadCount,
} from '../../domains/notifications/inbox.js'
import { loadPreferences, savePreferences } from '../../domains/notifications/preferences.js'
import { Errors } from '../../http/errors.js'
import { pageQuery } from '../../http/keyset.js'
import { DateTime, Locale, problems, Uuid } from '../../http/schemas.js'
import { principalOf } from '../../plugins/auth.js'

/** Title, body and link are rendered when read, in the reader's language and time zone. */
const Notification = Type.Object({
  id: Uuid,
  eventType: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  read: Type.Boolean(),
  createdAt: DateTime,
})

const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'local time HH:MM' })
const QuietHours = Type.Union([
  Type.Object({ start: Clock, end: Clock }, { additionalProperties: false }),
  Type.Null(),
])
const Mode = Type.Union([Type.Literal('immediate'), Type.Literal('daily')])

const Preferences = Type.Object({
  language: Locale,
  languageOverride: Type.Union([Locale, Type.Null()]),
  mode: Mode,
  quietHours: QuietHours,
  channels: Type.Record(
    Type.String(),
    Type.Object({ email: Type.Boolean(), inApp: Type.Boolean(), locked: Type.Boolean() }),
  ),
})

const FailedDelivery = Type.Object({
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

/** The in-app inbox, notification preferences, and the admins' view of failed notifications. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/notifications',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first (keyset paged, with total and unread counts)',
        description:
          '`link` is a path in the web app (e.g. `/proposals/{id}`): the page the message is about.',
        querystring: Type.Object({
          ...pageQuery(100, 20),
          unread: Type.Optional(Type.Boolean()),
          kind: Type.Optional(
            Type.Enum(INBOX_KINDS, { description: 'the first word of the event type, e.g. proposal' }),
          ),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Notification),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Integer({ minimum: 0 }),
            unread: Type.Integer({ minimum: 0, description: 'unread among the filtered' }),
          }),
          ...problems(400, 401, 403),
        },
      },
    },
    async (request) =>
      listInbox(app.db, principalOf(request).userId, {
        limit: request.query.limit,
        cursor: request.query.cursor,
        dir: request.query.dir,
        unreadOnly: request.query.unread,
        kind: request.query.kind,
        webUrl: app.config.PUBLIC_WEB_URL,
      }),
  )

  app.get(
    '/notifications/unread-count',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['notifications'],
        response: { 200: Type.Object({ unread: Type.Integer() }), ...problems(401, 403) },
      },
    },
    async (request) => ({ unread: await unreadCount(app.db, principalOf(request).userId) }),
  )

  app.post(
    '/notifications/:id/read',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['notifications'],
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Object({ unread: Type.Integer() }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { userId } = principalOf(request)
      await markRead(app.db, userId, request.params.id)
      return { unread: await unreadCount(app.db, userId) }
    },
  )

  app.post(
    '/notifications/read-all',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['notifications'],
        response: {
          200: Type.Object({ marked: Type.Integer(), unread: Type.Integer() }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => {
      const { userId } = principalOf(request)
      return { marked: await markAllRead(app.db, userId), unread: await unreadCount(app.db, userId) }
    },
  )

  app.get(
    '/me/notification-preferences',
    {
      config: { roles: 'any' },
      schema: { tags: ['notifications'], response: { 200: Preferences, ...problems(401, 403) } },
    },
    async (request) => loadPreferences(app.db, principalOf(request).userId),
  )

  app.put(
    '/me/notification-preferences',
    {
      config: { roles: 'any' },
      schema: {
        tags: ['notifications'],
        summary: 'Channels per event type, language, immediate or daily digest (08:00 local), quiet hours',
        body: Type.Object(
          {
            language: Type.Optional(Type.Union([Locale, Type.Null()])),
            mode: Type.Optional(Mode),
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
        ),
        response: { 200: Preferences, ...problems(400, 401, 403) },
      },
    },
    async (request) => {
      return savePreferences(app.db, principalOf(request).userId, request.body)
    },
  )

  app.get(
    '/admin/notifications/failed',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Deliveries that failed for good (SMTP 5xx, bad address, retries used up)',
        querystring: Type.Object({
          before: Type.Optional(Uuid),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(FailedDelivery),
            nextCursor: Type.Union([Uuid, Type.Null()]),
          }),
          ...problems(401, 403),
        },
      },
    },
    async (request) => listFailed(app.db, { limit: request.query.limit, before: request.query.before }),
  )

  app.post(
    '/admin/notifications/:deliveryId/retry',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Send a failed delivery again',
        params: Type.Object({ deliveryId: Uuid }),
        response: {
          202: Type.Object({ deliveryId: Uuid, status: Type.Literal('pending'), queued: Type.Boolean() }),
          ...problems(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request)
      const row = await app.db.transaction(async (tx) => {
        const reopened = await reopenFailed(tx, request.params.deliveryId)
        await writeAudit(tx, {
          actorId: actor.userId,
          actorLabel: actor.displayName,
          action: 'notification.retried',
          entityType: 'delivery',
          entityId: reopened.id,
          before: { status: 'failed' },
          after: { status: 'pending' },
          requestId: request.id,
        })
        return reopened
      })
      const queued = await enqueueRetry(app.producers, row)
      return reply.status(202).send({ deliveryId: row.id, status: 'pending' as const, queued })
    },
  )

  app.get(
    '/admin/queues',
    {
      config: { roles: ['admin'] },
      schema: {
        tags: ['admin'],
        summary: 'Job counts per queue and state (the Bull Board UI is at /admin/queues)',
        response: {
          200: Type.Object({
            queues: Type.Array(
              Type.Object({ name: Type.String(), counts: Type.Record(Type.String(), Type.Integer()) }),
            ),
          }),
          ...problems(401, 403, 503),
        },
      },
    },
    async () => {
      try {
        return { queues: await queueCounts(app.producers) }
      } catch {
        throw new Errors.DependencyDown('the job queue')
      }
    },
  )
}

export default notificationRoutes
