import {
  type DbOrTx,
  interests,
  meetings,
  partnerships,
  proposalDecisions,
  proposals,
  visitPlans,
  visits,
} from '@dj/db'
import { asc, eq } from 'drizzle-orm'

/** How far a demo pair has come; every stage has a page with content for the demo accounts. */
export const DEMO_STAGES = ['proposed', 'accepted', 'confirmed', 'meeting_booked', 'visit_done'] as const
export type DemoStage = (typeof DEMO_STAGES)[number]

const DAY = 86_400_000
const ORGANIZER = 'termine@dueren-jinhua.example'
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

interface Party {
  institutionId: string
  name: string
}

async function firstInterest(db: DbOrTx, institutionId: string) {
  const [row] = await db
    .select({ id: interests.id })
    .from(interests)
    .where(eq(interests.institutionId, institutionId))
    .orderBy(asc(interests.createdAt), asc(interests.id))
    .limit(1)
  return row?.id
}

/** A 10:00 Berlin (17:00 Beijing) slot `days` from now, one hour long. */
function slot(now: number, days: number) {
  const start = new Date(Math.floor((now + days * DAY) / DAY) * DAY + 9 * 3_600_000)
  return {
    start: start.toISOString(),
    end: new Date(start.getTime() + 3_600_000).toISOString(),
    allInsideWorkingHours: true,
    participants: [],
  }
}

/**
 * One demo pair (a is the Düren side) taken to `stage`, written the way the workflow leaves it:
 * a round's proposal, both answers, both officers' confirmations, the partnership, its intro
 * meeting, a visit plan and a visit (in the past for "visit done").
 */
export async function demoPair(db: DbOrTx, a: Party, b: Party, stage: DemoStage, now: number) {
  const [interestA, interestB] = [
    await firstInterest(db, a.institutionId),
    await firstInterest(db, b.institutionId),
  ]
  if (!interestA || !interestB) return
  const level = DEMO_STAGES.indexOf(stage)
  const [p] = await db
    .insert(proposals)
    .values({
      interestA,
      interestB,
      institutionA: a.institutionId,
      institutionB: b.institutionId,
      score: 0.82 - level * 0.03,
      explanation: [
        { criterion: 'topics', raw: 1, weight: 0.3, contribution: 0.3 },
        { criterion: 'age', raw: 0.8, weight: 0.2, contribution: 0.16 },
        { criterion: 'language', raw: 0.9, weight: 0.2, contribution: 0.18 },
        { criterion: 'window', raw: 0.6, weight: 0.3, contribution: 0.18 },
      ],
      status: level === 0 ? 'open' : level === 1 ? 'accepted' : 'confirmed',
      expiresAt: new Date(now + 21 * DAY),
      decidedAt: level > 0 ? new Date(now - DAY) : null,
    })
    .returning({ id: proposals.id })
  if (level === 0) return
  await db.insert(proposalDecisions).values([
    { proposalId: p!.id, side: 'duren', decision: 'accept' },
    { proposalId: p!.id, side: 'jinhua', decision: 'accept' },
  ])
  if (level === 1) return
  await db.insert(proposalDecisions).values([
    { proposalId: p!.id, side: 'duren', decision: 'confirm' },
    { proposalId: p!.id, side: 'jinhua', decision: 'confirm' },
  ])
  const [ps] = await db
    .insert(partnerships)
    .values({
      proposalId: p!.id,
      interestA,
      interestB,
      institutionA: a.institutionId,
      institutionB: b.institutionId,
    })
    .returning({ id: partnerships.id })
  const done = level === 4
  const slots = done ? [slot(now, -60), slot(now, -59)] : [slot(now, 9), slot(now, 10), slot(now, 12)]
  const meetingId = crypto.randomUUID()
  await db.insert(meetings).values({
    id: meetingId,
    partnershipId: ps!.id,
    institutionA: a.institutionId,
    institutionB: b.institutionId,
    title: `Kennenlernen / Intro / 初次会面: ${a.name} – ${b.name}`,
    status: level === 2 ? 'proposed' : 'scheduled',
    slots,
    ...(level >= 3 ? { startAt: new Date(slots[0]!.start), endAt: new Date(slots[0]!.end) } : {}),
    uid: `meeting-${meetingId}@dueren-jinhua.exchange`,
    organizerEmail: ORGANIZER,
  })
  if (level === 2) return
  // The Jinhua group visits Düren: a plan with its windows, and for "visit done" the visit itself.
  const start = done ? now - 40 * DAY : now + 120 * DAY
  const window = {
    start: isoDay(start),
    end: isoDay(start + 6 * DAY),
    days: 7,
    hostOpenDays: 5,
    conflictDays: 0,
    conflicts: [],
  }
  const [plan] = await db
    .insert(visitPlans)
    .values({
      partnershipId: ps!.id,
      hostInstitutionId: a.institutionId,
      travellerInstitutionId: b.institutionId,
      direction: 'jinhua_to_duren',
      days: 7,
      groupSize: 14,
      rangeStart: isoDay(start - 14 * DAY),
      rangeEnd: isoDay(start + 45 * DAY),
      windows: [window],
      status: done ? 'booked' : 'open',
      ...(done ? { hostConfirmedStart: window.start, travellerConfirmedStart: window.start } : {}),
    })
    .returning({ id: visitPlans.id })
  if (!done) return
  const visitId = crypto.randomUUID()
  await db.insert(visits).values({
    id: visitId,
    visitPlanId: plan!.id,
    partnershipId: ps!.id,
    hostInstitutionId: a.institutionId,
    travellerInstitutionId: b.institutionId,
    title: `Besuch / Visit / 访问: ${b.name} → ${a.name}`,
    startDate: window.start,
    endDate: window.end,
    timeZone: 'Europe/Berlin',
    uid: `visit-${visitId}@dueren-jinhua.exchange`,
    organizerEmail: ORGANIZER,
  })
}
