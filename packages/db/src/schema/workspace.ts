import { sql } from 'drizzle-orm'
import { check, customType, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { createdAt, pk, ts, updatedAt } from './columns.js'
import { institutions } from './institutions.js'
import { partnerships } from './matching.js'
import { SIDES, users } from './users.js'

/** PostgreSQL `bytea`; postgres.js reads it as a Buffer and sends a Buffer as bytea. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })

/** Who wrote a message: a coordinator for their institution, or a county office (officer). */
export const MESSAGE_AUTHOR_ROLES = ['coordinator', 'officer'] as const
export type MessageAuthorRole = (typeof MESSAGE_AUTHOR_ROLES)[number]

/**
 * The conversation between the two institutions of a partnership. The author's institution and
 * side are kept as they were when written, so a message still says who wrote it for whom after
 * the author left the institution or the account was erased (author_id then null).
 */
export const partnerMessages = pgTable(
  'partner_messages',
  {
    id: pk(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorRole: text('author_role', { enum: MESSAGE_AUTHOR_ROLES }).notNull(),
    /** Null for an officer's message (they write for their county office, not an institution). */
    authorInstitutionId: uuid('author_institution_id').references(() => institutions.id, {
      onDelete: 'cascade',
    }),
    authorSide: text('author_side', { enum: SIDES }).notNull(),
    /** May be empty when the message only carries an attachment. */
    body: text('body').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    // The conversation is read newest first, keyset paged by (created_at, id).
    index('partner_messages_partnership_ix').on(t.partnershipId, t.createdAt.desc(), t.id.desc()),
    // MESSAGE_MAX_CHARS of @dj/contracts (the db package does not depend on the contracts).
    check('partner_messages_body_ck', sql`char_length(${t.body}) <= 4000`),
    check(
      'partner_messages_author_ck',
      sql`(${t.authorRole} = 'officer') = (${t.authorInstitutionId} is null)`,
    ),
  ],
)

/**
 * How far each reader has read a partnership's conversation: one watermark row per (partnership,
 * user) instead of a row per message, so marking read is one upsert and unread counts are one
 * index range. Officers' rows are what the conversation shows as "read by the office".
 */
export const partnerMessageReads = pgTable(
  'partner_message_reads',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readerRole: text('reader_role', { enum: MESSAGE_AUTHOR_ROLES }).notNull(),
    readerSide: text('reader_side', { enum: SIDES }).notNull(),
    /** Everything up to and including this instant has been read (the newest read message's time). */
    readUpTo: ts('read_up_to').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.userId] })],
)

/**
 * A file sent with a message. Its media type was detected from the bytes (never from the name);
 * the bytes themselves are in the attachment store under the attachment's id (see `attachmentBlobs`).
 */
export const messageAttachments = pgTable(
  'message_attachments',
  {
    id: pk(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => partnerMessages.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('message_attachments_message_ix').on(t.messageId),
    check('message_attachments_size_ck', sql`${t.size} >= 0`),
  ],
)

/**
 * The PostgreSQL attachment store: one transactional store with the rest of the data (a refused
 * or failed upload leaves nothing behind), no extra service to run, and the files are in every
 * database backup. An S3-compatible store can implement the same interface later.
 */
export const attachmentBlobs = pgTable('attachment_blobs', {
  /** The attachment's id: its blob goes when the attachment (message, partnership) goes. */
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => messageAttachments.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
})
