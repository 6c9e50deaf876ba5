import { randomUUID } from 'node:crypto'
import type { DbHandle } from '@dj/db'
import type { Producers } from '@dj/queue'
import compress from '@fastify/compress'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import type { ApiConfig } from './config.js'
import { Errors } from './http/errors.js'
import { problemHandler } from './http/problem.js'
import { authPlugin } from './plugins/auth.js'
import { bullBoardPlugin } from './plugins/bull-board.js'
import { drainPlugin } from './plugins/drain.js'
import healthRoutes from './plugins/health.js'
import { infrastructurePlugin } from './plugins/infrastructure.js'
import { openapiPlugin } from './plugins/openapi.js'
import { rateLimitPlugin } from './plugins/rate-limit.js'
import { sessionCachePlugin } from './plugins/session-cache.js'
import { useCasesPlugin } from './plugins/use-cases.js'
import adminUserRoutes from './routes/v1/admin-users.js'
import agreementRoutes from './routes/v1/agreement/index.js'
import authRoutes from './routes/v1/auth.js'
import fundingRoutes from './routes/v1/funding/index.js'
import glossaryRoutes from './routes/v1/glossary/index.js'
import matchingRoutes from './routes/v1/matching/index.js'
import meRoutes from './routes/v1/me.js'
import notificationRoutes from './routes/v1/notifications.js'
import officerReportingRoutes from './routes/v1/officer/index.js'
import publicPageRoutes from './routes/v1/public-pages/index.js'
import registryRoutes from './routes/v1/registry/index.js'
import renewRoutes from './routes/v1/renew/index.js'
import reportRoutes from './routes/v1/report/index.js'
import schedulingRoutes from './routes/v1/scheduling/index.js'
import tripRoutes from './routes/v1/trip/index.js'
import visaRoutes from './routes/v1/visa/index.js'
import workRoutes from './routes/v1/work/index.js'
import workspaceRoutes from './routes/v1/workspace/index.js'

export interface BuildOptions {
  config: ApiConfig
  dbHandle?: DbHandle
  producers?: Producers
  logger?: FastifyServerOptions['logger']
}

/** Builds the API without listening: tests inject requests, server.ts listens. */
export async function buildApp(options: BuildOptions) {
  const serverOptions: FastifyServerOptions = {
    logger: options.logger ?? {
      level: options.config.LOG_LEVEL,
      // Request bodies are never logged (Fastify's serializers leave them out); should one reach a
      // log call anyway, the visa letter's travellers and any body are censored.
      redact: { paths: ['body', 'req.body', 'travellers', '*.travellers'], censor: '[redacted]' },
    },
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID()
    },
    requestIdHeader: false,
    // Only trust X-Forwarded-For hops we were told about; otherwise the rate limits could be dodged.
    trustProxy: (_address: string, hop: number) => hop < options.config.TRUST_PROXY_HOPS,
    bodyLimit: 1_048_576,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }
  const app = Fastify(serverOptions).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })
  await app.register(drainPlugin)
  // gzip or brotli for answers of 1 KiB and more (lists, reports) when the caller asks; smaller
  // answers gain nothing. Request bodies are never decompressed. 1 KiB by measurement (README, Benchmarks).
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalCompression: true,
    globalDecompression: false,
  })
  app.setErrorHandler(problemHandler)
  app.setNotFoundHandler((request) => {
    throw new Errors.NotFound(`route ${request.method} ${request.url}`)
  })

  await app.register(infrastructurePlugin, {
    config: options.config,
    ...(options.dbHandle ? { dbHandle: options.dbHandle } : {}),
    ...(options.producers ? { producers: options.producers } : {}),
  })
  await app.register(openapiPlugin)
  await app.register(sessionCachePlugin)
  await app.register(authPlugin)
  await app.register(useCasesPlugin)
  await app.register(rateLimitPlugin)
  await app.register(healthRoutes)
  await app.register(bullBoardPlugin)
  await app.register(
    async (v1) => {
      await v1.register(authRoutes, { prefix: '/auth' })
      await v1.register(meRoutes)
      await v1.register(notificationRoutes)
      await v1.register(adminUserRoutes)
      await v1.register(registryRoutes)
      await v1.register(matchingRoutes)
      await v1.register(schedulingRoutes)
      await v1.register(officerReportingRoutes)
      await v1.register(workRoutes)
      await v1.register(workspaceRoutes)
      await v1.register(agreementRoutes)
      await v1.register(tripRoutes)
      await v1.register(visaRoutes)
      await v1.register(renewRoutes)
      await v1.register(reportRoutes)
      await v1.register(fundingRoutes)
      await v1.register(publicPageRoutes)
      await v1.register(glossaryRoutes)
    },
    { prefix: '/v1' },
  )
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>
