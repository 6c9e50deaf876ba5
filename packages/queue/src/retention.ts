import type { DefaultJobOptions } from 'bullmq'

/**
 * Completed jobs are trimmed quickly; failed ones are kept long enough for an admin to see and
 * retry them. Never `removeOnFail: true`: a failure that vanishes cannot be investigated.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 5_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
}
