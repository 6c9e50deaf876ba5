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
    const dbHandle = opts.dbHandle ?? createDb(opts.config.DATABASE_URL, { applicationName: 'dj-api' })
    const producers = opts.producers ?? createProducers(opts.config)
    app.decorate('dbHandle', dbHandle)
    app.decorate('db', dbHandle.db)
    app.decorate('producers', producers)
    app.addHook('onClose', async () => {
      if (!opts.producers) await producers.close()
      if (!opts.dbHandle) await dbHandle.close()
    })
  },
  { name: 'infrastructure', fastify: '5.x' },
)
