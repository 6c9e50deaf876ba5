import type { DefaultJobOptions } from 'bullmq'

/**
 * Completed jobs are trimmed quickly, by count only: an age limit makes every job's completion
 * scan for expired ones, a cost `pnpm bench:notify` sees. Failed ones are kept long enough for
 * an admin to see and retry them. Never `removeOnFail: true`: a failure that vanishes cannot be
 * investigated.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { count: 5_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 50_000 },
}
