/**
 * Records what postgres.js actually sends, query by query: text, parameters and their types,
 * whether it was a named prepared statement, simple protocol or array rows, which connection it
 * ran on, whether it overlapped the previous one, and the rows it returned.
 *
 * Why at the driver: drizzle's logger sees only drizzle's own queries (not raw `sql` templates,
 * not `begin`/`commit`) and not whether a statement was prepared, which decides its round trips
 * (an unnamed statement with parameters costs a describe round trip first; a prepared one only
 * the first time on a connection). Every postgres.js query passes through `Query#handle` once,
 * and after it settles carries everything `build()` decided, so one wrapper sees it all.
 *
 * The wrapper is installed only in the bench's recording process, never in the API under
 * measurement (a separate process), so the measured API runs the production code unchanged.
 */
import type postgres from 'postgres'

export interface RecordedStatement {
  text: string
  /** Parameters as postgres.js held them before serialising (see codec.ts for the transfer). */
  params: unknown[]
  /** Parameter type OIDs as finally bound (the server's choice where the caller left them 0). */
  types: number[]
  prepare: boolean
  simple: boolean
  /** 'values' when drizzle asked for rows as arrays. */
  raw: false | 'values' | true
  /** Which pooled connection ran it (its backend pid). */
  backend: number | null
  /** Started before the previous statement had settled (the API ran them together). */
  concurrent: boolean
  rows: unknown
  error: string | null
}

interface QueryInternals {
  string?: string
  parameters?: unknown[]
  statement?: { types?: number[] } | null
  prepare?: boolean
  options: { simple?: boolean }
  isRaw?: false | 'values' | true
  state?: { pid?: number } | null
  handle(): Promise<void>
}

let active: { statements: RecordedStatement[]; pending: Promise<unknown>[]; open: number } | null = null
let installed = false

/**
 * Wraps `Query#handle` of the postgres.js module `sql` comes from. Queries are lazy, so taking
 * the prototype from one that is never awaited runs nothing.
 */
export function installRecorder(sql: postgres.Sql): void {
  if (installed) return
  installed = true
  const proto = Object.getPrototypeOf(sql.unsafe('select 1')) as QueryInternals
  const original = proto.handle
  proto.handle = function (this: QueryInternals & { executed?: boolean }) {
    const rec = active
    if (rec && !this.executed) {
      const concurrent = rec.open > 0
      rec.open++
      // Kept in start order (the order the API issued them); filled in when the query settles,
      // since its text, parameters and prepare flag are only decided when it is built.
      const entry = { concurrent } as RecordedStatement
      rec.statements.push(entry)
      const settle = (rows: unknown, error: string | null) => {
        rec.open--
        Object.assign(entry, {
          text: this.string ?? '',
          params: [...(this.parameters ?? [])],
          types: [...(this.statement?.types ?? [])],
          prepare: Boolean(this.prepare),
          simple: Boolean(this.options.simple),
          raw: this.isRaw ?? false,
          backend: this.state?.pid ?? null,
          rows,
          error,
        })
      }
      // Promise.prototype.then directly: Query#then would call handle again (harmless, but noisy).
      const done = Promise.prototype.then.call(
        this,
        (rows: unknown) => settle(rows, null),
        (e: unknown) => settle(null, e instanceof Error ? e.message : String(e)),
      )
      rec.pending.push(done)
    }
    return original.call(this)
  }
}

/**
 * Runs `work` with every postgres.js query of this process recorded, in the order they were issued.
 * Only one recording at a time, and nothing else may query meanwhile (the bench records one
 * request at a time on a quiet process).
 */
export async function record(work: () => Promise<unknown>): Promise<RecordedStatement[]> {
  if (!installed) throw new Error('installRecorder() first')
  if (active) throw new Error('a recording is already running')
  const rec = { statements: [] as RecordedStatement[], pending: [] as Promise<unknown>[], open: 0 }
  active = rec
  try {
    await work()
    // A reply can go out before a statement it fired without awaiting settles.
    for (let n = 0; n !== rec.pending.length; ) {
      n = rec.pending.length
      await Promise.all(rec.pending)
    }
  } finally {
    active = null
  }
  return rec.statements
}
