import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { html } from '../html.js'
import { translate } from '../i18n/index.js'
import { page } from '../layout.js'
import { messagePage, send } from './respond.js'

/**
 * Every error as a page in the reader's language: a CSRF failure is the 403 page, a path that
 * its schema refuses (a malformed id) the 404 page, a query or form its schema refuses the 400
 * page; never JSON, never a stack. Scripts' JSON routes (`config.answers`) get JSON.
 */
export async function pageErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const v = request.view
  const json = request.routeOptions.config?.answers === 'json'
  if (v && /^FST_CSRF_/.test(error.code ?? '')) {
    request.log.warn('form post rejected: CSRF token missing or wrong')
    return messagePage(v, reply, 'error.title', 'err.csrf', 403)
  }
  if (error.validation) {
    const notFound = error.validationContext === 'params'
    request.log.info({ part: error.validationContext, why: error.message }, 'request refused by its schema')
    const status = notFound ? 404 : 400
    if (json) return reply.status(status).send({ error: notFound ? 'not found' : 'bad request' })
    if (!v)
      return reply
        .status(status)
        .type('text/plain; charset=utf-8')
        .send(notFound ? 'not found' : 'bad request')
    return notFound
      ? messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      : messagePage(v, reply, 'badRequest.title', 'badRequest.body', 400)
  }
  const status = error.statusCode ?? 500
  if (status >= 500) request.log.error({ err: error }, 'page failed')
  const code = Math.min(status, 500)
  if (json) return reply.status(code).send({ error: 'failed' })
  if (!v) return reply.status(code).type('text/plain; charset=utf-8').send(translate('de', 'err.generic'))
  return send(reply, page(v, { title: v.t('error.title'), body: html`<p>${v.t('err.generic')}</p>` }), code)
}
