import { timingSafeEqual } from 'node:crypto'
import { isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

declare module 'fastify' {
  interface FastifyRequest {
    /** The address limits count against: the browser's when the web server vouches for it. */
    clientIp: string
  }
}

export const PROXY_SECRET_HEADER = 'x-dj-proxy-secret'

/**
 * The web server calls the API for every browser and names the browser's address in
 * X-Forwarded-For. Anyone can send that header, so it is believed only together with the
 * secret the web server shares with the API (PROXY_SECRET); otherwise the address is the
 * socket's, or what TRUST_PROXY_HOPS proxies in front of the API report.
 */
export const clientIpPlugin = fp(
  async (app) => {
    const secret = app.config.PROXY_SECRET ? Buffer.from(app.config.PROXY_SECRET) : null
    const vouched = (request: FastifyRequest) => {
      const given = request.headers[PROXY_SECRET_HEADER]
      if (!secret || typeof given !== 'string') return false
      const bytes = Buffer.from(given)
      return bytes.length === secret.length && timingSafeEqual(bytes, secret)
    }
    app.decorateRequest('clientIp', '')
    app.addHook('onRequest', async (request) => {
      const forwarded = request.headers['x-forwarded-for']
      // The web server appends the browser's address last.
      const named = typeof forwarded === 'string' ? forwarded.split(',').at(-1)?.trim() : undefined
      request.clientIp = named && isIP(named) && vouched(request) ? named : request.ip
    })
  },
  { name: 'client-ip', fastify: '5.x', dependencies: ['infrastructure'] },
)
