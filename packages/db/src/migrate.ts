import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'

export const MIGRATIONS_FOLDER = join(dirname(fileURLToPath(import.meta.url)), '..', 'drizzle')
/** Arbitrary but fixed: every migrator in every process contends for this one lock. */
const MIGRATION_LOCK_KEY = 724_310_001

export interface MigrateResult {
  applied: number
  journal: number
}

export class MigrationError extends Error {
  readonly code = 'DB_MIGRATION_FAILED'
}

function journalCount(folder: string): number {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}

/**
 * Applies pending migrations under an advisory lock (safe when several instances start at
 * once, and when run twice), then checks that the database holds exactly the journal's count.
 */
export async function runMigrations(url: string, folder = MIGRATIONS_FOLDER): Promise<MigrateResult> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 })
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`
    try {
      await migrate(drizzle(sql), { migrationsFolder: folder })
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`
      const result = { applied: row?.n ?? 0, journal: journalCount(folder) }
      if (result.applied !== result.journal) {
        throw new MigrationError(
          `database has ${result.applied} applied migrations but the journal lists ${result.journal}`,
        )
      }
      return result
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
}
