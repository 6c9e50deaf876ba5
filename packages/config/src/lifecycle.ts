import closeWithGrace from 'close-with-grace'

// The two pieces every service's server.ts shares:
//   const config = loadConfigOrExit(loadXConfig)
//   const app = await buildApp({ config })
//   stopOnSignals(app, { deadlineMs: config.SHUTDOWN_DEADLINE_MS })
//   await app.listen({ port, host })

/** Loads a service's config; on a problem prints it and ends the process with exit code 1. */
export function loadConfigOrExit<C>(load: () => C): C {
  try {
    return load()
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}

/** What stopOnSignals needs of an app: a Fastify instance fits. */
export interface Stoppable {
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void }
  close(): Promise<unknown>
}

/** After the service's own deadline, this long is left for the rest of close before the process is ended. */
export const HARD_STOP_MARGIN_MS = 2_000

/**
 * On SIGINT, SIGTERM or an uncaught error, closes the app (its onClose hooks stop the work within
 * `deadlineMs`) and exits 0, or 1 after an error; if close still hangs `deadlineMs` +
 * HARD_STOP_MARGIN_MS after the signal, the process is ended with 1.
 */
export function stopOnSignals(app: Stoppable, options: { deadlineMs: number }) {
  return closeWithGrace({ delay: options.deadlineMs + HARD_STOP_MARGIN_MS }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'shutting down after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    await app.close()
  })
}
