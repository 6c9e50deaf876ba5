import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { Db, DbOrTx } from './client.js'

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

/**
 * executePrepared where the handle may be a transaction: prepared on the pool, sent as usual
 * (unnamed) inside a transaction, whose statements must run on its own connection.
 */
export async function executePreparedOrInTx<T extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<T[]> {
  if (isPool(db)) return executePrepared<T>(db, query)
  return (await db.execute(query)) as unknown as T[]
}

/** The pool carries its postgres.js client; a transaction handle does not. */
const isPool = (db: DbOrTx): db is Db => '$client' in db

/**
 * A drizzle prepared query (values as `sql.placeholder`s) built once per database handle and
 * reused: building a select (walking its table's columns, rendering the SQL) costs more CPU than
 * the round trip it makes for a one-row read. Executed, it runs as a prepared statement (drizzle
 * passes `prepare: true` for a named query). A transaction is a handle of its own, so it gets its
 * own copy, dropped with it.
 */
export function builtOncePerHandle<Q>(build: (db: DbOrTx) => Q): (db: DbOrTx) => Q {
  const built = new WeakMap<DbOrTx, Q>()
  return (db) => {
    let query = built.get(db)
    if (query === undefined) {
      query = build(db)
      built.set(db, query)
    }
    return query
  }
}
