import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Role } from '../view.js'
import { messagePage, seeOther } from './respond.js'

/**
 * Who may open a page: everyone, any signed-in reader, or readers with one of these roles.
 * Declared on every route (`config: { access }`); object-level access is the API's to check.
 */
export type Access = 'public' | 'signed-in' | readonly Role[]

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access
    /** The route answers JSON to a script (progress polling): refusals are JSON too. */
    answers?: 'json'
  }
}

/** The route's declared access, for the hook and for tests that list the pages. */
export const accessOf = (request: FastifyRequest): Access | undefined => request.routeOptions.config?.access

/**
 * Enforces the route's access before any body is read or validated: a reader who is not signed in
 * is sent to sign in (and back afterwards), a reader without the role gets the 403 page.
 * Returns false when it has answered.
 */
export function enforceAccess(request: FastifyRequest, reply: FastifyReply): boolean {
  const access = accessOf(request)
  if (access === undefined || access === 'public') return true
  const v = request.view
  const json = request.routeOptions.config?.answers === 'json'
  if (!v.me) {
    if (json) void reply.status(403).send({ error: 'forbidden' })
    else void seeOther(reply, `/sign-in?notice=sign-in-required&next=${encodeURIComponent(v.here)}`)
    return false
  }
  if (access !== 'signed-in' && !access.includes(v.me.role)) {
    if (json) void reply.status(403).send({ error: 'forbidden' })
    else void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    return false
  }
  return true
}

/** Refuses, when the app is built, any route that forgot to say who may open it (as the API does). */
export function requireDeclaredAccess(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined)
      throw new Error(`web route ${route.method} ${route.url} declares no access (config.access)`)
  })
}
