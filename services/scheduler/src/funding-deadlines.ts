import {
  type Db,
  type DbOrTx,
  fundingProgrammes,
  institutions,
  interests,
  partnerships,
  tripPlans,
} from '@dj/db'
import {
  deadlineConcerns,
  deadlineReminders,
  type FitContext,
  type FundingProgramme,
  programmeErrors,
  type TripPlanFields,
  upcomingDeadlines,
} from '@dj/exchange'
import { writeOutbox } from '@dj/outbox'
import { localToInstant } from '@dj/scheduling'
import { asc, eq, inArray, sql } from 'drizzle-orm'
import {
  cancelPendingTimers,
  insertTimers,
  type TimerClock,
  type TimerRow,
  type TimerSpec,
  timerId,
} from './timers.js'

type Format = FitContext['formats'][number]
type InstitutionKind = FitContext['institutions'][number]['kind']

/** Timer kind of a programme deadline's reminder (four weeks and one week before). */
export const FUNDING_DEADLINE = 'funding.deadline_near'

export const fundingTarget = (programmeId: string) => `funding:${programmeId}`

/** Reminders go out at 09:00 in Düren: the programmes are German and the applicants too. */
const SEND_MINUTE = 9 * 60
const SEND_ZONE = 'Europe/Berlin'

const civilDate = (now: Date) => now.toISOString().slice(0, 10)

async function loadProgramme(db: DbOrTx, programmeId: string) {
  const [row] = await db.select().from(fundingProgrammes).where(eq(fundingProgrammes.id, programmeId))
  if (!row?.active || programmeErrors(row.fields).length > 0) return null
  return { id: row.id, programme: row.fields as FundingProgramme }
}

/**
 * Makes a programme's pending deadline timers match its upcoming deadlines: ids carry the
 * deadline and the days before it, so a moved date cancels the old ones and plans new ones while a
 * reminder that fired keeps its id and never fires again; a deactivated programme has none.
 */
export async function syncFundingDeadlines(
  tx: DbOrTx,
  programmeId: string,
  now: Date,
): Promise<{ added: TimerRow[]; cancelled: string[] }> {
  const found = await loadProgramme(tx, programmeId)
  const desired: TimerSpec[] = found
    ? deadlineReminders(found.programme, civilDate(now)).flatMap((r) => {
        const at = localToInstant(r.sendOn, SEND_MINUTE, SEND_ZONE)
        if (at === null) return []
        return [
          {
            id: timerId('funding', programmeId, r.deadline, r.daysBefore),
            kind: FUNDING_DEADLINE,
            target: fundingTarget(programmeId),
            fireAt: new Date(at),
            payload: { programmeId, deadline: r.deadline, daysBefore: r.daysBefore },
          },
        ]
      })
    : []
  const cancelled = await cancelPendingTimers(
    tx,
    fundingTarget(programmeId),
    desired.map((d) => d.id),
  )
  const added = await insertTimers(tx, desired)
  return { added, cancelled }
}

/** The start-up and hourly sweep: every programme's timers (a new year brings new deadlines). */
export async function syncAllFundingDeadlines(db: Db, clock: TimerClock, now = new Date()): Promise<number> {
  const ids = await db.select({ id: fundingProgrammes.id }).from(fundingProgrammes)
  let added = 0
  for (const { id } of ids) {
    const result = await db.transaction((tx) => syncFundingDeadlines(tx, id, now))
    await clock.disarm(result.cancelled)
    added += await clock.arm(result.added, now.getTime())
  }
  return added
}

interface PlannedTrip {
  tripPlanId: string
  partnershipId: string
  plan: TripPlanFields
  institutionIds: [string, string]
  context: FitContext
}

/** Trip plans still ahead (outbound after today) with what the fit needs of their partnership. */
async function tripsAhead(tx: DbOrTx, today: string): Promise<PlannedTrip[]> {
  const plans = await tx
    .select({
      id: tripPlans.id,
      fields: tripPlans.fields,
      partnershipId: tripPlans.partnershipId,
      institutionA: partnerships.institutionA,
      institutionB: partnerships.institutionB,
      interestA: partnerships.interestA,
      interestB: partnerships.interestB,
    })
    .from(tripPlans)
    .innerJoin(partnerships, eq(partnerships.id, tripPlans.partnershipId))
    .where(sql`${tripPlans.fields}->'travel'->>'outbound' > ${today}`)
    .orderBy(sql`${tripPlans.fields}->'travel'->>'outbound'`, asc(tripPlans.id))
  if (plans.length === 0) return []
  const institutionIds = [...new Set(plans.flatMap((p) => [p.institutionA, p.institutionB]))]
  const interestIds = [...new Set(plans.flatMap((p) => [p.interestA, p.interestB]))]
  const [insts, ints] = await Promise.all([
    tx
      .select({ id: institutions.id, side: institutions.side, kind: institutions.kind })
      .from(institutions)
      .where(inArray(institutions.id, institutionIds)),
    tx
      .select({ id: interests.id, formats: interests.formats })
      .from(interests)
      .where(inArray(interests.id, interestIds)),
  ])
  const formatsOf = (id: string) => (ints.find((i) => i.id === id)?.formats ?? []) as Format[]
  return plans.map((p) => {
    const b = formatsOf(p.interestB)
    return {
      tripPlanId: p.id,
      partnershipId: p.partnershipId,
      plan: p.fields as unknown as TripPlanFields,
      institutionIds: [p.institutionA, p.institutionB],
      context: {
        formats: formatsOf(p.interestA).filter((f) => b.includes(f)),
        institutions: insts
          .filter((i) => i.id === p.institutionA || i.id === p.institutionB)
          .flatMap((i) => (i.kind ? [{ side: i.side, kind: i.kind as InstitutionKind }] : [])),
      },
    }
  })
}

/**
 * A deadline's reminder, if the programme is still active and the deadline still its own (an edit
 * since makes it stale, even before the event that re-plans it is handled): one event per
 * partnership whose next trip fits the programme and applies by this deadline, to both institutions.
 */
export async function fireFundingDeadline(tx: DbOrTx, timer: TimerRow, now = new Date()): Promise<boolean> {
  const programmeId = String(timer.payload.programmeId)
  const deadline = String(timer.payload.deadline)
  const found = await loadProgramme(tx, programmeId)
  const today = civilDate(now)
  if (!found || !upcomingDeadlines(found.programme, today).some((d) => d.date === deadline)) return false
  const told = new Set<string>()
  for (const trip of await tripsAhead(tx, today)) {
    if (told.has(trip.partnershipId)) continue
    if (!deadlineConcerns(found.programme, deadline, trip.plan, trip.context)) continue
    told.add(trip.partnershipId)
    await writeOutbox(tx, {
      type: 'funding.deadline_near',
      audience: { institutionIds: trip.institutionIds },
      programmeSlug: found.programme.slug,
      programmeName: found.programme.name.de,
      deadline,
      partnershipId: trip.partnershipId,
      tripPlanId: trip.tripPlanId,
    })
  }
  return true
}
