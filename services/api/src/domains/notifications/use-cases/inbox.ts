import { listNotifications, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { listInbox, markAllRead, markRead, unreadCount } from '../inbox.js'

/** The reader's notifications, newest first, rendered in their language and time zone. */
export const listMyNotifications = useCase({
  name: 'notifications.listInbox',
  input: listNotifications.query,
  caller: 'actor',
  needs: ['webUrl'],
  transaction: false,
  async run({ input, actor, db, deps }) {
    return listInbox(db, actor.userId, {
      limit: input.limit,
      cursor: input.cursor,
      dir: input.dir,
      unreadOnly: input.unread,
      kind: input.kind,
      webUrl: deps.webUrl,
    })
  },
})

/** How many of the reader's notifications are unread. */
export const countUnread = useCase({
  name: 'notifications.unreadCount',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  async run({ actor, db }) {
    return { unread: await unreadCount(db, actor.userId) }
  },
})

/** Marks one of the reader's notifications read (404 for anyone else's); answers the unread count. */
export const readOne = useCase({
  name: 'notifications.markRead',
  input: Type.Object({ id: Uuid }),
  caller: 'actor',
  transaction: false,
  async run({ input, actor, db }) {
    await markRead(db, actor.userId, input.id)
    return { unread: await unreadCount(db, actor.userId) }
  },
})

/** Marks every notification of the reader read. */
export const readAll = useCase({
  name: 'notifications.markAllRead',
  input: Type.Object({}),
  caller: 'actor',
  transaction: false,
  async run({ actor, db }) {
    const marked = await markAllRead(db, actor.userId)
    return { marked, unread: await unreadCount(db, actor.userId) }
  },
})
