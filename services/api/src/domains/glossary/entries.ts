import type { GlossaryEntryView, GlossaryTermsBody } from '@dj/contracts'
import { type DbOrTx, glossaryEntries } from '@dj/db'
import { GLOSSARY_LANGUAGES, searchNorm } from '@dj/vocabulary'
import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { invalidTerms, staleVersion } from './errors.js'
import { type GlossaryRow, listEntries, loadEntry, termsHash, viewOf } from './store.js'

/** The offices' glossary. Every change is versioned and audited with the terms before and after. */

export interface Ctx {
  actor: Actor
  requestId: string | undefined
}

/** Terms trimmed, empty or duplicate ones refused: each must be something the search can match. */
function checked(terms: GlossaryTermsBody): GlossaryTermsBody {
  const errors: { field: string; message: string }[] = []
  const clean = {} as Record<(typeof GLOSSARY_LANGUAGES)[number], string[]>
  for (const language of GLOSSARY_LANGUAGES) {
    clean[language] = terms[language].map((t) => t.trim())
    clean[language].forEach((t, i) => {
      if (searchNorm(t).length === 0)
        errors.push({ field: `${language}.${i}`, message: 'has no letters or characters to search for' })
    })
  }
  if (errors.length > 0) throw invalidTerms(errors)
  return clean
}

const snapshot = (r: GlossaryRow) => ({ version: r.version, de: r.de, zh: r.zh, en: r.en })

async function audited(
  tx: DbOrTx,
  ctx: Ctx,
  action: string,
  row: GlossaryRow,
  o: { before?: GlossaryRow; gone?: boolean } = {},
) {
  await writeAudit(tx, {
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.displayName,
    action,
    entityType: 'glossary_entry',
    entityId: row.id,
    ...(o.before ? { before: snapshot(o.before) } : {}),
    ...(o.gone ? {} : { after: snapshot(row) }),
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  })
}

export async function glossary(db: DbOrTx): Promise<GlossaryEntryView[]> {
  return (await listEntries(db)).map(viewOf)
}

export async function viewEntry(db: DbOrTx, id: string): Promise<GlossaryEntryView> {
  return viewOf(await loadEntry(db, id))
}

export async function createEntry(
  tx: DbOrTx,
  ctx: Ctx,
  terms: GlossaryTermsBody,
): Promise<GlossaryEntryView> {
  const [row] = await tx
    .insert(glossaryEntries)
    .values({ ...checked(terms), updatedBy: ctx.actor.userId })
    .returning()
  await audited(tx, ctx, 'glossary.entry_created', row!)
  return viewOf(row!)
}

async function current(tx: DbOrTx, id: string, expectedVersion: number): Promise<GlossaryRow> {
  const row = await loadEntry(tx, id, { lock: true })
  if (row.version !== expectedVersion) throw staleVersion({ version: row.version, hash: termsHash(row) })
  return row
}

export async function editEntry(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  input: GlossaryTermsBody & { expectedVersion: number },
): Promise<GlossaryEntryView> {
  const before = await current(tx, id, input.expectedVersion)
  const terms = checked(input)
  const [row] = await tx
    .update(glossaryEntries)
    .set({ ...terms, version: before.version + 1, updatedBy: ctx.actor.userId, updatedAt: new Date() })
    .where(eq(glossaryEntries.id, id))
    .returning()
  await audited(tx, ctx, 'glossary.entry_edited', row!, { before })
  return viewOf(row!)
}

export async function removeEntry(tx: DbOrTx, ctx: Ctx, id: string, expectedVersion: number): Promise<void> {
  const before = await current(tx, id, expectedVersion)
  await tx.delete(glossaryEntries).where(eq(glossaryEntries.id, id))
  await audited(tx, ctx, 'glossary.entry_removed', before, { before, gone: true })
}
