import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Db } from './client.js'

const dialect = new PgDialect()

/**
 * Runs a raw statement as a named prepared statement on whichever pooled connection takes it.
 * drizzle's `execute` sends every raw statement unnamed, so PostgreSQL parses and plans it on
 * each call; for a hot statement whose text never changes (batched work with array or jsonb
 * parameters) that parse is a large share of its cost. Only for the pool, not inside a
 * transaction: a transaction must keep using its own handle.
 */
export async function executePrepared<T extends Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const { sql, params } = dialect.sqlToQuery(query)
  const rows = await db.$client.unsafe(sql, params as never[], { prepare: true })
  return rows as unknown as T[]
}
