import { createAgreement as createState, type SigningConfig } from '@dj/agreement'
import type { InstitutionRef, RenewedExchange, RenewStatus } from '@dj/contracts'
import { type DbOrTx, institutions, tripPlans, visits } from '@dj/db'
import {
  type RenewFacts,
  renewAgreementFields,
  renewal,
  renewTripPlanFields,
  type TripPlanFields,
} from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { and, desc, eq, isNotNull, isNull, ne, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { AgreementErrors, signingError } from '../agreement/errors.js'
import { insertAgreement, loadAgreement } from '../agreement/store.js'
import { requireWriter, workspaceAccess } from '../workspace/access.js'
import { RenewErrors, renewRefused } from './errors.js'
import { copyChecklist } from './trip-copy.js'

/**
 * The partnership's latest visit that was not cancelled, with today's date in its zone (the
 * host's): a visit has ended once its last day is over where it took place.
 */
async function latestVisit(db: DbOrTx, partnershipId: string) {
  const [v] = await db
    .select({
      endDate: visits.endDate,
      status: visits.status,
      today: sql<string>`((now() at time zone ${visits.timeZone})::date)::text`,
    })
    .from(visits)
    .where(and(eq(visits.partnershipId, partnershipId), ne(visits.status, 'cancelled')))
    .orderBy(desc(visits.endDate))
    .limit(1)
  return v ?? null
}

async function factsOf(db: DbOrTx, partnershipId: string, lock = false) {
  const agreement = await loadAgreement(db, partnershipId, { lock })
  const visit = await latestVisit(db, partnershipId)
  const facts: RenewFacts = {
    agreement: agreement && {
      edition: agreement.row.edition,
      status: agreement.row.status,
      completedAt: agreement.row.completedAt?.toISOString() ?? null,
      draftedOn: agreement.row.createdAt.toISOString().slice(0, 10),
    },
    visit: visit && { endDate: visit.endDate, status: visit.status },
    today: visit?.today ?? new Date().toISOString().slice(0, 10),
  }
  return { agreement, facts }
}

/** Whether the next one can be planned, for the workspace's readers (the button shows when it can). */
export async function renewStatus(db: DbOrTx, actor: Actor, partnershipId: string): Promise<RenewStatus> {
  const access = await workspaceAccess(db, actor, partnershipId)
  const { agreement, facts } = await factsOf(db, partnershipId)
  const verdict = renewal(facts)
  const [next] = await db
    .select({ id: tripPlans.id })
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
  return {
    partnershipId,
    edition: agreement?.row.edition ?? null,
    allowed: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
    canRenew: verdict.ok && access.level === 'act' && access.ownInstitutionId !== null,
    nextTripPlanId: next?.id ?? null,
  }
}

/**
 * Plans the next one in the caller's transaction: edition n+1 of the agreement as a draft (the
 * fields a year later, the same signing configuration), the latest trip plan as a new plan
 * without a visit (dates a year later, checklist derived anew) and `exchange.renewed` for the
 * other institution. The current edition is locked first, so two coordinators pressing at once
 * queue up and the second finds the new draft (409).
 */
export async function renewExchange(
  tx: DbOrTx,
  actor: Actor,
  partnershipId: string,
): Promise<RenewedExchange> {
  const access = await workspaceAccess(tx, actor, partnershipId)
  const writer = await requireWriter(tx, access)
  const { agreement, facts } = await factsOf(tx, partnershipId, true)
  const verdict = renewal(facts)
  if (!verdict.ok) throw renewRefused(verdict.reason)
  const current = agreement!
  const created = createState(renewAgreementFields(current.state.fields), current.row.config as SigningConfig)
  if (!created.ok) throw signingError(created.error)
  // A second coordinator who pressed at the same moment read the old edition before the first
  // committed; the unique (partnership, edition) index lets one through, the other is told so.
  const row = await insertAgreement(tx, partnershipId, created.state, actor.userId, verdict.edition).catch(
    (e: unknown) => {
      throw e instanceof AgreementErrors.Exists ? new RenewErrors.DraftExists() : e
    },
  )

  const [previous] = await tx
    .select()
    .from(tripPlans)
    .where(eq(tripPlans.partnershipId, partnershipId))
    // The latest trip is the one that travelled last, whichever plan was written last.
    .orderBy(
      sql`${tripPlans.fields}->'travel'->>'outbound' desc nulls last`,
      desc(tripPlans.createdAt),
      desc(tripPlans.id),
    )
    .limit(1)
  let tripPlanId: string | null = null
  if (previous) {
    const [plan] = await tx
      .insert(tripPlans)
      .values({
        partnershipId,
        visitId: null,
        renewedFromId: previous.id,
        fields: renewTripPlanFields(previous.fields as unknown as TripPlanFields) as unknown as Record<
          string,
          unknown
        >,
        updatedBy: actor.userId,
      })
      .returning({ id: tripPlans.id, fields: tripPlans.fields })
    tripPlanId = plan!.id
    await copyChecklist(
      tx,
      access.partnership,
      previous.id,
      plan!.id,
      plan!.fields as unknown as TripPlanFields,
      facts.today,
    )
    await writeOutbox(tx, { type: 'trip.plan_changed', tripPlanId, partnershipId })
  }

  const p = access.partnership
  const other = writer.institutionId === p.institutionA ? p.institutionB : p.institutionA
  const [own] = await tx
    .select({ id: institutions.id, name: institutions.name, side: institutions.side })
    .from(institutions)
    .where(eq(institutions.id, writer.institutionId))
  const by: InstitutionRef = own!
  await writeOutbox(tx, {
    type: 'exchange.renewed',
    audience: { institutionIds: [other] },
    partnershipId,
    tripPlanId,
    agreementEdition: row.edition,
    by,
  })
  return {
    partnershipId,
    agreement: { id: row.id, edition: row.edition, version: row.version, hash: row.hash, status: row.status },
    tripPlanId,
    renewedFromId: previous?.id ?? null,
  }
}
