import type { Dir } from '@dj/contracts'
import { type AnyColumn, asc, desc, type SQL, sql } from 'drizzle-orm'
import { FieldsError } from './errors.js'

/**
 * Keyset paging for every list that can grow: rows ordered by one sort key with the row id as
 * tiebreak, the next page starting after the last row's (key, id). The cursor is opaque to
 * callers (base64url JSON naming the sort it belongs to), so a bad or foreign cursor is a 400
 * problem, never a database error.
 */

export type { Dir }

/** How a sort key's value is written in the cursor and compared in SQL. */
export type KeyType = 'text' | 'float8' | 'int8' | 'timestamptz' | 'uuid'

export interface Keyset {
  /** Names the sort (e.g. `score.desc`); a cursor made for another sort is refused. */
  name: string
  /** The sorted expression; never null (use coalesce). */
  key: SQL | AnyColumn
  type: KeyType
  /** The tiebreak: a unique column. */
  id: SQL | AnyColumn
  idType: 'uuid' | 'int8'
  dir: Dir
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const NUMBER_RE = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i
const INT_RE = /^-?\d{1,18}$/
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/

/**
 * A date PostgreSQL accepts too: JavaScript rolls 2026-02-30 over into March and knows a year 0,
 * where a timestamptz cast fails (a 500, not the cursor's 400).
 */
function isRealInstant(v: string): boolean {
  const d = new Date(v)
  return (
    !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.toISOString().slice(0, 19) === v.slice(0, 19)
  )
}

const VALID: Record<KeyType, (v: string) => boolean> = {
  text: (v) => v.length <= 400,
  float8: (v) => NUMBER_RE.test(v),
  int8: (v) => INT_RE.test(v),
  timestamptz: (v) => ISO_RE.test(v) && isRealInstant(v),
  uuid: (v) => UUID_RE.test(v),
}

/** The key as exact text for the cursor (timestamps keep their microseconds). */
function keyText(key: SQL | AnyColumn, type: KeyType): SQL<string> {
  if (type === 'timestamptz')
    return sql<string>`to_char(${key} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
  return sql<string>`(${key})::text`
}

/** Columns to select beside a row so its cursor can be written. */
export function cursorColumns(ks: Keyset) {
  return { cursorKey: keyText(ks.key, ks.type), cursorId: sql<string>`(${ks.id})::text` }
}

const invalid = (message: string) => new FieldsError([{ field: 'cursor', message }])

export function encodeCursor(ks: Keyset, key: string, id: string): string {
  return Buffer.from(JSON.stringify({ s: ks.name, k: [key, id] })).toString('base64url')
}

export function decodeCursor(ks: Keyset, cursor: string): [string, string] {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw invalid('is not a cursor of this list')
  }
  const c = parsed as { s?: unknown; k?: unknown }
  if (!c || typeof c !== 'object' || !Array.isArray(c.k) || c.k.length !== 2)
    throw invalid('is not a cursor of this list')
  if (c.s !== ks.name) throw invalid('belongs to another sort order; start from the first page')
  const [key, id] = c.k as unknown[]
  if (typeof key !== 'string' || typeof id !== 'string' || !VALID[ks.type](key) || !VALID[ks.idType](id))
    throw invalid('is malformed')
  return [key, id]
}

/** The condition "after the cursor" in the list's order, or undefined on the first page. */
export function afterCursor(ks: Keyset, cursor: string | undefined): SQL | undefined {
  if (!cursor) return undefined
  const [key, id] = decodeCursor(ks, cursor)
  const op = ks.dir === 'asc' ? sql`>` : sql`<`
  return sql`(${ks.key}, ${ks.id}) ${op} (${key}::${sql.raw(ks.type)}, ${id}::${sql.raw(ks.idType)})`
}

export function orderOf(ks: Keyset): SQL[] {
  const by = ks.dir === 'asc' ? asc : desc
  return [by(ks.key), by(ks.id)]
}

/**
 * The page of `limit` rows out of `limit + 1` fetched, and the cursor after its last row when
 * there are more.
 */
export function pageOf<R extends { cursorKey: string; cursorId: string }>(
  ks: Keyset,
  rows: R[],
  limit: number,
): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  return {
    page,
    nextCursor: rows.length > limit && last ? encodeCursor(ks, last.cursorKey, last.cursorId) : null,
  }
}

/** `%` and `_` taken literally in an ILIKE pattern. */
export function containsPattern(q: string): string {
  return `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Picks the sort a request names among the allowed ones, with its default direction. */
export function pickSort<K extends string>(
  sorts: Record<K, { key: SQL | AnyColumn; type: KeyType; dir: Dir }>,
  requested: K | undefined,
  fallback: K,
  dir: Dir | undefined,
  id: SQL | AnyColumn,
  idType: 'uuid' | 'int8' = 'uuid',
): Keyset {
  const name = requested ?? fallback
  const s = sorts[name]
  const d = dir ?? s.dir
  return { name: `${name}.${d}`, key: s.key, type: s.type, id, idType, dir: d }
}

/** A page of a keyset-paged list and the number of rows its filters select. */
