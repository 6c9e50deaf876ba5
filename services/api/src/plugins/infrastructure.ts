import { createDb, type Db, type DbHandle } from '@dj/db'
import { createProducers, type Producers } from '@dj/queue'
import fp from 'fastify-plugin'
import type { ApiConfig } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: ApiConfig
    db: Db
    dbHandle: DbHandle
    producers: Producers
  }
}

export interface InfrastructureOptions {
  config: ApiConfig
  /** Injected by tests that share one handle; otherwise created from config and closed on close. */
  dbHandle?: DbHandle
  producers?: Producers
}

/** Config, PostgreSQL and the queue producers, each closed when the app closes. */
export const infrastructurePlugin = fp<InfrastructureOptions>(
  async (app, opts) => {
    app.decorate('config', opts.config)
    // Custom plans: the partner search runs as prepared statements whose best plan depends on the word.
    const dbHandle =
      opts.dbHandle ?? createDb(opts.config.DATABASE_URL, { applicationName: 'dj-api', customPlans: true })
    const producers = opts.producers ?? createProducers(opts.config)
    app.decorate('dbHandle', dbHandle)
    app.decorate('db', dbHandle.db)
    app.decorate('producers', producers)
    // The producer connection rejects commands until it is connected (no offline queue), so the
    // first requests after start would get 503 from a healthy Redis. Wait for it, briefly: a
    // Redis that is down must not keep the API from starting (it answers 503 until Redis is back).
    app.addHook('onReady', async () => {
      const { connection } = producers
      if (connection.status === 'ready') return
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer)
          connection.off('ready', done)
          resolve()
        }
        const timer = setTimeout(done, 2_000)
        connection.once('ready', done)
      })
    })
    app.addHook('onClose', async () => {
      if (!opts.producers) await producers.close()
      if (!opts.dbHandle) await dbHandle.close()
    })
  },
  { name: 'infrastructure', fastify: '5.x' },
)
