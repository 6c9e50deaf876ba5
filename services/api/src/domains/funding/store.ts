import { createHash } from 'node:crypto'
import type { FundingProgrammeEntry } from '@dj/contracts'
import { type DbOrTx, fundingProgrammes } from '@dj/db'
import { FundingProgramme } from '@dj/exchange'
import { asc, eq } from 'drizzle-orm'
import { Value } from 'typebox/value'
import { Errors } from '../errors.js'

export type ProgrammeRow = typeof fundingProgrammes.$inferSelect

export const entryOf = (r: ProgrammeRow): FundingProgrammeEntry => ({
  id: r.id,
  slug: r.slug,
  version: r.version,
  active: r.active,
  fields: r.fields,
  updatedAt: r.updatedAt.toISOString(),
})

/** What a stale edit's 409 names besides the version: a digest of the current document. */
export const fieldsHash = (fields: unknown) =>
  createHash('sha256').update(JSON.stringify(fields)).digest('hex')

export async function loadProgramme(
  db: DbOrTx,
  id: string,
  o: { lock?: boolean } = {},
): Promise<ProgrammeRow> {
  const q = db.select().from(fundingProgrammes).where(eq(fundingProgrammes.id, id))
  const [row] = o.lock ? await q.for('update') : await q
  if (!row) throw new Errors.NotFound('funding programme')
  return row
}

export async function listProgrammes(db: DbOrTx, o: { activeOnly: boolean }): Promise<ProgrammeRow[]> {
  const q = db.select().from(fundingProgrammes)
  return (o.activeOnly ? q.where(eq(fundingProgrammes.active, true)) : q).orderBy(asc(fundingProgrammes.slug))
}

/**
 * The active programmes whose stored document the schema accepts: one that drifted (edited by
 * hand in the database) is left out rather than failing every trip's funding page.
 */
export async function activeProgrammes(db: DbOrTx): Promise<{ id: string; programme: FundingProgramme }[]> {
  const rows = await listProgrammes(db, { activeOnly: true })
  return rows.flatMap((r) =>
    Value.Check(FundingProgramme, r.fields) ? [{ id: r.id, programme: r.fields as FundingProgramme }] : [],
  )
}
