import { type DbOrTx, type Role, users } from '@dj/db'
import { and, eq, sql } from 'drizzle-orm'
import {
  afterCursor,
  containsPattern,
  cursorColumns,
  type Dir,
  orderOf,
  pageOf,
  pickSort,
} from '../keyset.js'
import { meOut } from './me.js'

export type UserSort = 'email' | 'name' | 'created'
export interface UserQuery {
  q?: string | undefined
  role?: Role | undefined
  status?: 'active' | 'disabled' | 'deleted' | undefined
  sort?: UserSort | undefined
  dir?: Dir | undefined
  cursor?: string | undefined
  limit: number
}

/** Accounts for the admins' list: by email, name or age, searchable, keyset paged with the total. */
export async function listUsers(db: DbOrTx, q: UserQuery) {
  const ks = pickSort(
    {
      email: { key: sql`lower(${users.email})`, type: 'text', dir: 'asc' },
      name: { key: sql`lower(${users.displayName})`, type: 'text', dir: 'asc' },
      created: { key: users.createdAt, type: 'timestamptz', dir: 'desc' },
    },
    q.sort,
    'email',
    q.dir,
    users.id,
  )
  const pattern = q.q ? containsPattern(q.q) : undefined
  const filter = and(
    q.role ? eq(users.role, q.role) : undefined,
    q.status ? eq(users.status, q.status) : undefined,
    pattern ? sql`(${users.email} ilike ${pattern} or ${users.displayName} ilike ${pattern})` : undefined,
  )
  const [rows, [count]] = await Promise.all([
    db
      .select({ u: users, ...cursorColumns(ks) })
      .from(users)
      .where(and(filter, afterCursor(ks, q.cursor)))
      .orderBy(...orderOf(ks))
      .limit(q.limit + 1),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(filter),
  ])
  const { page, nextCursor } = pageOf(ks, rows, q.limit)
  return { items: page.map(({ u }) => meOut(u)), nextCursor, total: count?.n ?? 0 }
}
