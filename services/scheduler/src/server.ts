import closeWithGrace from 'close-with-grace'
import { buildHealthApp } from './app.js'
import { loadSchedulerConfig, type SchedulerConfig } from './config.js'
import { createScheduler, type Scheduler } from './scheduler.js'

let config: SchedulerConfig
try {
  config = loadSchedulerConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

let scheduler: Scheduler | undefined
const app = await buildHealthApp({
  // The scheduler is created right below; until then the dependencies are reported down.
  deps: () => scheduler,
  logger: { level: config.LOG_LEVEL, name: 'scheduler' },
})
scheduler = createScheduler({ config, log: app.log })

// Hard deadline: whatever still runs after it is abandoned and the process exits.
closeWithGrace({ delay: config.SHUTDOWN_DEADLINE_MS + 2_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
  await scheduler?.stop(config.SHUTDOWN_DEADLINE_MS)
})

await scheduler.start()
await app.listen({ port: config.SCHEDULER_PORT, host: config.SCHEDULER_HOST })
