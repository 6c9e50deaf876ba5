// The scheduler's parts without HTTP, for tests that build it, start it and stop it themselves
// (its app, `buildApp` from @dj/scheduler, owns the same parts and starts them when ready).
export { createScheduler, loadSchedulerConfig, runRetention, type Scheduler } from '@dj/scheduler'
