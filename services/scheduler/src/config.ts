import { CommonEnv, type LoadOptions, loadConfig, OrganizerEnv, Port, ShutdownDeadline } from '@dj/config'
import Type, { type Static } from 'typebox'

export const SchedulerEnv = Type.Object({
  ...CommonEnv,
  SCHEDULER_PORT: Port(3014),
  SCHEDULER_HOST: Type.String({ default: '127.0.0.1' }),
  ...OrganizerEnv,
  INTRO_MEETING_MINUTES: Type.Integer({ minimum: 15, maximum: 240, default: 60 }),
  /** Intro slots are proposed from tomorrow over this many days. */
  INTRO_MEETING_RANGE_DAYS: Type.Integer({ minimum: 3, maximum: 60, default: 21 }),
  PROPOSAL_EXPIRING_DAYS: Type.Integer({ minimum: 1, maximum: 30, default: 3 }),
  INTEREST_RECONFIRM_DAYS: Type.Integer({ minimum: 1, default: 365 }),
  INTEREST_GRACE_DAYS: Type.Integer({ minimum: 1, default: 30 }),
  /**
   * What is left of a deleted account (delivery records, inbox, events naming it, tokens) is
   * erased this long after the deletion; address and name go at once.
   */
  RETENTION_DAYS: Type.Integer({ minimum: 0, default: 30 }),
  /** Outbox rows done, and the event copies in sent delivery records, are dropped after this. */
  OUTBOX_RETENTION_DAYS: Type.Integer({ minimum: 1, default: 7 }),
  /** How often pending timers are compared with Redis and missing jobs re-added. */
  RESYNC_INTERVAL_MS: Type.Integer({ minimum: 1_000, default: 60_000 }),
  SHUTDOWN_DEADLINE_MS: ShutdownDeadline(1_000),
})
export type SchedulerConfig = Static<typeof SchedulerEnv>

export function loadSchedulerConfig(options?: LoadOptions): SchedulerConfig {
  return loadConfig(SchedulerEnv, options)
}
