import {
  getNotificationPreferences,
  listFailedDeliveries,
  listNotifications,
  listQueueCounts,
  markAllNotificationsRead,
  markNotificationRead,
  retryDelivery,
  unreadNotifications,
  updateNotificationPreferences,
} from '@dj/contracts'
import type { FastifyPluginAsync } from 'fastify'
import * as admin from '../../domains/notifications/use-cases/admin.js'
import * as inbox from '../../domains/notifications/use-cases/inbox.js'
import * as preferences from '../../domains/notifications/use-cases/preferences.js'
import { endpoint } from '../../http/endpoint.js'

/** The in-app inbox, notification preferences, and the admins' view of failed notifications. */
const notificationRoutes: FastifyPluginAsync = async (app) => {
  endpoint(app, listNotifications, ({ query, run }) => run(inbox.listMyNotifications, query))
  endpoint(app, unreadNotifications, ({ run }) => run(inbox.countUnread, {}))
  endpoint(app, markNotificationRead, ({ params, run }) => run(inbox.readOne, params))
  endpoint(app, markAllNotificationsRead, ({ run }) => run(inbox.readAll, {}))
  endpoint(app, getNotificationPreferences, ({ run }) => run(preferences.viewPreferences, {}))
  endpoint(app, updateNotificationPreferences, ({ body, run }) => run(preferences.updatePreferences, body))
  endpoint(app, listFailedDeliveries, ({ query, run }) => run(admin.listFailedNotifications, query))
  endpoint(app, retryDelivery, ({ params, run }) => run(admin.retryFailedDelivery, params))
  endpoint(app, listQueueCounts, ({ run }) => run(admin.countQueueJobs, {}))
}

export default notificationRoutes
