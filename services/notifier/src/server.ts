import { buildNotifier } from './app.js'
import { loadNotifierConfig } from './config.js'

let config: ReturnType<typeof loadNotifierConfig>
try {
  config = loadNotifierConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const notifier = await buildNotifier({ config })
let closing = false
async function shutdown(signal: string) {
  if (closing) return
  closing = true
  notifier.app.log.info({ signal }, 'shutting down')
  // Hard deadline: whatever still hangs after it, the process ends anyway.
  const hard = setTimeout(() => {
    notifier.app.log.error('shutdown deadline passed; exiting')
    process.exit(1)
  }, config.SHUTDOWN_DEADLINE_MS + 2_000)
  hard.unref()
  try {
    await notifier.close()
    process.exit(0)
  } catch (err) {
    notifier.app.log.error({ err }, 'shutdown failed')
    process.exit(1)
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('uncaughtException', (err) => {
  notifier.app.log.error({ err }, 'uncaught exception')
  void shutdown('uncaughtException')
})

await notifier.app.listen({ port: config.NOTIFIER_PORT, host: config.NOTIFIER_HOST })
notifier.start()
