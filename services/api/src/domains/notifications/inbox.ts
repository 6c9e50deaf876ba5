import type { DbOrTx } from '@dj/db'
import { type InAppMessage, type Locale, renderInApp } from '@dj/messages'
import type { DomainEvent } from '@dj/queue'
import { sql } from 'drizzle-orm'
import { Errors } from '../../http/errors.js'

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
  created_key: string
}

/** Opaque keyset cursor: the last item's (created_at, id), newest first. */
export function encodeCursor(createdKey: string, id: string): string {
  return Buffer.from(`${createdKey}|${id}`).toString('base64url')
}

function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  if (!at || !id || !/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(Date.parse(at))) {
    throw new Errors.Invalid('cursor is malformed')
  }
  return { at, id }
}

/**
 * The text of an entry in its reader's language and zone, rendered now from the stored event
 * (so a change of language or zone applies to the whole inbox). Rows from before events were
 * stored keep their text. An event no template can render (a type since retired) still shows,
 * under its type, rather than breaking the inbox.
 */
function textOf(r: Row, webUrl: string): InAppMessage {
  if (r.payload) {
    try {
      return renderInApp(r.payload, { locale: r.reader_locale, timeZone: r.reader_zone }, webUrl)
    } catch {
      return { title: r.title ?? r.event_type, body: r.body ?? '', link: r.link }
    }
  }
  return { title: r.title ?? r.event_type, body: r.body ?? '', link: r.link }
}

export async function listInbox(
  db: DbOrTx,
  userId: string,
  opts: { limit: number; cursor?: string | undefined; unreadOnly?: boolean | undefined; webUrl: string },
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null
  const rows = (await db.execute(sql`
    with reader as (
      select coalesce(p.locale, u.locale) as locale, u.time_zone
      from users u left join notification_preferences p on p.user_id = u.id
      where u.id = ${userId}::uuid)
    select n.id, n.event_type, n.payload, n.title, n.body, n.link, n.read_at, n.created_at,
      reader.locale as reader_locale, reader.time_zone as reader_zone,
      to_char(n.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
    from notifications n cross join reader
    where n.user_id = ${userId}::uuid
      ${opts.unreadOnly ? sql`and n.read_at is null` : sql``}
      ${after ? sql`and (n.created_at, n.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by n.created_at desc, n.id desc
    limit ${opts.limit + 1}`)) as unknown as Row[]
  const page = rows.slice(0, opts.limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => ({
      id: r.id,
      eventType: r.event_type,
      ...textOf(r, opts.webUrl),
      read: r.read_at !== null,
      createdAt: new Date(r.created_at).toISOString(),
    })),
    nextCursor: rows.length > opts.limit && last ? encodeCursor(last.created_key, last.id) : null,
  }
}

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = (await db.execute(
    sql`select count(*)::int as n from notifications where user_id = ${userId}::uuid and read_at is null`,
  )) as unknown as { n: number }[]
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
