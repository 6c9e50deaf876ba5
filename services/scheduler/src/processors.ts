import type { Db } from '@dj/db'
import { consumeOutboxJob } from '@dj/outbox'
import type { OutboxEnvelope, Processor, ProcessorEntry } from '@dj/queue'
import { syncAgreementReminders } from './agreement-reminders.js'
import { syncChecklistReminders } from './checklist-reminders.js'
import type { SchedulerConfig } from './config.js'
import { fireTimer } from './fire.js'
import { syncFundingDeadlines } from './funding-deadlines.js'
import { proposeIntroMeeting } from './meetings.js'
import { syncReminders } from './reminders.js'
import { openEndedVisitReports } from './reports.js'
import { runRetention } from './retention.js'
import { planTimers } from './sweeps.js'
import type { TimerClock, TimerRow } from './timers.js'

export interface ProcessorContext {
  db: Db
  clock: TimerClock
  config: SchedulerConfig
  now?: () => Date
}

/** Handles one event from the outbox; timers change in the DB first, Redis follows after commit. */
export async function handleEvent(ctx: ProcessorContext, envelope: OutboxEnvelope): Promise<void> {
  const now = ctx.now?.() ?? new Date()
  const outcome = await consumeOutboxJob(ctx.db, envelope, async (tx) => {
    const e = envelope.event
    let added: TimerRow[] = []
    let cancelled: string[] = []
    switch (e.type) {
      case 'partnership.confirmed':
        await proposeIntroMeeting(tx, e.partnershipId, ctx.config, now)
        break
      case 'meeting.scheduled':
      case 'meeting.changed':
      case 'meeting.cancelled':
        ;({ added, cancelled } = await syncReminders(tx, 'meeting', e.meetingId, now))
        break
      case 'agreement.ready':
      case 'agreement.signed':
      case 'agreement.voided':
      case 'agreement.completed':
        ;({ added, cancelled } = await syncAgreementReminders(tx, e.agreementId))
        break
      case 'visit.scheduled':
      case 'visit.changed':
      case 'visit.cancelled':
        ;({ added, cancelled } = await syncReminders(tx, 'visit', e.visitId, now))
        break
      // Issue 13: the trip helper syncs the checklist timers here.
      case 'trip.plan_changed': {
        const checklist = await syncChecklistReminders(tx, e.tripPlanId, now)
        added = [...added, ...checklist.added]
        cancelled = [...cancelled, ...checklist.cancelled]
        break
      }
      // Issue 13: the funding helper syncs the deadline timers here.
      case 'funding.programme_changed': {
        const funding = await syncFundingDeadlines(tx, e.programmeId, now)
        added = [...added, ...funding.added]
        cancelled = [...cancelled, ...funding.cancelled]
        break
      }
      default:
        break
    }
    return { added, cancelled }
  })
  if (outcome.skipped) return
  await ctx.clock.disarm(outcome.result.cancelled)
  await ctx.clock.arm(outcome.result.added, now.getTime())
}

export function schedulerProcessors(ctx: ProcessorContext): ProcessorEntry<'schedule'>[] {
  const outboxEvent: Processor<'schedule', 'outbox.event'> = (job) => handleEvent(ctx, job.data)
  const timerFire: Processor<'schedule', 'timer.fire'> = (job) => fireTimer(ctx.db, job.data.timerId)
  const sweep: Processor<'schedule', 'sweep.run'> = async (job) => {
    switch (job.data.sweep) {
      case 'timers.resync':
        return ctx.clock.resync(ctx.db)
      case 'timers.plan':
        return planTimers(ctx.db, ctx.clock, ctx.config)
      case 'accounts.purge':
        return runRetention(ctx.db, ctx.config, ctx.now?.())
      case 'reports.open':
        return openEndedVisitReports(ctx.db, ctx.clock, ctx.now?.())
    }
  }
  return [
    ['outbox.event', outboxEvent],
    ['timer.fire', timerFire],
    ['sweep.run', sweep],
  ]
}
