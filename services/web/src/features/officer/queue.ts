import {
  type FullInstitution as Institution,
  type InstitutionStatus,
  listOfficerInstitutions,
  officerActionRoutes,
} from '@dj/contracts'
import { formatDateTime } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { csrfField, formValues, problemMessage } from '../../components/forms.js'
import { limitHint } from '../../components/institution.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, ListQuery, OneOf } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { emptyQueue, type QueueList, queueControls, queueQuery, readQueueList } from './queue-list.js'

/** The API's limit on a rejection or suspension reason (routes/v1/registry/officer.ts). */
const REASON_MAX = 2000

/** The lists' tabs, in the order an office works through them. */
const STATUSES = [
  'pending',
  'verified',
  'suspended',
  'rejected',
] as const satisfies readonly InstitutionStatus[]

export type { InstitutionStatus }

const statusOf = (raw: unknown): InstitutionStatus => STATUSES.find((s) => s === raw) ?? 'pending'

/**
 * What an officer may do with an institution in each status (the API enforces the same). From
 * the work list the forms lead back there (`back`).
 */
export function actionsFor(
  v: View,
  i: Institution,
  status: InstitutionStatus,
  options: { back?: '/officer/work'; row: number },
): Html {
  const { back, row } = options
  const backField = back ? html`<input type="hidden" name="back" value="${back}">` : ''
  // Field ids by row number: unique on the page, and five 36-character ids less per row (issue 15).
  const reasonForm = (
    action: 'reject' | 'suspend',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}${backField}
        <label for="${action}-reason-${row}">${v.t('field.reason')}</label>
        ${limitHint(v, `${action}-reason-${row}`, REASON_MAX)}
        <input id="${action}-reason-${row}" name="reason" type="text" maxlength="${REASON_MAX}" aria-describedby="${action}-reason-${row}-limit" data-limit="${REASON_MAX}">
        <button type="submit" class="small secondary" aria-label="${v.t(label)}: ${i.name}">${v.t(label)}</button>
      </form>`
  const plain = (
    action: 'verify' | 'reinstate',
    label: MessageKey,
  ) => html`<form method="post" action="/officer/queue/${i.id}/${action}" class="inline-form">${csrfField(v)}${backField}
        <button type="submit" class="small" aria-label="${v.t(label)}: ${i.name}">${v.t(label)}</button>
      </form>`
  if (status === 'pending')
    return html`${plain('verify', 'queue.verify')}${reasonForm('reject', 'queue.reject')}`
  if (status === 'verified') return reasonForm('suspend', 'queue.suspend')
  if (status === 'suspended') return plain('reinstate', 'queue.reinstate')
  return html``
}

function queuePage(
  v: View,
  list: QueueList,
  notice?: string,
  error?: MessageKey,
  status: InstitutionStatus = 'pending',
): Html {
  const items = list.data.items
  return page(v, {
    title: v.t('queue.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<nav aria-label="${v.t('queue.statusNav')}"><ul class="inline-list">${STATUSES.map(
      (st) =>
        html`<li>${
          st === status
            ? html`<a href="/officer/queue?status=${st}" aria-current="page"><strong>${v.t(`instStatus.${st}`)}</strong></a>`
            : html`<a href="/officer/queue?status=${st}">${v.t(`instStatus.${st}`)}</a>`
        }</li>`,
    )}</ul></nav>
${queueControls(v, status, list)}
${
  items.length === 0
    ? html`<p>${v.t(status === 'pending' && !list.state.q ? 'queue.empty' : 'queue.emptyStatus')}</p>`
    : table({
        id: 'queue-caption',
        caption: status === 'pending' ? v.t('queue.caption') : v.t(`instStatus.${status}`),
        columns: [
          v.t('col.instName'),
          v.t('col.side'),
          v.t('inst.kind'),
          v.t('col.created'),
          v.t('col.actions'),
        ],
        rows: items.map(
          (i, row) => html`<tr>
    <th scope="row"><a href="/institutions/${i.id}">${i.name}</a></th>
    <td>${v.t(`side.${i.side}`)}</td>
    <td>${i.kind ? v.t(`kind.${i.kind}`) : ''}</td>
    <td>${i.createdAt && html`<time datetime="${i.createdAt}">${formatDateTime(v.locale, v.timeZone, i.createdAt)}</time>`}</td>
    <td>${actionsFor(v, i, status, { row })}</td>
  </tr>`,
        ),
      })
}`,
  })
}

const STAFF = ['officer', 'admin'] as const

/** The offices' institution lists by status, with verify, reject, suspend and reinstate. */
export const queuePages: FastifyPluginAsyncTypebox = async (app) => {
  const staff = STAFF
  app.get(
    '/officer/queue',
    { config: { access: staff }, schema: { querystring: ListQuery({ status: OneOf(STATUSES) }) } },
    async (request, reply) => {
      const v = request.view
      const status = statusOf(request.query.status)
      const state = readQueueList(request.query)
      const res = await v.call(listOfficerInstitutions, { query: queueQuery(status, state) })
      if (!res.ok && res.status === 400) return seeOther(reply, `/officer/queue?status=${status}`)
      return send(
        reply,
        queuePage(
          v,
          res.ok ? { state, data: res.data } : emptyQueue(state),
          noticeOf(request.query),
          res.ok ? undefined : problemMessage(res.problem),
          status,
        ),
        res.ok ? 200 : 503,
      )
    },
  )

  const back: Record<string, { status: InstitutionStatus; notice: string }> = {
    verify: { status: 'pending', notice: 'institution-verified' },
    reject: { status: 'pending', notice: 'institution-rejected' },
    suspend: { status: 'verified', notice: 'institution-suspended' },
    reinstate: { status: 'suspended', notice: 'institution-reinstated' },
  }
  for (const action of ['verify', 'reject', 'suspend', 'reinstate'] as const) {
    app.post(
      `/officer/queue/:id/${action}`,
      { config: { access: staff }, schema: { params: IdParams, body: Form(['reason', 'back']) } },
      async (request, reply) => {
        const v = request.view
        const { reason, back: from } = formValues(request.body, ['reason', 'back'])
        const res = await v.call(officerActionRoutes[action], {
          params: { id: request.params.id },
          body: reason ? { reason } : {},
        })
        if (!res.ok) {
          const state = readQueueList({})
          const list = await v.call(listOfficerInstitutions, {
            query: queueQuery(back[action]!.status, state),
          })
          return send(
            reply,
            queuePage(
              v,
              list.ok ? { state, data: list.data } : emptyQueue(state),
              undefined,
              problemMessage(res.problem),
              back[action]!.status,
            ),
            res.status,
          )
        }
        if (from === '/officer/work') return seeOther(reply, `/officer/work?notice=${back[action]!.notice}`)
        return seeOther(reply, `/officer/queue?status=${back[action]!.status}&notice=${back[action]!.notice}`)
      },
    )
  }
}
