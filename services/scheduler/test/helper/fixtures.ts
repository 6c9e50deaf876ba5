import {
  type Db,
  institutions,
  interests,
  meetings,
  memberships,
  partnerships,
  users,
  visitPlans,
  visits,
} from '@dj/db'
import { groupVisitInterest } from '@dj/testkit'
import { eq } from 'drizzle-orm'

let n = 0

/** A user owning a verified institution on `side`, with a time zone. */
export async function institutionWithOwner(db: Db, side: 'duren' | 'jinhua', timeZone: string) {
  n += 1
  const [u] = await db
    .insert(users)
    .values({ email: `owner${n}-${side}@example.org`, displayName: `Owner ${n}`, timeZone })
    .returning()
  const [inst] = await db
    .insert(institutions)
    .values({
      side,
      name: `${side === 'duren' ? 'Schule' : '学校'} ${n}`,
      status: 'verified',
      kind: 'school',
    })
    .returning()
  await db.insert(memberships).values({ userId: u!.id, institutionId: inst!.id, role: 'owner' })
  return { user: u!, inst: inst! }
}

export async function interestOf(db: Db, institutionId: string) {
  const [i] = await db.insert(interests).values(groupVisitInterest(institutionId)).returning()
  return i!
}

/** A partnership between a Düren and a Jinhua institution (as the matcher would create it). */
export async function partnershipFixture(db: Db) {
  const a = await institutionWithOwner(db, 'duren', 'Europe/Berlin')
  const b = await institutionWithOwner(db, 'jinhua', 'Asia/Shanghai')
  const ia = await interestOf(db, a.inst.id)
  const ib = await interestOf(db, b.inst.id)
  const [p] = await db
    .insert(partnerships)
    .values({ interestA: ia.id, interestB: ib.id, institutionA: a.inst.id, institutionB: b.inst.id })
    .returning()
  return { a, b, partnership: p! }
}

/** A scheduled meeting starting at `start` (as the API's choose would leave it). */
export async function scheduledMeeting(db: Db, start: Date, minutes = 60) {
  const { a, b, partnership } = await partnershipFixture(db)
  const id = crypto.randomUUID()
  const [m] = await db
    .insert(meetings)
    .values({
      id,
      partnershipId: partnership.id,
      institutionA: a.inst.id,
      institutionB: b.inst.id,
      title: 'Intro',
      status: 'scheduled',
      startAt: start,
      endAt: new Date(start.getTime() + minutes * 60_000),
      uid: `meeting-${id}@test`,
      organizerEmail: 'org@example.org',
    })
    .returning()
  return m!
}

export async function meetingById(db: Db, id: string) {
  const [m] = await db.select().from(meetings).where(eq(meetings.id, id))
  return m!
}

/** A booked visit (as the API leaves it once both sides confirmed a window). */
export async function scheduledVisit(db: Db, startDate: string, endDate: string) {
  const { a, b, partnership } = await partnershipFixture(db)
  const [plan] = await db
    .insert(visitPlans)
    .values({
      partnershipId: partnership.id,
      hostInstitutionId: a.inst.id,
      travellerInstitutionId: b.inst.id,
      direction: 'jinhua_to_duren',
      days: 7,
      groupSize: 10,
      rangeStart: startDate,
      rangeEnd: endDate,
      status: 'booked',
    })
    .returning()
  const id = crypto.randomUUID()
  const [v] = await db
    .insert(visits)
    .values({
      id,
      visitPlanId: plan!.id,
      partnershipId: partnership.id,
      hostInstitutionId: a.inst.id,
      travellerInstitutionId: b.inst.id,
      title: 'Besuch',
      startDate,
      endDate,
      timeZone: 'Europe/Berlin',
      uid: `visit-${id}@test`,
      organizerEmail: 'org@example.org',
    })
    .returning()
  return v!
}
