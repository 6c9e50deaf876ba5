import { MessageBody, MessagesQuery, ReadBody, Uuid } from '@dj/contracts'
import Type from 'typebox'
import { useCase } from '../../use-case.js'
import { postgresAttachmentStore } from '../attachment-store.js'
import * as messages from '../messages.js'
import { workspaceView } from '../timeline.js'

const ById = Type.Object({ id: Uuid })
/** Where attachment bytes are kept (see attachment-store.ts for why PostgreSQL). */
const store = postgresAttachmentStore

/** The partnership, both institutions and the timeline, for the pair's people and both offices. */
export const viewWorkspace = useCase({
  name: 'workspace.view',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => workspaceView(db, actor, input.id),
})

export const listMessages = useCase({
  name: 'workspace.listMessages',
  input: Type.Object({ id: Uuid, ...MessagesQuery.properties }),
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => messages.listMessages(db, actor, input.id, input),
})

/** A coordinator of either institution writes; the other institution is told (outbox). */
export const postMessage = useCase({
  name: 'workspace.postMessage',
  input: Type.Object({ id: Uuid, ...MessageBody.properties }),
  caller: ['coordinator'],
  transaction: true,
  run: ({ input, actor, db }) => messages.postMessage(db, actor, input.id, input.body),
})

/** A message carrying one file, checked by size and by the type its bytes reveal. */
export const uploadAttachment = useCase({
  name: 'workspace.uploadAttachment',
  input: Type.Object({
    partnershipId: Uuid,
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    text: Type.Optional(Type.String({ maxLength: 500 })),
    content: Type.Unsafe<unknown>({ description: 'the file as bytes' }),
  }),
  caller: ['coordinator'],
  needs: ['attachments'],
  transaction: true,
  run: ({ input, actor, db, deps }) => messages.uploadAttachment(db, actor, input, deps.attachments, store),
})

export const downloadAttachment = useCase({
  name: 'workspace.downloadAttachment',
  input: ById,
  caller: 'actor',
  transaction: false,
  run: ({ input, actor, db }) => messages.downloadAttachment(db, actor, input.id, store),
})

/** Moves the caller's read mark forward; officers' marks are shown as the office having read. */
export const markMessagesRead = useCase({
  name: 'workspace.markRead',
  input: Type.Object({ id: Uuid, ...ReadBody.properties }),
  caller: ['coordinator', 'officer'],
  transaction: true,
  run: ({ input, actor, db }) => messages.markMessagesRead(db, actor, input.id, input.upTo),
})

export const unreadMessages = useCase({
  name: 'workspace.unread',
  input: Type.Object({}),
  caller: ['coordinator', 'officer'],
  transaction: false,
  async run({ actor, db }) {
    return { items: await messages.unreadPerPartnership(db, actor) }
  },
})
