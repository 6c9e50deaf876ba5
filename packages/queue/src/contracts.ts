import type { DomainEvent, DomainEventType } from '@dj/contracts'

export const QUEUE_NAMES = ['notify', 'match', 'schedule', 'registry'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

/** What the relay puts on a queue for one outbox row; the job id is the outbox id. */
export interface OutboxEnvelope<E extends DomainEvent = DomainEvent> {
  outboxId: string
  event: E
}

/** Job name → payload, per queue. Producers and processors are typed from this one map. */
export interface JobContracts {
  notify: { 'outbox.event': OutboxEnvelope; 'digest.send': { userId: string; day: string } }
  match: { 'outbox.event': OutboxEnvelope }
  schedule: {
    'outbox.event': OutboxEnvelope
    'timer.fire': { timerId: string }
    /** Periodic work started by a BullMQ job scheduler (timer re-sync, expiry sweeps, purge). */
    'sweep.run': { sweep: 'timers.resync' | 'timers.plan' | 'accounts.purge' | 'reports.open' }
  }
  registry: { 'outbox.event': OutboxEnvelope }
}

export type JobName<Q extends QueueName> = keyof JobContracts[Q] & string
export type JobData<Q extends QueueName, N extends JobName<Q>> = JobContracts[Q][N]

/** Runtime list of the job names in JobContracts, used by the start-up processor check. */
export const JOB_NAMES: { [Q in QueueName]: readonly JobName<Q>[] } = {
  notify: ['outbox.event', 'digest.send'],
  match: ['outbox.event'],
  schedule: ['outbox.event', 'timer.fire', 'sweep.run'],
  registry: ['outbox.event'],
}

/**
 * Which queues consume each event type. The outbox writes one row per subscriber so each
 * consumer's progress is tracked on its own and one slow consumer never holds back another.
 */
export const EVENT_SUBSCRIBERS: { [T in DomainEventType]: readonly QueueName[] } = {
  'auth.email_verification_requested': ['notify'],
  'auth.password_reset_requested': ['notify'],
  'auth.password_changed': ['notify'],
  'auth.registration_attempted': ['notify'],
  'membership.invited': ['notify'],
  'institution.verified': ['notify'],
  'institution.rejected': ['notify'],
  'institution.suspended': ['notify'],
  'institution.reinstated': ['notify'],
  'institution.claim_requested': ['notify'],
  'institution.claim_decided': ['notify'],
  'import.requested': ['registry'],
  'import.finished': ['notify'],
  'interest.reconfirm_requested': ['notify'],
  'round.requested': ['match'],
  'round.finished': ['notify'],
  'proposal.created': ['notify'],
  'proposal.accepted': ['notify'],
  'proposal.declined': ['notify'],
  'proposal.expiring': ['notify'],
  'proposal.expired': ['notify'],
  'proposal.officer_confirmed': ['notify'],
  'partnership.confirmed': ['notify', 'schedule'],
  'interest.expressed': ['notify'],
  'meeting.slots_proposed': ['notify'],
  'visit_plan.proposed': ['notify'],
  'visit_plan.window_confirmed': ['notify'],
  'visit_plan.dropped': ['notify'],
  'message.posted': ['notify'],
  // The scheduler plans and cancels the signature reminders from these.
  'agreement.ready': ['notify', 'schedule'],
  'agreement.signed': ['notify', 'schedule'],
  'agreement.voided': ['notify', 'schedule'],
  'agreement.completed': ['notify', 'schedule'],
  'agreement.reminder': ['notify'],
  'agreement.overdue': ['notify'],
  'meeting.scheduled': ['notify', 'schedule'],
  'meeting.changed': ['notify', 'schedule'],
  'meeting.cancelled': ['notify', 'schedule'],
  'visit.scheduled': ['notify', 'schedule'],
  'visit.changed': ['notify', 'schedule'],
  'visit.cancelled': ['notify', 'schedule'],
  'reminder.due': ['notify'],
  'trip.checklist_due': ['notify'],
  'funding.deadline_near': ['notify'],
  'report.requested': ['notify'],
  'report.reminder': ['notify'],
  'report.overdue': ['notify'],
  'report.filed': ['notify'],
  'exchange.renewed': ['notify'],
  // Internal: the scheduler re-syncs the checklist and funding-deadline timers from these.
  'trip.plan_changed': ['schedule'],
  'funding.programme_changed': ['schedule'],
  'digest.due': ['notify'],
}
