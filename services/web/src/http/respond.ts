import type { FastifyReply, FastifyRequest } from 'fastify'
import { type Html, html } from '../html.js'
import type { MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { Role, View } from '../view.js'

export function send(reply: FastifyReply, body: Html, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(body.value)
}

/** POST → redirect → GET: 303 so the browser follows with GET and Back/Reload do not resend the form. */
export function seeOther(reply: FastifyReply, location: string) {
  return reply.redirect(location, 303)
}

/** Only same-site paths, so ?next= cannot send people elsewhere. */
export function safeNext(value: unknown, fallback = '/'): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : fallback
}

export function messagePage(
  v: View,
  reply: FastifyReply,
  title: MessageKey,
  body: MessageKey,
  status: number,
) {
  return send(
    reply,
    page(v, { title: v.t(title), body: html`<p>${v.t(body)}</p><p><a href="/">${v.t('nav.home')}</a></p>` }),
    status,
  )
}

/**
 * Sends people who are not signed in to the sign-in page (and back afterwards), and people
 * without the role to a 403 page. Returns the account when the page may be shown.
 */
export function requireRole(request: FastifyRequest, reply: FastifyReply, roles: Role[] | 'any') {
  const v = request.view
  if (!v.me) {
    void seeOther(reply, `/sign-in?notice=sign-in-required&next=${encodeURIComponent(v.here)}`)
    return null
  }
  if (roles !== 'any' && !roles.includes(v.me.role)) {
    void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    return null
  }
  return v.me
}

export const noticeOf = (query: unknown): string | undefined => {
  const n = (query as { notice?: unknown } | undefined)?.notice
  return typeof n === 'string' ? n : undefined
}
