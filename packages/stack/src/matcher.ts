// The matcher run in process: its app (health endpoints that own the worker) built and started
// the way its server.ts does, on the test's database and Redis prefix.
import { type App, type BuildOptions, buildApp } from '@dj/matcher'

export interface StartOptions extends BuildOptions {
  /** Listen on MATCHER_PORT for /health and /ready; tests usually skip it (they inject). */
  listen?: boolean
}

export interface Matcher {
  worker: App['matcher']['worker']
  relay: App['matcher']['relay']
  dbHandle: App['matcher']['dbHandle']
  producers: App['matcher']['producers']
  /** The matcher's app: /health, /ready, and `app.matcher`. */
  health: App
  /** Closes the app: stops taking work, waits for the running round up to the deadline. */
  close(): Promise<void>
}

/** Worker on queue `match`, the relay for the rows it consumes, and the health endpoints, started. */
export async function startMatcher(options: StartOptions): Promise<Matcher> {
  const { listen, ...build } = options
  const app = await buildApp({ logger: false, ...build })
  if (listen) await app.listen({ port: build.config.MATCHER_PORT, host: build.config.MATCHER_HOST })
  else await app.ready()
  const { worker, relay, dbHandle, producers } = app.matcher
  return {
    worker,
    relay,
    dbHandle,
    producers,
    health: app,
    async close() {
      await app.close()
    },
  }
}

export { loadMatcherConfig, type MatcherConfig, processRound } from '@dj/matcher'
