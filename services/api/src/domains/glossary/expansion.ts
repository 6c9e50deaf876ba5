import { type DbOrTx, executePreparedOrInTx } from '@dj/db'
import { expandQuery, type GlossaryTerm } from '@dj/vocabulary'
import { sql } from 'drizzle-orm'

interface TermsRow extends Record<string, unknown> {
  de: string[]
  zh: string[]
  en: string[]
}

/**
 * The glossary terms a search query also finds: the entries one of whose terms the query is, read
 * with one prepared statement (the table holds a few hundred rows at most, so the scan is cheap and
 * every API instance sees an officer's edit at once), then ranked and capped by expandQuery.
 */
export async function glossaryExpansion(db: DbOrTx, q: string | undefined): Promise<GlossaryTerm[]> {
  if (!q?.trim()) return []
  const rows = await executePreparedOrInTx<TermsRow>(
    db,
    sql`select g.de, g.zh, g.en from glossary_entries g
      where exists (select 1 from unnest(g.de || g.zh || g.en) t
        where btrim(dj_search_norm(t)) = btrim(dj_search_norm(${q})))
      order by g.created_at, g.id`,
  )
  return expandQuery(rows, q)
}
