import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadApiConfig } from './config.js'

let config: ReturnType<typeof loadApiConfig>
try {
  config = loadApiConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const app = await buildApp({ config })
closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'shutting down after an uncaught error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})
await app.listen({ port: config.PORT, host: config.HOST })
