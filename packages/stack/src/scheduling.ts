import type { App } from '@dj/api'
import { institutions, interests, meetings, memberships, partnerships } from '@dj/db'
import { groupVisitInterest } from '@dj/testkit'

/** An institution owned by `userId` (as the registry would leave it after verification). */
export async function ownInstitution(
  app: App,
  userId: string,
  side: 'duren' | 'jinhua',
  kind: 'school' | 'club',
  name: string,
) {
  const [inst] = await app.db
    .insert(institutions)
    .values({ side, name, status: 'verified', kind })
    .returning()
  await app.db.insert(memberships).values({ userId, institutionId: inst!.id, role: 'owner' })
  return inst!
}

async function interestOf(app: App, institutionId: string) {
  const [i] = await app.db.insert(interests).values(groupVisitInterest(institutionId)).returning()
  return i!
}

/** A confirmed partnership as the matcher creates it: a is the Düren side, b the Jinhua side. */
export async function partnershipBetween(app: App, duren: string, jinhua: string) {
  const [p] = await app.db
    .insert(partnerships)
    .values({
      interestA: (await interestOf(app, duren)).id,
      interestB: (await interestOf(app, jinhua)).id,
      institutionA: duren,
      institutionB: jinhua,
    })
    .returning()
  return p!
}

/** The intro meeting the scheduler proposes on partnership.confirmed (fixture: services don't share code). */
export async function proposedMeeting(app: App, partnershipId: string, a: string, b: string, starts: Date[]) {
  const id = crypto.randomUUID()
  const [m] = await app.db
    .insert(meetings)
    .values({
      id,
      partnershipId,
      institutionA: a,
      institutionB: b,
      title: 'Kennenlernen / Intro / 初次会面',
      status: 'proposed',
      slots: starts.map((s) => ({
        start: s.toISOString(),
        end: new Date(s.getTime() + 3_600_000).toISOString(),
        allInsideWorkingHours: true,
        participants: [],
      })),
      uid: `meeting-${id}@dueren-jinhua.exchange`,
      organizerEmail: 'termine@dueren-jinhua.example',
    })
    .returning()
  return m!
}
