import type { ChecklistEntry, TripPlan, TripPlanSummary } from '@dj/contracts'
import { type DbOrTx, tripChecklistItems, tripPlans, visits } from '@dj/db'
import {
  adoptDraftForVisit,
  checklistProgress,
  deriveChecklist,
  draftTripPlan,
  LEAD_DAYS,
  nextCustomKey,
  type TripPlanFields,
  validateTripPlan,
} from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { writeAudit } from '../audit.js'
import { Errors } from '../errors.js'
import { requireWriter, type WorkspaceAccess, workspaceAccess } from '../workspace/access.js'
import { invalidFields, staleVersion, TripErrors } from './errors.js'
import { fundingDeadlines } from './funding.js'
import {
  type ChecklistRow,
  fieldsHash,
  loadChecklist,
  loadTripPlan,
  loadVisit,
  saveChecklist,
  storedOf,
  type TripPlanRow,
  type VisitRow,
} from './store.js'

/** The civil date checklists are derived on (UTC: the due dates are civil dates, the same on both sides). */
const todayOf = (now: Date) => now.toISOString().slice(0, 10)

export interface Ctx {
  actor: Actor
  requestId: string | undefined
  now?: Date
}

function entryOf(row: ChecklistRow, today: string): ChecklistEntry {
  const done = row.doneAt !== null
  return {
    key: row.key,
    label: row.label,
    dueDate: row.dueDate,
    earliest: earliestOf(row),
    done,
    doneAt: row.doneAt?.toISOString() ?? null,
    overdue: !done && row.dueDate !== null && row.dueDate < today,
  }
}

// The earliest day is not stored: it follows from the due date and the lead times of @dj/exchange.
function earliestOf(row: ChecklistRow): string | null {
  if (!row.dueDate) return null
  const shift = (days: number) =>
    new Date(Date.parse(`${row.dueDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10)
  if (row.key === 'visa_f') return shift(LEAD_DAYS.visaFEarliest - LEAD_DAYS.visaF)
  if (row.key === 'visa_schengen') return shift(LEAD_DAYS.visaSchengenEarliest - LEAD_DAYS.visaSchengen)
  return null
}

function view(
  row: TripPlanRow,
  visit: VisitRow | null,
  items: ChecklistRow[],
  canEdit: boolean,
  now: Date,
): TripPlan {
  const today = todayOf(now)
  const checklist = items.filter((i) => i.tripPlanId === row.id).map((i) => entryOf(i, today))
  return {
    id: row.id,
    partnershipId: row.partnershipId,
    visitId: row.visitId,
    version: row.version,
    fields: row.fields,
    visit: visit
      ? {
          startDate: visit.startDate,
          endDate: visit.endDate,
          hostInstitutionId: visit.hostInstitutionId,
          travellerInstitutionId: visit.travellerInstitutionId,
        }
      : null,
    checklist,
    progress: checklistProgress(checklist),
    updatedAt: row.updatedAt.toISOString(),
    viewer: { canEdit },
  }
}

const canEditOf = (access: WorkspaceAccess) => access.level === 'act' && access.ownInstitutionId !== null

async function present(db: DbOrTx, row: TripPlanRow, access: WorkspaceAccess, now: Date): Promise<TripPlan> {
  const visit = row.visitId ? await loadVisit(db, row.visitId) : null
  return view(row, visit, await loadChecklist(db, [row.id]), canEditOf(access), now)
}

/**
 * Derives the checklist again from the plan as it now stands and what is stored, saves it and
 * tells the scheduler (which syncs the reminders from the rows), with an audit entry, all in the
 * caller's transaction.
 */
async function afterWrite(
  tx: DbOrTx,
  ctx: Ctx,
  row: TripPlanRow,
  access: WorkspaceAccess,
  action: string,
  after: Record<string, unknown>,
): Promise<void> {
  const now = ctx.now ?? new Date()
  const today = todayOf(now)
  const fields = row.fields as unknown as TripPlanFields
  const previous = (await loadChecklist(tx, [row.id])).map(storedOf)
  const items = deriveChecklist(fields, {
    today,
    fundingDeadlines: await fundingDeadlines(tx, access.partnership, fields, today),
    previous,
  })
  await saveChecklist(tx, row.id, items)
  await writeOutbox(tx, { type: 'trip.plan_changed', tripPlanId: row.id, partnershipId: row.partnershipId })
  await writeAudit(tx, {
    actorId: ctx.actor.userId,
    actorLabel: ctx.actor.displayName,
    action,
    entityType: 'trip_plan',
    entityId: row.id,
    // Versions and keys only: the plan names adults, and the audit log is no second copy of it.
    after: { version: row.version, ...after },
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
  })
}

/** A coordinator of either institution plans the trip of a booked visit, once. */
export async function createTripPlan(tx: DbOrTx, ctx: Ctx, visitId: string): Promise<TripPlan> {
  const visit = await loadVisit(tx, visitId)
  if (!visit) throw new Errors.NotFound('visit')
  const access = await workspaceAccess(tx, ctx.actor, visit.partnershipId)
  await requireWriter(tx, access)
  if (visit.status === 'cancelled') throw new TripErrors.VisitCancelled()
  const fields = draftTripPlan(visit)
  const adopted = await adoptRenewedDraft(tx, ctx, visitId, visit.partnershipId, fields)
  if (adopted) {
    await afterWrite(tx, ctx, adopted, access, 'trip_plan.adopted', { visitId })
    return present(tx, adopted, access, ctx.now ?? new Date())
  }
  const [row] = await tx
    .insert(tripPlans)
    .values({
      partnershipId: visit.partnershipId,
      visitId,
      fields: fields as unknown as Record<string, unknown>,
      updatedBy: ctx.actor.userId,
    })
    .onConflictDoNothing()
    .returning()
  if (!row) throw new TripErrors.Exists()
  await afterWrite(tx, ctx, row, access, 'trip_plan.created', { visitId })
  return present(tx, row, access, ctx.now ?? new Date())
}

/**
 * The draft "plan the next one" left for this partnership (no visit yet), taken over by the visit
 * now booked: the visit's dates and direction, the rest as the coordinators wrote it. Null when
 * there is none or the visit has a plan already. The row lock makes two creations at once adopt it
 * once; the other finds the visit planned.
 */
async function adoptRenewedDraft(
  tx: DbOrTx,
  ctx: Ctx,
  visitId: string,
  partnershipId: string,
  fromVisit: TripPlanFields,
): Promise<TripPlanRow | null> {
  const [planned] = await tx
    .select({ id: tripPlans.id })
    .from(tripPlans)
    .where(eq(tripPlans.visitId, visitId))
  if (planned) throw new TripErrors.Exists()
  const [draft] = await tx
    .select()
    .from(tripPlans)
    .where(
      and(
        eq(tripPlans.partnershipId, partnershipId),
        isNull(tripPlans.visitId),
        isNotNull(tripPlans.renewedFromId),
      ),
    )
    .orderBy(desc(tripPlans.createdAt))
    .limit(1)
    .for('update')
  if (!draft) return null
  const fields = adoptDraftForVisit(draft.fields as unknown as TripPlanFields, fromVisit)
  const [row] = await tx
    .update(tripPlans)
    .set({
      visitId,
      fields: fields as unknown as Record<string, unknown>,
      version: draft.version + 1,
      updatedBy: ctx.actor.userId,
      updatedAt: new Date(),
    })
    .where(eq(tripPlans.id, draft.id))
    .returning()
  return row ?? null
}

/** The plan and its access: 404 for everyone outside the pair and the two offices. */
async function accessOf(db: DbOrTx, ctx: Ctx, id: string, lock = false) {
  const row = await loadTripPlan(db, id, { lock })
  const access = await workspaceAccess(db, ctx.actor, row.partnershipId)
  return { row, access }
}

export async function viewTripPlan(db: DbOrTx, ctx: Ctx, id: string): Promise<TripPlan> {
  const { row, access } = await accessOf(db, ctx, id)
  return present(db, row, access, ctx.now ?? new Date())
}

/** Either side edits on the version it read; the checklist follows the new dates, ticks kept. */
export async function editTripPlan(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: { expectedVersion: number; fields: unknown },
): Promise<TripPlan> {
  const { row, access } = await accessOf(tx, ctx, id, true)
  await requireWriter(tx, access)
  if (body.expectedVersion !== row.version)
    throw staleVersion({ version: row.version, hash: fieldsHash(row.fields) })
  const visit = row.visitId ? await loadVisit(tx, row.visitId) : null
  const checked = validateTripPlan(body.fields, visit)
  if (!checked.ok) throw invalidFields(checked.errors)
  // The direction is the visit's, whatever the form sent.
  const fields = visit ? { ...checked.fields, direction: visit.direction } : checked.fields
  const [saved] = await tx
    .update(tripPlans)
    .set({
      fields: fields as unknown as Record<string, unknown>,
      version: sql`${tripPlans.version} + 1`,
      updatedBy: ctx.actor.userId,
      updatedAt: ctx.now ?? new Date(),
    })
    .where(eq(tripPlans.id, id))
    .returning()
  await afterWrite(tx, ctx, saved!, access, 'trip_plan.edited', {})
  return present(tx, saved!, access, ctx.now ?? new Date())
}

/** Ticks or unticks one item; its reminders stop or come back through the scheduler. */
export async function tickChecklistItem(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  key: string,
  done: boolean,
): Promise<TripPlan> {
  const { row, access } = await accessOf(tx, ctx, id, true)
  await requireWriter(tx, access)
  const [item] = await tx
    .update(tripChecklistItems)
    .set(
      done
        ? { doneAt: sql`coalesce(${tripChecklistItems.doneAt}, now())`, doneBy: ctx.actor.userId }
        : { doneAt: null, doneBy: null },
    )
    .where(and(eq(tripChecklistItems.tripPlanId, id), eq(tripChecklistItems.key, key)))
    .returning({ id: tripChecklistItems.id })
  if (!item) throw new Errors.NotFound('checklist item')
  await afterWrite(tx, ctx, row, access, done ? 'trip_checklist.ticked' : 'trip_checklist.unticked', { key })
  return present(tx, row, access, ctx.now ?? new Date())
}

/** The coordinators' own item (`custom:<n>`), kept through every re-derivation. */
export async function addChecklistItem(
  tx: DbOrTx,
  ctx: Ctx,
  id: string,
  body: { label: string; dueDate?: string | null | undefined },
): Promise<TripPlan> {
  const { row, access } = await accessOf(tx, ctx, id, true)
  await requireWriter(tx, access)
  const existing = await loadChecklist(tx, [id])
  const key = nextCustomKey(existing)
  await tx.insert(tripChecklistItems).values({
    tripPlanId: id,
    key,
    label: body.label,
    dueDate: body.dueDate ?? null,
    position: existing.length,
  })
  await afterWrite(tx, ctx, row, access, 'trip_checklist.added', { key })
  return present(tx, row, access, ctx.now ?? new Date())
}

/** The partnership's plans, by outbound date, with their progress (for the workspace and lists). */
export async function listTripPlans(
  db: DbOrTx,
  ctx: Ctx,
  partnershipId: string,
): Promise<{ items: TripPlanSummary[] }> {
  await workspaceAccess(db, ctx.actor, partnershipId)
  const items = await tripSummaries(db, [partnershipId], ctx.now ?? new Date())
  return { items: items.map(({ partnershipId: _, ...s }) => s) }
}

/** Summaries of the plans of these partnerships (no access check: the caller has made it). */
export async function tripSummaries(
  db: DbOrTx,
  partnershipIds: readonly string[],
  now: Date,
): Promise<(TripPlanSummary & { partnershipId: string })[]> {
  if (partnershipIds.length === 0) return []
  const rows = await db
    .select()
    .from(tripPlans)
    .where(inArray(tripPlans.partnershipId, [...partnershipIds]))
    .orderBy(asc(tripPlans.createdAt))
  const items = await loadChecklist(
    db,
    rows.map((r) => r.id),
  )
  const today = todayOf(now)
  return rows
    .map((r) => {
      const f = r.fields as unknown as TripPlanFields
      const checklist = items.filter((i) => i.tripPlanId === r.id).map((i) => entryOf(i, today))
      return {
        id: r.id,
        partnershipId: r.partnershipId,
        visitId: r.visitId,
        direction: f.direction,
        outbound: f.travel.outbound,
        return: f.travel.return,
        progress: checklistProgress(checklist),
        updatedAt: r.updatedAt.toISOString(),
      }
    })
    .sort((a, b) => a.outbound.localeCompare(b.outbound))
}

/**
 * The partnership's booked visits with their trip plan's progress, or none yet (the workspace's
 * "plan the trip" button), by start date. No access check: the workspace has made it.
 */
export async function workspaceTrips(db: DbOrTx, partnershipId: string, now: Date) {
  const [booked, plans] = await Promise.all([
    db
      .select({ id: visits.id, startDate: visits.startDate, endDate: visits.endDate })
      .from(visits)
      .where(and(eq(visits.partnershipId, partnershipId), eq(visits.status, 'scheduled')))
      .orderBy(asc(visits.startDate)),
    tripSummaries(db, [partnershipId], now),
  ])
  return booked.map((v) => {
    const plan = plans.find((p) => p.visitId === v.id)
    return {
      visitId: v.id,
      startDate: v.startDate,
      endDate: v.endDate,
      tripPlanId: plan?.id ?? null,
      progress: plan?.progress ?? null,
    }
  })
}
