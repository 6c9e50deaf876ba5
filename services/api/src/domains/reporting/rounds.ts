import { type DbOrTx, matchRounds } from '@dj/db'
import { desc, sql } from 'drizzle-orm'
import { roundOut } from '../matching/rounds.js'

/**
 * Rounds newest first. The cursor is the last round's id; the comparison reads that round's own
 * timestamp from the database so microsecond-close rounds are neither skipped nor repeated.
 */
export async function listRounds(db: DbOrTx, cursor: string | undefined, limit: number) {
  const rows = await db
    .select()
    .from(matchRounds)
    .where(
      cursor
        ? sql`(${matchRounds.createdAt}, ${matchRounds.id}) < (select r.created_at, r.id from match_rounds r where r.id = ${cursor})`
        : undefined,
    )
    .orderBy(desc(matchRounds.createdAt), desc(matchRounds.id))
    .limit(limit + 1)
  const page = rows.slice(0, limit)
  return {
    items: page.map(roundOut),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  }
}
