import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import helmet from '@fastify/helmet'
import multipart from '@fastify/multipart'
import Fastify, { type FastifyServerOptions } from 'fastify'
import { ApiClient } from './api-client.js'
import { loadAssets } from './assets.js'
import type { WebConfig } from './config.js'
import { html } from './html.js'
import { loggedRequest } from './http/log.js'
import { crossSitePost } from './http/origin.js'
import { messagePage, send } from './http/respond.js'
import { isUploadRoute, refuseUnexpectedMultipart } from './http/upload.js'
import { translate } from './i18n/index.js'
import { page, setAssets } from './layout.js'
import { accessibilityPages } from './pages/accessibility.js'
import { accountPages } from './pages/account.js'
import { adminOpsPages } from './pages/admin-ops.js'
import { adminUserPages } from './pages/admin-users.js'
import { authPages } from './pages/auth.js'
import { calendarPages } from './pages/calendar.js'
import { colleaguePages } from './pages/colleagues.js'
import { expressionPages } from './pages/expressions.js'
import { importPages, MAX_UPLOAD_BYTES } from './pages/imports.js'
import { inboxPages } from './pages/inbox.js'
import { institutionPages } from './pages/institutions.js'
import { officerPages } from './pages/officer.js'
import { officerReportPages } from './pages/officer-reports.js'
import { officerWorkPages } from './pages/officer-work.js'
import { proposalDetailPages } from './pages/proposal-detail.js'
import { proposalPages } from './pages/proposals.js'
import { schedulingPages } from './pages/scheduling.js'
import { searchPages } from './pages/search.js'
import { registerSession } from './session.js'
import { buildView } from './view.js'

export interface BuildOptions {
  config: WebConfig
  logger?: FastifyServerOptions['logger']
  /** Where people write about barriers (accessibility statement). */
  accessibilityContact?: string
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
  })
  const api = new ApiClient(config.API_URL, config.PROXY_SECRET)
  const assets = loadAssets(['app.css', 'app.js', 'favicon.svg'])
  setAssets({ css: assets.get('app.css')!.url, js: assets.get('app.js')!.url })
  const publicOrigin = new URL(config.PUBLIC_WEB_URL).origin

  const https = publicOrigin.startsWith('https:')
  // Security headers from @fastify/helmet: the strict CSP above, no framing, no sniffing.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  })
  // Answers sent while shutting down close their connection, so keep-alive cannot hold the stop up.
  let closing = false
  app.addHook('preClose', async () => {
    closing = true
  })
  app.addHook('onSend', async (_request, reply) => {
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
  app.addHook('onRequest', async (request, reply) => {
    if (isBare(request.url)) return
    request.view = await buildView(request, reply, { config, api })
    if (request.method !== 'POST') return
    if (crossSitePost(request, publicOrigin)) {
      request.log.warn('form post rejected: cross-site')
      return messagePage(request.view, reply, 'error.title', 'err.csrf', 403)
    }
    if (refuseUnexpectedMultipart(request, reply)) return reply
  })
  // The token of an urlencoded form (at most 64 KiB, parsed by now); multipart forms carry it as
  // their first part, checked by the upload route before it reads the file.
  app.addHook('preValidation', (request, reply, done) => {
    if (isBare(request.url) || request.method !== 'POST' || isUploadRoute(request)) return done()
    app.csrfProtection(request, reply, done)
  })

  // Before the pages are registered, so their errors (and the CSRF plugin's) get it too.
  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (request.view && /^FST_CSRF_/.test((error as { code?: string }).code ?? '')) {
      request.log.warn('form post rejected: CSRF token missing or wrong')
      return messagePage(request.view, reply, 'error.title', 'err.csrf', 403)
    }
    if (status >= 500) request.log.error({ err: error }, 'page failed')
    const code = Math.min(status, 500)
    if (!request.view) {
      return reply.status(code).type('text/plain; charset=utf-8').send(translate('de', 'err.generic'))
    }
    const v = request.view
    return send(reply, page(v, { title: v.t('error.title'), body: html`<p>${v.t('err.generic')}</p>` }), code)
  })

  app.get('/health', async () => ({ status: 'ok' }))

  app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
    const file = assets.get(request.params.name)
    if (!file) return reply.status(404).type('text/plain').send('not found')
    const versioned = typeof (request.query as { v?: unknown }).v === 'string'
    void reply.header('etag', file.etag)
    void reply.header(
      'cache-control',
      versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    )
    if (request.headers['if-none-match'] === file.etag) return reply.status(304).send()
    return reply.type(file.type).send(file.body)
  })
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(assets.get('favicon.svg')!.url, 301))

  await app.register(authPages)
  await app.register(accountPages)
  await app.register(institutionPages)
  await app.register(adminUserPages)
  await app.register(officerPages)
  await app.register(proposalPages)
  await app.register(proposalDetailPages)
  await app.register(expressionPages)
  await app.register(officerWorkPages)
  await app.register(searchPages)
  await app.register(inboxPages)
  await app.register(importPages)
  await app.register(schedulingPages)
  await app.register(calendarPages)
  await app.register(colleaguePages)
  await app.register(adminOpsPages)
  await app.register(officerReportPages)
  await app.register(accessibilityPages, {
    contactEmail: options.accessibilityContact ?? 'barrierefreiheit@kreis-dueren.de',
  })

  app.setNotFoundHandler(async (request, reply) => {
    if (!request.view) return reply.status(404).type('text/plain').send('not found')
    return messagePage(request.view, reply, 'notFound.title', 'notFound.body', 404)
  })

  return app
}

export type WebApp = Awaited<ReturnType<typeof buildApp>>
