import type { FundingProgrammeEntry } from '@dj/contracts'
import { type DbOrTx, fundingProgrammes } from '@dj/db'
import { programmeErrors } from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { eq } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { FundingErrors, invalidProgramme, staleVersion } from './errors.js'
import { entryOf, fieldsHash, listProgrammes, loadProgramme, type ProgrammeRow } from './store.js'

/**
 * The officers' catalogue. Every change is audited and tells the scheduler (funding.programme_changed)
 * so the deadline reminders follow the new dates in the same transaction's outbox.
 */

export interface Ctx {
  actor: Actor
  requestId: string | undefined
}

function checked(fields: Record<string, unknown>): Record<string, unknown> {
  const errors = programmeErrors(fields)
  if (errors.length > 0) throw invalidProgramme(errors)
  return fields
}

async function recorded(tx: DbOrTx, ctx: Ctx, row: ProgrammeRow, action: string, before?: ProgrammeRow) {
  await writeOutbox(tx, { type: 'funding.programme_changed', programmeId: row.id })
  await writeAudit(tx, {
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.displayName,
    action,
    entityType: 'funding_programme',
    entityId: row.id,
    ...(before ? { before: { version: before.version, active: before.active, fields: before.fields } } : {}),
    after: { version: row.version, active: row.active, fields: row.fields },
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  })
}

export async function catalogue(db: DbOrTx, o: { activeOnly: boolean }): Promise<FundingProgrammeEntry[]> {
  return (await listProgrammes(db, o)).map(entryOf)
}

export async function viewProgramme(db: DbOrTx, id: string): Promise<FundingProgrammeEntry> {
  return entryOf(await loadProgramme(db, id))
}

export async function createProgramme(
  tx: DbOrTx,
  ctx: Ctx,
  fields: Record<string, unknown>,
): Promise<FundingProgrammeEntry> {
  const doc = checked(fields)
  const slug = doc.slug as string
  const [row] = await tx
    .insert(fundingProgrammes)
    .values({ slug, fields: doc, updatedBy: ctx.actor.userId })
    .onConflictDoNothing({ target: fundingProgrammes.slug })
    .returning()
  if (!row) throw new FundingErrors.Exists(slug)
  await recorded(tx, ctx, row, 'funding.programme_created')
  return entryOf(row)
}

async function current(tx: DbOrTx, id: string, expectedVersion: number): Promise<ProgrammeRow> {
  const row = await loadProgramme(tx, id, { lock: true })
  if (row.version !== expectedVersion)
    throw staleVersion({ version: row.version, hash: fieldsHash(row.fields) })
  return row
}

export async function editProgramme(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  input: { expectedVersion: number; fields: Record<string, unknown> },
): Promise<FundingProgrammeEntry> {
  const before = await current(tx, id, input.expectedVersion)
  // The slug is what checklist items and seed rows are keyed by: an edit keeps it.
  const doc = checked({ ...input.fields, slug: before.slug })
  const [row] = await tx
    .update(fundingProgrammes)
    .set({ fields: doc, version: before.version + 1, updatedBy: ctx.actor.userId, updatedAt: new Date() })
    .where(eq(fundingProgrammes.id, id))
    .returning()
  await recorded(tx, ctx, row!, 'funding.programme_edited', before)
  return entryOf(row!)
}

export async function setProgrammeActive(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  input: { expectedVersion: number; active: boolean },
): Promise<FundingProgrammeEntry> {
  const before = await current(tx, id, input.expectedVersion)
  if (before.active === input.active) return entryOf(before)
  const [row] = await tx
    .update(fundingProgrammes)
    .set({
      active: input.active,
      version: before.version + 1,
      updatedBy: ctx.actor.userId,
      updatedAt: new Date(),
    })
    .where(eq(fundingProgrammes.id, id))
    .returning()
  await recorded(
    tx,
    ctx,
    row!,
    input.active ? 'funding.programme_activated' : 'funding.programme_deactivated',
    before,
  )
  return entryOf(row!)
}
