import { randomUUID } from 'node:crypto'
import compress from '@fastify/compress'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { ApiClient } from './api-client.js'
import { loadAssets, staticAssets } from './assets.js'
import type { WebConfig } from './config.js'
import { MAX_UPLOAD_BYTES } from './features/imports/imports.js'
import { features } from './features/index.js'
import { enforceAccess, requireDeclaredAccess } from './http/access.js'
import { pageErrorHandler } from './http/errors.js'
import { loggedRequest } from './http/log.js'
import { crossSitePost } from './http/origin.js'
import { messagePage } from './http/respond.js'
import { isUploadRoute, refuseUnexpectedMultipart } from './http/upload.js'
import { setAssets } from './layout.js'
import { registerSession } from './session.js'
import { buildView } from './view.js'

export interface BuildOptions {
  config: WebConfig
  logger?: FastifyServerOptions['logger']
}

/** Pages no script may frame, and that load nothing from any other host. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  objectSrc: ["'none'"],
}

/** Paths served without a session (no API call, no cookie). */
const isBare = (url: string) => url.startsWith('/static/') || url === '/health' || url === '/favicon.ico'

export async function buildApp(options: BuildOptions) {
  const { config } = options
  const app = Fastify({
    // Emailed links carry their token in the URL: the request log shows it cut out (http/log.ts).
    logger:
      options.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            serializers: { req: loggedRequest },
            ...(typeof options.logger === 'object' ? options.logger : {}),
          },
    genReqId: () => randomUUID(),
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    bodyLimit: 65_536,
  }).withTypeProvider<TypeBoxTypeProvider>()
  const api = new ApiClient(config.API_URL, config.PROXY_SECRET)
  const assets = loadAssets(['app.css', 'app.js', 'favicon.svg'])
  // The icon is named with its hashed URL: without it every browser asks /favicon.ico and follows a redirect.
  setAssets({
    css: assets.get('app.css')!.url,
    js: assets.get('app.js')!.url,
    icon: assets.get('favicon.svg')!.url,
  })
  const publicOrigin = new URL(config.PUBLIC_WEB_URL).origin

  const https = publicOrigin.startsWith('https:')
  // Security headers from @fastify/helmet: the strict CSP above, no framing, no sniffing.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  })
  // gzip or brotli for answers of 1 KiB and more (pages, CSS, script) when the browser asks; smaller
  // answers gain nothing. Form bodies are never decompressed. 1 KiB by measurement (README, Benchmarks).
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalCompression: true,
    globalDecompression: false,
  })
  // Answers sent while shutting down close their connection, so keep-alive cannot hold the stop up.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (request, reply) => {
    // A document's policy: the assets (stylesheet, script, icon) have no use for it (assets.ts).
    if (!request.url.startsWith('/static/'))
      void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    if (closing) void reply.header('connection', 'close')
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      void reply.header('cache-control', 'no-store')
    }
  })

  await app.register(cookie)
  await registerSession(app, config.SESSION_SECRET, https)
  await app.register(formbody)
  // Only the CSV upload is multipart. Nothing is buffered here: the upload route reads the parts
  // itself, after its access and CSRF checks (http/upload.ts).
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } })

  // Before any body is read: the session and who is reading, then for a form post the Origin and
  // Sec-Fetch-Site checks (CSRF is SameSite=Lax cookies, plus these, plus the synchronizer token).
  // Then the route's declared access (http/access.ts): not signed in goes to sign-in, the wrong
  // role gets 403, all before the body is read or validated.
  app.addHook('onRequest', async (request, reply) => {
    if (isBare(request.url)) return
    request.view = await buildView(request, reply, { config, api })
    if (request.method === 'POST' && crossSitePost(request, publicOrigin)) {
      request.log.warn('form post rejected: cross-site')
      return messagePage(request.view, reply, 'error.title', 'err.csrf', 403)
    }
    if (!enforceAccess(request, reply)) return reply
    if (request.method === 'POST' && refuseUnexpectedMultipart(request, reply)) return reply
  })
  // The token of an urlencoded form (at most 64 KiB, parsed by now); multipart forms carry it as
  // their first part, checked by the upload route before it reads the file.
  app.addHook('preValidation', (request, reply, done) => {
    if (isBare(request.url) || request.method !== 'POST' || isUploadRoute(request)) return done()
    app.csrfProtection(request, reply, done)
  })

  // Before the pages are registered, so their errors (and the CSRF plugin's) get it too.
  app.setErrorHandler(pageErrorHandler)
  requireDeclaredAccess(app)

  app.get('/health', { config: { access: 'public' } }, async () => ({ status: 'ok' }))
  await staticAssets(app, assets)
  app.get('/favicon.ico', { config: { access: 'public' } }, async (_request, reply) =>
    reply.redirect(assets.get('favicon.svg')!.url, 301),
  )
  await app.register(features, { accessibilityContact: config.ACCESSIBILITY_CONTACT, publicOrigin })

  app.setNotFoundHandler(async (request, reply) => {
    if (!request.view) return reply.status(404).type('text/plain').send('not found')
    return messagePage(request.view, reply, 'notFound.title', 'notFound.body', 404)
  })

  return app
}

export type WebApp = Awaited<ReturnType<typeof buildApp>>
