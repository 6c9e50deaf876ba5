import { createHash } from 'node:crypto'
import type { GlossaryEntryView } from '@dj/contracts'
import { type DbOrTx, glossaryEntries } from '@dj/db'
import { asc, eq } from 'drizzle-orm'
import { Errors } from '../errors.js'

export type GlossaryRow = typeof glossaryEntries.$inferSelect

export const viewOf = (r: GlossaryRow): GlossaryEntryView => ({
  id: r.id,
  seedKey: r.seedKey,
  de: r.de,
  zh: r.zh,
  en: r.en,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
})

/** What a stale edit's 409 names besides the version: a digest of the current terms. */
export const termsHash = (r: GlossaryRow) =>
  createHash('sha256')
    .update(JSON.stringify([r.de, r.zh, r.en]))
    .digest('hex')

export async function loadEntry(db: DbOrTx, id: string, o: { lock?: boolean } = {}): Promise<GlossaryRow> {
  const q = db.select().from(glossaryEntries).where(eq(glossaryEntries.id, id))
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) throw new Errors.NotFound('glossary entry')
  return row
}

/** The whole glossary in German alphabetical order of the preferred term. */
export async function listEntries(db: DbOrTx): Promise<GlossaryRow[]> {
  const rows = await db.select().from(glossaryEntries).orderBy(asc(glossaryEntries.createdAt))
  const collator = new Intl.Collator('de')
  return rows.sort((a, b) => collator.compare(a.de[0] ?? '', b.de[0] ?? ''))
}
