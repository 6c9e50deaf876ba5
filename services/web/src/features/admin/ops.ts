import {
  type FailedDelivery,
  listFailedDeliveries,
  listQueueCounts,
  type QueueCounts,
  retryDelivery,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { csrfField, problemMessage } from '../../components/forms.js'
import { html } from '../../html.js'
import { noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, Query, Uuid } from '../../http/schemas.js'
import { formatDateTime, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'paused'] as const

function failedPage(
  v: View,
  items: FailedDelivery[],
  nextCursor: string | null,
  notice?: string,
  error?: MessageKey,
) {
  return page(v, {
    title: v.t('adminNotif.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('adminNotif.intro')}</p>
${
  items.length === 0
    ? html`<p>${v.t('adminNotif.empty')}</p>`
    : html`<div class="table-scroll" role="region" aria-labelledby="failed-caption" tabindex="0">
<table>
  <caption id="failed-caption">${v.t('adminNotif.caption')}</caption>
  <thead><tr>
    <th scope="col">${v.t('col.event')}</th>
    <th scope="col">${v.t('col.email')}</th>
    <th scope="col">${v.t('col.attempts')}</th>
    <th scope="col">${v.t('col.lastError')}</th>
    <th scope="col">${v.t('col.updated')}</th>
    <th scope="col">${v.t('col.actions')}</th>
  </tr></thead>
  <tbody>${items.map(
    (d) => html`<tr>
    <th scope="row">${d.eventType} (${d.channel})</th>
    <td>${d.email}</td>
    <td>${d.attempts}</td>
    <td>${d.lastError ?? ''}</td>
    <td><time datetime="${d.updatedAt}">${formatDateTime(v.locale, v.timeZone, d.updatedAt)}</time></td>
    <td><form method="post" action="/admin/notifications/${d.id}/retry" class="inline-form">${csrfField(v)}
      <button type="submit" class="small">${v.t('adminNotif.retry')}<span class="visually-hidden"> (${d.eventType}, ${d.email})</span></button></form></td>
  </tr>`,
  )}</tbody>
</table>
</div>`
}
${nextCursor && html`<p><a href="/admin/notifications?before=${nextCursor}">${v.t('pager.older')}</a></p>`}
<p><a href="/admin/queues">${v.t('adminQueues.title')}</a></p>`,
  })
}

function queuesPage(v: View, data: QueueCounts | null, error?: MessageKey) {
  return page(v, {
    title: v.t('adminQueues.title'),
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('adminQueues.intro')}</p>
${
  data &&
  html`<div class="table-scroll" role="region" aria-labelledby="queues-caption" tabindex="0">
<table>
  <caption id="queues-caption">${v.t('adminQueues.caption')}</caption>
  <thead><tr><th scope="col">${v.t('col.queue')}</th>${STATES.map((s) => html`<th scope="col" class="num">${v.t(`jobState.${s}`)}</th>`)}</tr></thead>
  <tbody>${data.queues.map(
    (q) =>
      html`<tr><th scope="row">${q.name}</th>${STATES.map((s) => html`<td class="num">${q.counts[s] ?? 0}</td>`)}</tr>`,
  )}</tbody>
</table>
</div>`
}
<p class="hint">${v.t('adminQueues.boardNote')}</p>
<p><a href="/admin/notifications">${v.t('adminNotif.title')}</a></p>`,
  })
}

export const adminOpsPages: FastifyPluginAsyncTypebox = async (app) => {
  const list = (v: View, before?: string) =>
    v.call(listFailedDeliveries, { query: { limit: 50, ...(before ? { before } : {}) } })

  app.get(
    '/admin/notifications',
    { config: { access: ['admin'] }, schema: { querystring: Query({ before: Type.Optional(Uuid) }) } },
    async (request, reply) => {
      const v = request.view
      const res = await list(v, request.query.before)
      if (!res.ok) return send(reply, failedPage(v, [], null, undefined, problemMessage(res.problem)), 503)
      return send(reply, failedPage(v, res.data.items, res.data.nextCursor, noticeOf(request.query)))
    },
  )

  app.post(
    '/admin/notifications/:id/retry',
    { config: { access: ['admin'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(retryDelivery, { params: { deliveryId: request.params.id } })
      if (!res.ok) {
        const again = await list(v)
        return send(
          reply,
          failedPage(
            v,
            again.ok ? again.data.items : [],
            again.ok ? again.data.nextCursor : null,
            undefined,
            res.status === 404 || res.status === 409 ? 'adminNotif.gone' : problemMessage(res.problem),
          ),
          res.status >= 500 ? 503 : res.status,
        )
      }
      return seeOther(reply, '/admin/notifications?notice=notification-retried')
    },
  )

  // The API's Bull Board needs a cookie the API sets on its own origin; the web app cannot hand
  // it to the browser for another origin, so the counts are shown here as a table.
  app.get('/admin/queues', { config: { access: ['admin'] } }, async (request, reply) => {
    const v = request.view
    const res = await v.call(listQueueCounts)
    if (!res.ok) return send(reply, queuesPage(v, null, problemMessage(res.problem)), 503)
    return send(reply, queuesPage(v, res.data))
  })
}
