import type { Db } from '@dj/db'
import { sql } from 'drizzle-orm'
import type { SchedulerConfig } from './config.js'
import { syncAllFundingDeadlines } from './funding-deadlines.js'
import { insertTimers, type TimerClock, type TimerSpec, timerId } from './timers.js'

const DAY_MS = 86_400_000

type PlanConfig = Pick<
  SchedulerConfig,
  'PROPOSAL_EXPIRING_DAYS' | 'INTEREST_RECONFIRM_DAYS' | 'INTEREST_GRACE_DAYS'
>

/**
 * Interest timers are only created once they are due within this horizon (planning runs hourly), so
 * the pending set and the per-minute re-sync stay small however many interests exist.
 */
const INTEREST_HORIZON_MS = 14 * DAY_MS

/**
 * Makes sure every open proposal has its "expiring" and "expire" timers and every open interest its
 * yearly re-confirmation and pause timers. Timer ids carry the deadline (in microseconds, as stored),
 * so a changed deadline (re-confirmed interest) gets new timers and the old ones fire as stale.
 */
export async function planTimers(db: Db, clock: TimerClock, config: PlanConfig): Promise<number> {
  const specs: TimerSpec[] = []
  const proposals = (await db.execute(sql`
    select id, expires_at::text as at_text, expires_at as at,
      (extract(epoch from expires_at) * 1000000)::bigint::text as us, expires_at > now() as future
    from proposals where status = 'open' and expires_at is not null`)) as unknown as {
    id: string
    at_text: string
    at: string | Date
    us: string
    future: boolean
  }[]
  for (const p of proposals) {
    const at = new Date(p.at)
    const payload = { proposalId: p.id, expiresAt: p.at_text }
    if (p.future) {
      specs.push({
        id: timerId('proposal-expiring', p.id, p.us),
        kind: 'proposal.expiring',
        target: `proposal:${p.id}`,
        fireAt: new Date(at.getTime() - config.PROPOSAL_EXPIRING_DAYS * DAY_MS),
        payload,
      })
    }
    specs.push({
      id: timerId('proposal-expire', p.id, p.us),
      kind: 'proposal.expire',
      target: `proposal:${p.id}`,
      fireAt: at,
      payload,
    })
  }
  const interests = (await db.execute(sql`
    select id, last_confirmed_at::text as at_text, last_confirmed_at as at,
      (extract(epoch from last_confirmed_at) * 1000000)::bigint::text as us
    from interests where status = 'open'`)) as unknown as {
    id: string
    at_text: string
    at: string | Date
    us: string
  }[]
  for (const i of interests) {
    const base = new Date(i.at).getTime()
    const reconfirmAt = new Date(base + config.INTEREST_RECONFIRM_DAYS * DAY_MS)
    const pauseAt = new Date(reconfirmAt.getTime() + config.INTEREST_GRACE_DAYS * DAY_MS)
    const payload = { interestId: i.id, lastConfirmedAt: i.at_text, deadline: pauseAt.toISOString() }
    if (reconfirmAt.getTime() > Date.now() + INTEREST_HORIZON_MS) continue
    specs.push(
      {
        id: timerId('interest-reconfirm', i.id, i.us),
        kind: 'interest.reconfirm',
        target: `interest:${i.id}`,
        fireAt: reconfirmAt,
        payload,
      },
      {
        id: timerId('interest-pause', i.id, i.us),
        kind: 'interest.pause',
        target: `interest:${i.id}`,
        fireAt: pauseAt,
        payload,
      },
    )
  }
  let added = 0
  for (let i = 0; i < specs.length; i += 500) {
    const rows = await insertTimers(db, specs.slice(i, i + 500))
    added += rows.length
    await clock.arm(rows)
  }
  // Programme deadlines recur every year: the hourly planning keeps the next ones timed.
  added += await syncAllFundingDeadlines(db, clock)
  return added
}
