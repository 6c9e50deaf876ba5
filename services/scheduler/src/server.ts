import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildApp } from './app.js'
import { loadSchedulerConfig } from './config.js'

const config = loadConfigOrExit(() => loadSchedulerConfig())
const app = await buildApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.SCHEDULER_PORT, host: config.SCHEDULER_HOST })
