import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildApp } from './app.js'
import { loadMatcherConfig } from './config.js'

const config = loadConfigOrExit(() => loadMatcherConfig())
const app = await buildApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.MATCHER_PORT, host: config.MATCHER_HOST })
