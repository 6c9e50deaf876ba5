import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadWebConfig, type WebConfig } from './config.js'

let config: WebConfig
try {
  config = loadWebConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const app = await buildApp({
  config,
  ...(process.env['ACCESSIBILITY_CONTACT']
    ? { accessibilityContact: process.env['ACCESSIBILITY_CONTACT'] }
    : {}),
})
closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})
await app.listen({ port: config.WEB_PORT, host: config.WEB_HOST })
