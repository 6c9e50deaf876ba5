export { type App, type BuildOptions, buildApp } from './app.js'
export { loadSchedulerConfig, type SchedulerConfig, SchedulerEnv } from './config.js'
export { runRetention } from './retention.js'
export { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.js'
