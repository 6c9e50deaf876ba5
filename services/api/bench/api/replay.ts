/**
 * Replays recorded statements the way the API issued them: same text, same parameters bound
 * with the same types, prepared or not, simple protocol or not, rows as arrays where drizzle
 * asked for arrays; one after the other, except statements the API ran together; a
 * `begin … commit` on one reserved connection, as a transaction needs.
 */
import type postgres from 'postgres'
import type { RecordedStatement } from './recorder.js'

export type Replayable = Pick<
  RecordedStatement,
  'text' | 'params' | 'types' | 'prepare' | 'simple' | 'raw'
> & {
  concurrent: boolean
}

function run(sql: postgres.Sql | postgres.ReservedSql, s: Replayable) {
  const params = s.params.map((v, i) => sql.typed(v as never, s.types[i] ?? 0))
  // `simple` is an option postgres.js reads but does not declare in its types.
  const options = { prepare: s.prepare, simple: s.simple } as postgres.UnsafeQueryOptions
  const q = sql.unsafe(s.text, params as never[], options)
  return s.raw === 'values' ? q.values() : s.raw === true ? q.raw() : q
}

/** Groups each statement with the ones the API started while it ran. */
function batches(statements: Replayable[]): Replayable[][] {
  const out: Replayable[][] = []
  for (const s of statements) {
    if (s.concurrent && out.length > 0) out[out.length - 1]!.push(s)
    else out.push([s])
  }
  return out
}

const BEGIN = /^\s*begin\b/i
const END = /^\s*(commit|rollback)\b/i

/** The rows of every statement, in order. */
export async function replay(sql: postgres.Sql, statements: Replayable[]): Promise<unknown[]> {
  const rows: unknown[] = []
  let reserved: postgres.ReservedSql | null = null
  try {
    for (const batch of batches(statements)) {
      if (!reserved && BEGIN.test(batch[0]!.text)) reserved = await sql.reserve()
      const on = reserved ?? sql
      rows.push(...(await Promise.all(batch.map((s) => run(on, s)))))
      if (reserved && END.test(batch[batch.length - 1]!.text)) {
        reserved.release()
        reserved = null
      }
    }
  } finally {
    reserved?.release()
  }
  return rows
}
