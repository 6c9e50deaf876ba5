import type { FastifyReply } from 'fastify'
import { type Html, html } from '../html.js'
import type { MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { Me, View } from '../view.js'

export function send(reply: FastifyReply, body: Html, status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(body.value)
}

/** POST → redirect → GET: 303 so the browser follows with GET and Back/Reload do not resend the form. */
export function seeOther(reply: FastifyReply, location: string) {
  return reply.redirect(location, 303)
}

/** Stands for the web's own origin: only whether a path stays on an origin matters. */
const OWN_ORIGIN = 'https://web.invalid'

/**
 * Only paths on our own site, so ?next= cannot send people elsewhere. Browsers drop tabs and
 * newlines inside URLs and read backslashes as slashes (`/\t/evil.example/` is `//evil.example/`),
 * so control characters and backslashes are refused outright; the rest is resolved with the URL
 * parser against our origin, must stay on it, and is answered in its normalised, percent-encoded
 * form (which also cannot break the Location header).
 */
export function safeNext(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback
  // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\\]/.test(value)) return fallback
  let url: URL
  try {
    url = new URL(value, OWN_ORIGIN)
  } catch {
    return fallback
  }
  const local = `${url.pathname}${url.search}${url.hash}`
  // `/..//evil.example` normalises to `//evil.example`, which a browser reads as another host.
  if (url.origin !== OWN_ORIGIN || !local.startsWith('/') || local.startsWith('//')) return fallback
  return local
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

export const noticeOf = (query: unknown): string | undefined => {
  const n = (query as { notice?: unknown } | undefined)?.notice
  return typeof n === 'string' ? n : undefined
}

/** The reader of a page whose access (http/access.ts) let only signed-in readers through. */
export function reader(v: View): Me {
  if (!v.me) throw new Error('a signed-in page was reached without an account: is its access declared?')
  return v.me
}
