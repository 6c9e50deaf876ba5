import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.js'

export type Schema = typeof schema
export type Db = PostgresJsDatabase<Schema> & { $client: postgres.Sql }
/** A transaction handle; repository functions accept either, so callers choose the boundary. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface DbHandle {
  db: Db
  sql: postgres.Sql
  close(): Promise<void>
}

export interface DbOptions {
  max?: number
  /** Seconds to wait for a connection before failing; keeps /ready honest when Postgres is down. */
  connectTimeout?: number
  applicationName?: string
  /**
   * Plan each execution of a named prepared statement for its own parameter values
   * (plan_cache_mode=force_custom_plan). PostgreSQL otherwise settles on one generic plan after
   * five executions; for the partner search the right plan depends on how common the search word
   * is (walk the id order vs. the bigram index), and a generic plan picked for one word was 7×
   * slower for another. Preparing still saves the parse and postgres.js's describe round trip.
   * drizzle's own statements are unnamed and always planned for their values anyway.
   */
  customPlans?: boolean
}

export function createDb(url: string, options: DbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connect_timeout: options.connectTimeout ?? 5,
    idle_timeout: 30,
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'dj',
      ...(options.customPlans ? { plan_cache_mode: 'force_custom_plan' } : {}),
    },
  })
  const db = drizzle(sql, { schema })
  return { db, sql, close: () => sql.end({ timeout: 5 }) }
}
