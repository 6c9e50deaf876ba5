import type { Locale, PublicPageSlug } from '@dj/contracts'
import { type DbOrTx, publicPageVersions, users } from '@dj/db'
import { and, desc, eq } from 'drizzle-orm'

export interface VersionRow {
  version: number
  title: string
  description: string
  body: string
  restoredFrom: number | null
  by: string | null
  at: Date
}

const columns = {
  version: publicPageVersions.version,
  title: publicPageVersions.title,
  description: publicPageVersions.description,
  body: publicPageVersions.body,
  restoredFrom: publicPageVersions.restoredFrom,
  by: users.displayName,
  at: publicPageVersions.createdAt,
}

/** Every saved version of a page in a language, newest first. */
export function savedVersions(db: DbOrTx, slug: PublicPageSlug, locale: Locale): Promise<VersionRow[]> {
  return db
    .select(columns)
    .from(publicPageVersions)
    .leftJoin(users, eq(users.id, publicPageVersions.createdBy))
    .where(and(eq(publicPageVersions.slug, slug), eq(publicPageVersions.locale, locale)))
    .orderBy(desc(publicPageVersions.version))
}

/** The newest saved version of every page in every language. */
export async function newestVersions(db: DbOrTx): Promise<Map<string, VersionRow>> {
  const rows = await db
    .selectDistinctOn([publicPageVersions.slug, publicPageVersions.locale], {
      slug: publicPageVersions.slug,
      locale: publicPageVersions.locale,
      ...columns,
    })
    .from(publicPageVersions)
    .leftJoin(users, eq(users.id, publicPageVersions.createdBy))
    .orderBy(publicPageVersions.slug, publicPageVersions.locale, desc(publicPageVersions.version))
  return new Map(rows.map((r) => [`${r.slug}/${r.locale}`, r]))
}

export async function newestVersion(
  db: DbOrTx,
  slug: PublicPageSlug,
  locale: Locale,
): Promise<VersionRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(publicPageVersions)
    .leftJoin(users, eq(users.id, publicPageVersions.createdBy))
    .where(and(eq(publicPageVersions.slug, slug), eq(publicPageVersions.locale, locale)))
    .orderBy(desc(publicPageVersions.version))
    .limit(1)
  return row
}

/** Appends a version; undefined when another save took that number first (a concurrent edit). */
export async function appendVersion(
  tx: DbOrTx,
  row: {
    slug: PublicPageSlug
    locale: Locale
    version: number
    title: string
    description: string
    body: string
    restoredFrom: number | null
    createdBy: string
  },
): Promise<{ version: number; at: Date } | undefined> {
  const [saved] = await tx
    .insert(publicPageVersions)
    .values(row)
    .onConflictDoNothing()
    .returning({ version: publicPageVersions.version, at: publicPageVersions.createdAt })
  return saved
}
