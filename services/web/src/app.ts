import { randomUUID } from 'node:crypto'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import Fastify, { type FastifyRequest, type FastifyServerOptions } from 'fastify'
import { ApiClient } from './api-client.js'
import { loadAssets } from './assets.js'
import type { WebConfig } from './config.js'
import { html } from './html.js'
import { messagePage, send } from './http/respond.js'
import { translate } from './i18n/index.js'
import { page, setAssets } from './layout.js'
import { accessibilityPages } from './pages/accessibility.js'
import { accountPages } from './pages/account.js'
import { adminOpsPages } from './pages/admin-ops.js'
import { adminUserPages } from './pages/admin-users.js'
import { authPages } from './pages/auth.js'
import { calendarPages } from './pages/calendar.js'
import { colleaguePages } from './pages/colleagues.js'
import { importPages, MAX_UPLOAD_BYTES } from './pages/imports.js'
import { inboxPages } from './pages/inbox.js'
import { institutionPages } from './pages/institutions.js'
import { officerPages } from './pages/officer.js'
import { officerReportPages } from './pages/officer-reports.js'
import { proposalPages } from './pages/proposals.js'
import { schedulingPages } from './pages/scheduling.js'
import { searchPages } from './pages/search.js'
import { SessionSealer, sameToken } from './session.js'
import { buildView } from './view.js'

export interface BuildOptions {
  config: WebConfig
  logger?: FastifyServerOptions['logger']
  /** Where people write about barriers (accessibility statement). */
  accessibilityContact?: string
}

/** Pages no script may frame, and that load nothing from any other host. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')

/** Paths served without a session (no API call, no cookie). */
const isBare = (url: string) => url.startsWith('/static/') || url === '/health' || url === '/favicon.ico'

export async function buildApp(options: BuildOptions) {
  const { config } = options
  const app = Fastify({
    logger: options.logger ?? { level: config.LOG_LEVEL },
    genReqId: () => randomUUID(),
    trustProxy: (_address: string, hop: number) => hop < config.TRUST_PROXY_HOPS,
    bodyLimit: 65_536,
  })
  const api = new ApiClient(config.API_URL)
  const sealer = new SessionSealer(config.SESSION_SECRET)
  const assets = loadAssets(['app.css', 'app.js', 'favicon.svg'])
  setAssets({ css: assets.get('app.css')!.url, js: assets.get('app.js')!.url })
  const publicOrigin = new URL(config.PUBLIC_WEB_URL).origin

  await app.register(cookie)
  await app.register(formbody)
  // Only the CSV upload is multipart; fields land on request.body so the CSRF check can read them.
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
  })

  app.addHook('onSend', async (_request, reply) => {
    void reply.header('content-security-policy', CSP)
    void reply.header('x-content-type-options', 'nosniff')
    void reply.header('referrer-policy', 'same-origin')
    void reply.header('x-frame-options', 'DENY')
    void reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()')
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      void reply.header('cache-control', 'no-store')
    }
  })

  const expectedOrigins = (request: FastifyRequest) => {
    const host = request.headers.host
    return new Set([publicOrigin, ...(host ? [`${request.protocol}://${host}`] : [])])
  }

  app.addHook('preHandler', async (request, reply) => {
    if (isBare(request.url)) return
    request.view = await buildView(request, reply, { config, sealer, api })
    if (request.method !== 'POST') return
    // CSRF: SameSite=Lax cookies, plus an Origin check, plus a synchronizer token from the sealed session.
    const origin = request.headers.origin
    const field = (request.body as { _csrf?: unknown } | undefined)?._csrf
    // Multipart fields arrive as { value } objects.
    const token = field && typeof field === 'object' && 'value' in field ? field.value : field
    const originOk = !origin || expectedOrigins(request).has(origin)
    if (!originOk || !sameToken(typeof token === 'string' ? token : undefined, request.view.csrf)) {
      request.log.warn({ originOk }, 'form post rejected: CSRF check failed')
      return messagePage(request.view, reply, 'error.title', 'err.csrf', 403)
    }
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

  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'page failed')
    const code = Math.min(status, 500)
    if (!request.view) {
      return reply.status(code).type('text/plain; charset=utf-8').send(translate('de', 'err.generic'))
    }
    const v = request.view
    return send(reply, page(v, { title: v.t('error.title'), body: html`<p>${v.t('err.generic')}</p>` }), code)
  })

  return app
}

export type WebApp = Awaited<ReturnType<typeof buildApp>>
