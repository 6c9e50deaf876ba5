import closeWithGrace from 'close-with-grace'
import { loadRegistryWorkerConfig, startRegistryWorker } from './registry-worker-app.js'

let config: ReturnType<typeof loadRegistryWorkerConfig>
try {
  config = loadRegistryWorkerConfig()
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}

const running = await startRegistryWorker(config)
closeWithGrace({ delay: 15_000 }, async () => {
  await running.close()
})
