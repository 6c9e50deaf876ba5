import type { FastifyRequest } from 'fastify'

/**
 * A form post that a browser says comes from another site: its Origin is neither our public
 * origin nor the host it was sent to, or Sec-Fetch-Site names another site. Requests without
 * these headers (old browsers, tests) still need the CSRF token.
 */
export function crossSitePost(request: FastifyRequest, publicOrigin: string): boolean {
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site') return true
  const origin = request.headers.origin
  if (!origin) return false
  const host = request.headers.host
  return origin !== publicOrigin && (!host || origin !== `${request.protocol}://${host}`)
}
