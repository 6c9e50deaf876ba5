import type { PartnerMessage, UnreadItem } from '@dj/contracts'
import {
  type DbOrTx,
  institutions,
  memberships,
  messageAttachments,
  partnerMessageReads,
  partnerMessages,
  partnerships,
  users,
} from '@dj/db'
import { writeOutbox } from '@dj/outbox'
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { Errors } from '../errors.js'
import { afterCursor, cursorColumns, type Keyset, orderOf, pageOf } from '../keyset.js'
import type { AttachmentLimits } from '../use-case.js'
import { conversationAccess, readerOf, requireWriter, type WorkspaceAccess } from './access.js'
import type { AttachmentStore } from './attachment-store.js'
import { WorkspaceErrors } from './errors.js'
import { detectMediaType } from './media-type.js'

const m = partnerMessages

const NEWEST_FIRST: Keyset = {
  name: 'created.desc',
  key: m.createdAt,
  type: 'timestamptz',
  id: m.id,
  idType: 'uuid',
  dir: 'desc',
}

/** Read marks are compared in SQL, at the database's microseconds (a JS Date keeps milliseconds). */
const readByPartner = sql<boolean>`exists (
  select 1 from ${partnerMessageReads} r
  where r.partnership_id = ${m.partnershipId} and r.reader_role = 'coordinator'
    and r.reader_side <> ${m.authorSide} and r.read_up_to >= ${m.createdAt})`
const readByOffices = sql<('duren' | 'jinhua')[]>`array(
  select distinct r.reader_side from ${partnerMessageReads} r
  where r.partnership_id = ${m.partnershipId} and r.reader_role = 'officer'
    and r.read_up_to >= ${m.createdAt} order by 1)`

const messageColumns = {
  id: m.id,
  partnershipId: m.partnershipId,
  authorId: m.authorId,
  authorRole: m.authorRole,
  authorSide: m.authorSide,
  authorInstitutionId: m.authorInstitutionId,
  authorName: users.displayName,
  body: m.body,
  createdAt: m.createdAt,
  readByPartner,
  readByOffices,
}

async function messagesWhere(db: DbOrTx, actor: Actor, where: SQL | undefined, limit: number) {
  const rows = await db
    .select({ ...messageColumns, ...cursorColumns(NEWEST_FIRST) })
    .from(m)
    .leftJoin(users, eq(users.id, m.authorId))
    .where(where)
    .orderBy(...orderOf(NEWEST_FIRST))
    .limit(limit)
  const ids = rows.map((r) => r.id)
  const files = ids.length
    ? await db
        .select({
          id: messageAttachments.id,
          messageId: messageAttachments.messageId,
          fileName: messageAttachments.fileName,
          mediaType: messageAttachments.mediaType,
          size: messageAttachments.size,
        })
        .from(messageAttachments)
        .where(inArray(messageAttachments.messageId, ids))
        .orderBy(messageAttachments.createdAt)
    : []
  return rows.map((r) => ({
    cursorKey: r.cursorKey,
    cursorId: r.cursorId,
    view: {
      id: r.id,
      partnershipId: r.partnershipId,
      author: {
        role: r.authorRole,
        side: r.authorSide,
        institutionId: r.authorInstitutionId,
        name: r.authorName ?? null,
      },
      body: r.body,
      createdAt: r.createdAt.toISOString(),
      attachments: files.filter((f) => f.messageId === r.id).map(({ messageId: _, ...f }) => f),
      readByPartner: r.readByPartner,
      readByOffices: r.readByOffices ?? [],
      mine: r.authorId === actor.userId,
    } satisfies PartnerMessage,
  }))
}

/** The conversation, newest first, keyset paged by (created_at, id). */
export async function listMessages(
  db: DbOrTx,
  actor: Actor,
  partnershipId: string,
  page: { cursor?: string | undefined; limit: number },
) {
  await conversationAccess(db, actor, partnershipId)
  const rows = await messagesWhere(
    db,
    actor,
    and(eq(m.partnershipId, partnershipId), afterCursor(NEWEST_FIRST, page.cursor)),
    page.limit + 1,
  )
  const { page: items, nextCursor } = pageOf(NEWEST_FIRST, rows, page.limit)
  return { items: items.map((r) => r.view), nextCursor }
}

async function messageView(db: DbOrTx, actor: Actor, id: string): Promise<PartnerMessage> {
  const [row] = await messagesWhere(db, actor, eq(m.id, id), 1)
  return row!.view
}

/**
 * Writes a message for the caller's institution and tells the other institution's coordinators
 * through the outbox in the same transaction (the event carries ids and the writer's name only;
 * the text stays behind the workspace's access check).
 */
async function insertMessage(
  tx: DbOrTx,
  actor: Actor,
  access: WorkspaceAccess,
  body: string,
  attach?: (messageId: string) => Promise<void>,
) {
  const writer = await requireWriter(tx, access)
  const [row] = await tx
    .insert(m)
    .values({
      partnershipId: access.partnership.id,
      authorId: actor.userId,
      authorRole: 'coordinator',
      authorInstitutionId: writer.institutionId,
      authorSide: writer.side,
      body,
    })
    .returning({ id: m.id })
  const id = row!.id
  if (attach) await attach(id)
  const { institutionA, institutionB } = access.partnership
  const other = writer.institutionId === institutionA ? institutionB : institutionA
  const [from] = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(eq(institutions.id, writer.institutionId))
  await writeOutbox(tx, {
    type: 'message.posted',
    audience: { institutionIds: [other] },
    messageId: id,
    partnershipId: access.partnership.id,
    from: from!,
  })
  // Writing is reading: the writer has seen everything up to their own message.
  await markRead(tx, actor, access, id)
  return messageView(tx, actor, id)
}

export async function postMessage(tx: DbOrTx, actor: Actor, partnershipId: string, body: string) {
  const access = await conversationAccess(tx, actor, partnershipId)
  return insertMessage(tx, actor, access, body.trim())
}

export interface Upload {
  partnershipId: string
  fileName: string
  text?: string | undefined
  content: unknown
}

/** The name as a file name only: no path, no control characters (it is shown and sent back). */
function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  // \p{Cc}: control characters (the name goes into a header and a page).
  const clean = base.replace(/[\p{Cc}"]/gu, '').trim()
  return clean.slice(0, 200) || 'file'
}

/**
 * A message carrying one file. Size and type are checked before anything is written; the type is
 * what the bytes reveal, and must be on the configured list. Message, attachment, bytes and
 * outbox row are written in one transaction.
 */
export async function uploadAttachment(
  tx: DbOrTx,
  actor: Actor,
  upload: Upload,
  limits: AttachmentLimits,
  store: AttachmentStore,
) {
  const access = await conversationAccess(tx, actor, upload.partnershipId)
  await requireWriter(tx, access)
  if (!(upload.content instanceof Uint8Array)) throw new Errors.Invalid('the body must be the file itself')
  const bytes = upload.content
  if (bytes.byteLength === 0) throw new WorkspaceErrors.AttachmentEmpty()
  if (bytes.byteLength > limits.maxBytes)
    throw new WorkspaceErrors.AttachmentTooLarge(String(limits.maxBytes))
  const mediaType = await detectMediaType(bytes)
  if (!mediaType || !limits.mediaTypes.includes(mediaType))
    throw new WorkspaceErrors.AttachmentTypeRefused(mediaType ?? 'unknown')
  return insertMessage(tx, actor, access, (upload.text ?? '').trim(), async (messageId) => {
    const [file] = await tx
      .insert(messageAttachments)
      .values({ messageId, fileName: cleanFileName(upload.fileName), mediaType, size: bytes.byteLength })
      .returning({ id: messageAttachments.id })
    await store.put(tx, file!.id, bytes)
  })
}

/** An attachment's bytes with its stored name and detected type, for those who may read the message. */
export async function downloadAttachment(db: DbOrTx, actor: Actor, id: string, store: AttachmentStore) {
  const [file] = await db
    .select({
      id: messageAttachments.id,
      fileName: messageAttachments.fileName,
      mediaType: messageAttachments.mediaType,
      partnershipId: m.partnershipId,
    })
    .from(messageAttachments)
    .innerJoin(m, eq(m.id, messageAttachments.messageId))
    .where(eq(messageAttachments.id, id))
  if (!file) throw new Errors.NotFound('attachment')
  try {
    await conversationAccess(db, actor, file.partnershipId)
  } catch {
    throw new Errors.NotFound('attachment')
  }
  const bytes = await store.get(db, id)
  if (!bytes) throw new Errors.NotFound('attachment')
  return { fileName: file.fileName, mediaType: file.mediaType, bytes }
}

/** Messages the reader has not read: from others (coordinators: from the other institution). */
function unreadWhere(actor: Actor, ownInstitutionId: string | null): SQL {
  const fromOthers = ownInstitutionId
    ? sql`${m.authorInstitutionId} is distinct from ${ownInstitutionId}`
    : sql`${m.authorId} is distinct from ${actor.userId}`
  return sql`${fromOthers} and ${m.createdAt} > coalesce((
    select r.read_up_to from ${partnerMessageReads} r
    where r.partnership_id = ${m.partnershipId} and r.user_id = ${actor.userId}), '-infinity')`
}

export async function unreadCount(db: DbOrTx, actor: Actor, access: WorkspaceAccess): Promise<number> {
  if (!(await readerOf(db, actor, access))) return 0
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(m)
    .where(and(eq(m.partnershipId, access.partnership.id), unreadWhere(actor, access.ownInstitutionId)))
  return row?.n ?? 0
}

/**
 * Moves the reader's watermark forward to a message (default: the newest). It never moves back,
 * so an old tab marking an older message cannot make newer ones unread again.
 */
async function markRead(tx: DbOrTx, actor: Actor, access: WorkspaceAccess, upTo: string | undefined) {
  const reader = await readerOf(tx, actor, access)
  if (!reader) throw new Errors.Forbidden()
  const which = upTo
    ? and(eq(m.partnershipId, access.partnership.id), eq(m.id, upTo))
    : eq(m.partnershipId, access.partnership.id)
  const [target] = await tx
    .select({ at: sql<string>`max(${m.createdAt})::text` })
    .from(m)
    .where(which)
  if (upTo && !target?.at) throw new Errors.NotFound('message')
  if (!target?.at) return
  await tx
    .insert(partnerMessageReads)
    .values({
      partnershipId: access.partnership.id,
      userId: actor.userId,
      readerRole: reader.role,
      readerSide: reader.side,
      readUpTo: sql`${target.at}::timestamptz`,
    })
    .onConflictDoUpdate({
      target: [partnerMessageReads.partnershipId, partnerMessageReads.userId],
      set: {
        readUpTo: sql`greatest(${partnerMessageReads.readUpTo}, excluded.read_up_to)`,
        readerRole: reader.role,
        readerSide: reader.side,
        updatedAt: sql`now()`,
      },
    })
}

export async function markMessagesRead(tx: DbOrTx, actor: Actor, partnershipId: string, upTo?: string) {
  const access = await conversationAccess(tx, actor, partnershipId)
  await markRead(tx, actor, access, upTo)
  return { unread: await unreadCount(tx, actor, access) }
}

/**
 * Unread counts over every partnership the caller belongs to: coordinators, those of their
 * institutions; officers, those with an institution of their side. Only partnerships with unread
 * messages are listed.
 */
export async function unreadPerPartnership(db: DbOrTx, actor: Actor): Promise<UnreadItem[]> {
  const p = partnerships
  let scope: SQL
  let own: SQL
  if (actor.role === 'officer') {
    if (!actor.side) return []
    const sideIds = db
      .select({ id: institutions.id })
      .from(institutions)
      .where(eq(institutions.side, actor.side))
    scope = or(inArray(p.institutionA, sideIds), inArray(p.institutionB, sideIds))!
    own = sql`${m.authorId} is distinct from ${actor.userId}`
  } else {
    const mine = db
      .select({ id: memberships.institutionId })
      .from(memberships)
      .where(eq(memberships.userId, actor.userId))
    scope = or(inArray(p.institutionA, mine), inArray(p.institutionB, mine))!
    // Messages of my own institutions are not news to me.
    own = sql`${m.authorInstitutionId} is null or ${m.authorInstitutionId} not in (${mine})`
  }
  const rows = await db
    .select({ partnershipId: m.partnershipId, unread: sql<number>`count(*)::int` })
    .from(m)
    .innerJoin(p, eq(p.id, m.partnershipId))
    .where(
      and(
        scope,
        sql`(${own})`,
        sql`${m.createdAt} > coalesce((
          select r.read_up_to from ${partnerMessageReads} r
          where r.partnership_id = ${m.partnershipId} and r.user_id = ${actor.userId}), '-infinity')`,
      ),
    )
    .groupBy(m.partnershipId)
    .orderBy(m.partnershipId)
  return rows
}
