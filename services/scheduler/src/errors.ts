/** Deliberate scheduler errors carry a `SCHEDULER_` code. */
export class SchedulerError extends Error {
  constructor(
    readonly code: 'SCHEDULER_UNKNOWN_TIMER_KIND',
    message: string,
  ) {
    super(`${code}: ${message}`)
    this.name = 'SchedulerError'
  }
}
