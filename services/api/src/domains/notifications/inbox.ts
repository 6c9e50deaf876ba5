import type { InboxKind } from '@dj/contracts'
import { type DbOrTx, executePreparedOrInTx } from '@dj/db'
import { type InAppMessage, type Locale, renderInApp } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { Errors } from '../errors.js'
import { afterCursor, cursorColumns, type Dir, type Keyset, orderOf, pageOf } from '../keyset.js'

export interface InboxItem {
  id: string
  eventType: string
  title: string
  body: string
  link: string | null
  read: boolean
  createdAt: string
}

interface Row extends Record<string, unknown> {
  id: string
  event_type: string
  payload: DomainEvent | null
  title: string | null
  body: string | null
  link: string | null
  reader_locale: Locale
  reader_zone: string
  read_at: string | null
  created_at: string
  /** Full-precision timestamp text for the cursor (a JS Date would drop the microseconds). */
  cursorKey: string
  cursorId: string
}

const keysetOf = (dir: Dir): Keyset => ({
  name: `created.${dir}`,
  key: sql`n.created_at`,
  type: 'timestamptz',
  id: sql`n.id`,
  idType: 'uuid',
  dir,
})

/**
 * The text of an entry in its reader's language and zone, rendered now from the stored event
 * (so a change of language or zone applies to the whole inbox). Rows from before events were
 * stored keep their text. An event no template can render (a type since retired) still shows,
 * under its type, rather than breaking the inbox.
 */
function textOf(r: Row, webUrl: string): InAppMessage {
  const stored = { title: r.title ?? r.event_type, body: r.body ?? '', link: r.link }
  let m: InAppMessage = stored
  if (r.payload) {
    try {
      m = renderInApp(r.payload, { locale: r.reader_locale, timeZone: r.reader_zone }, webUrl)
    } catch {
      m = stored
    }
  }
  return { ...m, link: pathIn(m.link, webUrl) }
}

/** Links into the web app as paths, so the inbox page links them wherever it is served. */
function pathIn(link: string | null, webUrl: string): string | null {
  const base = webUrl.replace(/\/+$/, '')
  if (!link?.startsWith(`${base}/`)) return link
  return link.slice(base.length)
}

export interface InboxQuery {
  limit: number
  cursor?: string | undefined
  unreadOnly?: boolean | undefined
  kind?: InboxKind | undefined
  dir?: Dir | undefined
  webUrl: string
}

/** The user's notifications, newest first by default, keyset paged, with total and unread counts. */
export async function listInbox(
  db: DbOrTx,
  userId: string,
  opts: InboxQuery,
): Promise<{ items: InboxItem[]; nextCursor: string | null; total: number; unread: number }> {
  const ks = keysetOf(opts.dir ?? 'desc')
  const filter = sql`n.user_id = ${userId}::uuid
      ${opts.unreadOnly ? sql`and n.read_at is null` : sql``}
      ${opts.kind ? sql`and split_part(n.event_type, '.', 1) = ${opts.kind}` : sql``}`
  const after = afterCursor(ks, opts.cursor)
  // Prepared: the texts are fixed (a few variants by filter), and an unnamed statement with
  // parameters costs postgres.js a describe round trip and PostgreSQL a parse on every request.
  const [rows, counts] = await Promise.all([
    executePreparedOrInTx<Row>(
      db,
      sql`
    with reader as (
      select coalesce(p.locale, u.locale) as locale, u.time_zone
      from users u left join notification_preferences p on p.user_id = u.id
      where u.id = ${userId}::uuid)
    select n.id, n.event_type, n.payload, n.title, n.body, n.link, n.read_at, n.created_at,
      reader.locale as reader_locale, reader.time_zone as reader_zone,
      ${cursorColumns(ks).cursorKey} as "cursorKey", n.id::text as "cursorId"
    from notifications n cross join reader
    where ${filter} ${after ? sql`and ${after}` : sql``}
    order by ${sql.join(orderOf(ks), sql`, `)}
    limit ${opts.limit + 1}`,
    ),
    executePreparedOrInTx<{ total: number; unread: number }>(
      db,
      sql`select count(*)::int as total, count(*) filter (where n.read_at is null)::int as unread
      from notifications n where ${filter}`,
    ),
  ])
  const { page, nextCursor } = pageOf(ks, rows, opts.limit)
  return {
    items: page.map((r) => ({
      id: r.id,
      eventType: r.event_type,
      ...textOf(r, opts.webUrl),
      read: r.read_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor,
    total: counts[0]?.total ?? 0,
    unread: counts[0]?.unread ?? 0,
  }
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  // Prepared: asked on every page view, always the same text.
  const [row] = await executePreparedOrInTx<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where user_id = ${userId}::uuid and read_at is null`,
  )
  return row?.n ?? 0
}

/** Marks one of the user's own notifications read; someone else's is "not found", not "forbidden". */
export async function markRead(db: DbOrTx, userId: string, id: string): Promise<void> {
  const rows = await db.execute(sql`
    update notifications set read_at = coalesce(read_at, now())
    where id = ${id}::uuid and user_id = ${userId}::uuid returning id`)
  if (rows.length === 0) throw new Errors.NotFound('notification')
}

export async function markAllRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db.execute(sql`
    update notifications set read_at = now() where user_id = ${userId}::uuid and read_at is null returning id`)
  return rows.length
}
