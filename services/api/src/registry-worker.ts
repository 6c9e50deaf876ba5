import { loadConfigOrExit, stopOnSignals } from '@dj/config'
import { buildRegistryWorkerApp, loadRegistryWorkerConfig } from './registry-worker-app.js'

const config = loadConfigOrExit(() => loadRegistryWorkerConfig())
const app = await buildRegistryWorkerApp({ config })
stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
await app.listen({ port: config.REGISTRY_WORKER_PORT, host: config.HOST })
