import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildApp } from './app.js'
import { loadWebConfig } from './config.js'

const config = loadConfigOrExit(() => loadWebConfig())
const app = await buildApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.WEB_PORT, host: config.WEB_HOST })
