import closeWithGrace from 'close-with-grace'
import { loadMatcherConfig, type MatcherConfig } from './config.js'
import { startMatcher } from './worker.js'

let config: MatcherConfig
try {
  config = loadMatcherConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const matcher = await startMatcher({
  config,
  logger: { level: config.LOG_LEVEL, name: 'dj-matcher' },
  listen: true,
})
const log = matcher.health.log
log.info({ port: config.MATCHER_PORT }, 'matcher started')
// close-with-grace enforces the hard deadline even if close() hangs; the worker has its own, shorter one.
closeWithGrace({ delay: config.SHUTDOWN_DEADLINE_MS + 2_000 }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'shutting down after an uncaught error')
  else log.info({ signal }, 'shutting down')
  await matcher.close()
})
