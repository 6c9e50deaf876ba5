import type { DbOrTx } from '@dj/db'
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
  title: string
  body: string
  link: string | null
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

export async function listInbox(
  db: DbOrTx,
  userId: string,
  opts: { limit: number; cursor?: string | undefined; unreadOnly?: boolean | undefined },
): Promise<{ items: InboxItem[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null
  const rows = (await db.execute(sql`
    select id, event_type, title, body, link, read_at, created_at,
      to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_key
    from notifications
    where user_id = ${userId}::uuid
      ${opts.unreadOnly ? sql`and read_at is null` : sql``}
      ${after ? sql`and (created_at, id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by created_at desc, id desc
    limit ${opts.limit + 1}`)) as unknown as Row[]
  const page = rows.slice(0, opts.limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => ({
      id: r.id,
      eventType: r.event_type,
      title: r.title,
      body: r.body,
      link: r.link,
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
