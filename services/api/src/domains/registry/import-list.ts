import { type DbOrTx, imports, type Side } from '@dj/db'
import { and, eq, sql } from 'drizzle-orm'
import { afterCursor, cursorColumns, type Dir, type Keyset, orderOf, pageOf } from '../keyset.js'
import { IMPORT_PROBLEM_DAYS, importHasProblems } from '../work/officer.js'

export interface ImportListQuery {
  /** null: every side (admins). */
  side: Side | null
  /** Only imports of the last weeks with rejected rows or a failed run: the office's work list. */
  problems?: boolean | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

/** Imports newest first, without their row reports (GET /officer/imports/:id has those). */
export async function listImports(db: DbOrTx, q: ImportListQuery, now = new Date()) {
  const dir = q.dir ?? 'desc'
  const ks: Keyset = {
    name: `created.${dir}`,
    key: imports.createdAt,
    type: 'timestamptz',
    id: imports.id,
    idType: 'uuid',
    dir,
  }
  const filter = and(
    q.side ? eq(imports.side, q.side) : undefined,
    q.problems ? importHasProblems(new Date(now.getTime() - IMPORT_PROBLEM_DAYS * 86_400_000)) : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: imports.id,
        side: imports.side,
        status: imports.status,
        fileName: imports.fileName,
        total: imports.total,
        processed: imports.processed,
        created: imports.created,
        updated: imports.updated,
        unchanged: imports.unchanged,
        failed: imports.failed,
        error: imports.error,
        createdAt: imports.createdAt,
        finishedAt: imports.finishedAt,
        ...cursorColumns(ks),
      })
      .from(imports)
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(imports).where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  return {
    items: page.map(({ cursorKey: _k, cursorId: _i, createdAt, finishedAt, ...r }) => ({
      ...r,
      createdAt: createdAt.toISOString(),
      finishedAt: finishedAt?.toISOString() ?? null,
    })),
    nextCursor,
    total: count?.n ?? 0,
  }
}
