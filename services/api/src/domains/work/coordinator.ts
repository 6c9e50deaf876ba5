import type { DbOrTx } from '@dj/db'
import { type SQL, sql } from 'drizzle-orm'
import type { Actor } from '../actor.js'

/** How many items of each kind the dashboard lists by name (the total says how many there are). */
export const TODO_ITEMS = 5

interface Item {
  id: string
  partner: string
}

/** The rows of a to-do query (each carrying the window's `total`) as total and items. */
async function todo<T extends Item>(db: DbOrTx, query: SQL): Promise<{ total: number; items: T[] }> {
  const rows = (await db.execute(query)) as unknown as (T & { total: number })[]
  return { total: rows[0]?.total ?? 0, items: rows.map(({ total: _t, ...rest }) => rest as unknown as T) }
}

/**
 * What waits for a coordinator's answer, across all their institutions: proposals nobody on
 * their side has answered, expressions of interest not yet returned, meetings whose slot is not
 * picked, and visit plans where their side has not (or not the same) window confirmed.
 */
export async function coordinatorToDos(db: DbOrTx, p: Actor) {
  const mine = sql`(select m.institution_id from memberships m where m.user_id = ${p.userId}::uuid)`
  const limit = sql`limit ${TODO_ITEMS}`
  // The window start my side (and the other side) confirmed on a visit plan.
  const ownStart = sql`(case when vp.host_institution_id in ${mine} then vp.host_confirmed_start
    else vp.traveller_confirmed_start end)`
  const otherStart = sql`(case when vp.host_institution_id in ${mine} then vp.traveller_confirmed_start
    else vp.host_confirmed_start end)`
  const [proposals, interests, meetings, visitPlans] = await Promise.all([
    todo<Item & { expiresAt: string | Date | null }>(
      db,
      sql`select p.id, partner.name as partner, p.expires_at as "expiresAt", count(*) over ()::int as total
        from proposals p
        join institutions partner on partner.id = case when p.institution_a in ${mine}
          then p.institution_b else p.institution_a end
        where p.status = 'open' and (
          (p.institution_a in ${mine} and not exists (select 1 from proposal_decisions d
            where d.proposal_id = p.id and d.side = 'duren' and d.decision in ('accept', 'decline')))
          or (p.institution_b in ${mine} and not exists (select 1 from proposal_decisions d
            where d.proposal_id = p.id and d.side = 'jinhua' and d.decision in ('accept', 'decline'))))
        order by p.expires_at nulls last, p.id ${limit}`,
    ),
    todo<Item>(
      db,
      sql`select e.id, partner.name as partner, count(*) over ()::int as total
        from interest_expressions e
        join interests target on target.id = e.to_interest_id and target.institution_id in ${mine}
        join interests source on source.id = e.from_interest_id
        join institutions partner on partner.id = source.institution_id
        where e.proposal_id is null and target.status = 'open' and source.status = 'open'
          and partner.status = 'verified'
          and not exists (select 1 from proposals p where p.interest_a in (e.from_interest_id, e.to_interest_id)
            and p.interest_b in (e.from_interest_id, e.to_interest_id) and p.status in ('open', 'accepted', 'confirmed'))
        order by e.created_at, e.id ${limit}`,
    ),
    todo<Item & { title: string }>(
      db,
      sql`select mt.id, mt.title, partner.name as partner, count(*) over ()::int as total
        from meetings mt
        join institutions partner on partner.id = case when mt.institution_a in ${mine}
          then mt.institution_b else mt.institution_a end
        where mt.status = 'proposed' and (mt.institution_a in ${mine} or mt.institution_b in ${mine})
        order by mt.created_at, mt.id ${limit}`,
    ),
    todo<Item & { days: number; partnerChose: boolean }>(
      db,
      sql`select vp.id, vp.days, partner.name as partner,
          ${otherStart} is not null as "partnerChose",
          count(*) over ()::int as total
        from visit_plans vp
        join institutions partner on partner.id = case when vp.host_institution_id in ${mine}
          then vp.traveller_institution_id else vp.host_institution_id end
        where vp.status = 'open' and (vp.host_institution_id in ${mine} or vp.traveller_institution_id in ${mine})
          and (${ownStart} is null or (${otherStart} is not null and ${ownStart} <> ${otherStart}))
        order by vp.created_at, vp.id ${limit}`,
    ),
  ])
  return {
    proposalsToAnswer: {
      ...proposals,
      items: proposals.items.map((i) => ({
        ...i,
        expiresAt: i.expiresAt ? new Date(i.expiresAt).toISOString() : null,
      })),
    },
    interestsToAnswer: interests,
    meetingsToPick: meetings,
    visitPlansToConfirm: visitPlans,
  }
}
