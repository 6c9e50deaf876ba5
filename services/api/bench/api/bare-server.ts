/**
 * The ceiling: a bare Fastify + postgres.js server that, per request, replays the statements the
 * API issued for one endpoint (recorded by capture.ts) and answers their rows. It authenticates
 * nothing and renders nothing; that is the point.
 *
 * Its postgres.js client comes from @dj/db's createDb, like the API's, so pool size, timeouts
 * and the type parsers drizzle installs on the client are the same; drizzle itself is not used.
 * Run as its own process (like the API), so neither shares an event loop with the load generator.
 *
 *   env: DATABASE_URL, BARE_RECORDINGS (file written by capture.ts), BARE_PORT (0: any)
 */
import { readFileSync } from 'node:fs'
import { createDb } from '@dj/db'
import Fastify from 'fastify'
import { decode } from './codec.js'
import { type Replayable, replay } from './replay.js'

const recordings = decode<Record<string, Replayable[]>>(readFileSync(process.env.BARE_RECORDINGS!, 'utf8'))
const handle = createDb(process.env.DATABASE_URL!, { applicationName: 'dj-bench-bare' })
const app = Fastify({ logger: false })

app.get('/health', async () => ({ status: 'ok' }))
app.get<{ Params: { name: string } }>('/bare/:name', async (request, reply) => {
  const statements = recordings[request.params.name]
  if (!statements) return reply.code(404).send({ error: 'no recording' })
  return { rows: await replay(handle.sql, statements) }
})

const stop = async () => {
  await app.close()
  await handle.close()
  process.exit(0)
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)

await app.listen({ port: Number(process.env.BARE_PORT ?? 0), host: '127.0.0.1' })
