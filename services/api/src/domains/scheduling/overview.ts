import { type DbOrTx, meetings, visitPlans, visits } from '@dj/db'
import { desc, eq } from 'drizzle-orm'
import type { Actor } from '../actor.js'
import { loadPartnership, pairAccess } from './access.js'
import { meetingView } from './meetings.js'
import { planView, visitView } from './visits.js'

/** Everything scheduled for one partnership, so the web app can find meetings and visits. */
export async function partnershipSchedule(db: DbOrTx, p: Actor, partnershipId: string) {
  const ps = await loadPartnership(db, partnershipId)
  const access = await pairAccess(db, p, [ps.institutionA, ps.institutionB], 'partnership')
  const [ms, plans, vs] = await Promise.all([
    db
      .select()
      .from(meetings)
      .where(eq(meetings.partnershipId, partnershipId))
      .orderBy(desc(meetings.createdAt)),
    db
      .select()
      .from(visitPlans)
      .where(eq(visitPlans.partnershipId, partnershipId))
      .orderBy(desc(visitPlans.createdAt)),
    db.select().from(visits).where(eq(visits.partnershipId, partnershipId)).orderBy(desc(visits.createdAt)),
  ])
  return {
    meetings: ms.map((m) => meetingView(m, access)),
    visitPlans: plans.map((v) => planView(v, access, vs.find((x) => x.visitPlanId === v.id) ?? null)),
    visits: vs.map((v) => visitView(v, access)),
  }
}
