import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildApp } from './app.js'
import { loadApiConfig } from './config.js'

const config = loadConfigOrExit(() => loadApiConfig())
const app = await buildApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.PORT, host: config.HOST })
