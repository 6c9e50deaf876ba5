import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildApp } from './app.js'
import { loadNotifierConfig } from './config.js'

const config = loadConfigOrExit(() => loadNotifierConfig())
const app = await buildApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.NOTIFIER_PORT, host: config.NOTIFIER_HOST })
