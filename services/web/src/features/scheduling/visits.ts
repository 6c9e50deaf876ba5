import type { FullInstitution as Institution } from '@dj/contracts'
import {
  cancelVisit,
  changeVisit,
  getVisit,
  pathOf,
  type Visit,
  type VisitReasonCode,
  visitInvitation,
} from '@dj/contracts'
import { readerTitle } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { institutionsOf, loadOrRefuse, passFile } from '../../components/api-page.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  problemMessage,
  smallInput,
} from '../../components/forms.js'
import { html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { nameOf, period, READERS, reasonCodes } from './format.js'

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const CHANGE_LABELS: Record<string, MessageKey> = { start: 'field.newStart' }

function visitPage(
  v: View,
  x: Visit,
  insts: Map<string, Institution>,
  state: FormState,
  rejected: VisitReasonCode[] = [],
  notice?: string,
) {
  const canChange = x.canAct && x.status === 'scheduled'
  return page(v, {
    title: readerTitle(v.locale, x.title),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, CHANGE_LABELS)}
<p><a href="/partnerships/${x.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`visitStatus.${x.status}`)}</dd>
  <dt>${v.t('sched.when')}</dt><dd><strong>${period(v, x)}</strong></dd>
  <dt>${v.t('sched.host')}</dt><dd>${nameOf(v, insts, x.hostInstitutionId)}</dd>
  <dt>${v.t('sched.travellers')}</dt><dd>${nameOf(v, insts, x.travellerInstitutionId)}</dd>
</dl>
<p><a class="button secondary" href="/visits/${x.id}/ics" download>${v.t('sched.ics')}</a></p>
<p><a href="/visit-plans/${x.visitPlanId}">${v.t('sched.toPlan')}</a></p>
${
  canChange &&
  html`<h2>${v.t('visit.change')}</h2>
<form method="post" action="/visits/${x.id}/change" novalidate>${csrfField(v)}
  ${smallInput(v, state, { name: 'start', label: 'field.newStart', hint: 'visit.changeHint', type: 'date', required: true })}
  ${
    rejected.length > 0 &&
    html`<div class="callout" id="change-reasons" role="note"><p>${v.t('visit.changeRejected')}</p>
  <ul>${rejected.map((c) => html`<li>${v.t(`reason.${c}`)}</li>`)}</ul></div>`
  }
  <button type="submit">${v.t('visit.changeSubmit')}</button>
</form>
<h2>${v.t('visit.cancel')}</h2>
<p>${v.t('visit.cancelHint')}</p>
<p><a class="button secondary" href="/visits/${x.id}/cancel">${v.t('visit.cancelLink')}</a></p>`
}`,
  })
}

function cancelVisitPage(v: View, x: Visit, state: FormState) {
  return page(v, {
    title: v.t('visit.cancelConfirmTitle'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p>${v.t('visit.cancelConfirmBody', { title: readerTitle(v.locale, x.title), when: period(v, x) })}</p>
<form method="post" action="/visits/${x.id}/cancel">${csrfField(v)}
  <button type="submit" class="danger">${v.t('visit.cancelSubmit')}</button>
</form>
<p><a href="/visits/${x.id}">${v.t('visit.keep')}</a></p>`,
  })
}

async function showVisit(
  v: View,
  reply: FastifyReply,
  id: string,
  state: FormState,
  o: { rejected?: VisitReasonCode[]; notice?: string | undefined; status?: number } = {},
) {
  const x = await loadOrRefuse(v, reply, getVisit, { params: { id } })
  if (!x) return reply
  const insts = await institutionsOf(v, [x.hostInstitutionId, x.travellerInstitutionId])
  return send(reply, visitPage(v, x, insts, state, o.rejected, o.notice), o.status ?? 200)
}

/** A booked visit: when, who hosts; coordinators move it to another start or cancel it. */
export const visitPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/visits/:id',
    { config: { access: READERS }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) =>
      showVisit(request.view, reply, request.params.id, emptyForm(), { notice: noticeOf(request.query) }),
  )

  app.post(
    '/visits/:id/change',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form(['start']) } },
    async (request, reply) => {
      const v = request.view
      const id = request.params.id
      const state = emptyForm(formValues(request.body, ['start']))
      const start = state.values['start'] ?? ''
      if (!ISO_DATE.test(start)) {
        state.errors['start'] = start ? 'err.date' : 'err.required'
        return showVisit(v, reply, id, state, { status: 400 })
      }
      const res = await v.call(changeVisit, { params: { id }, body: { start } })
      if (res.ok) return seeOther(reply, `/visits/${id}?notice=visit-changed`)
      let rejected: VisitReasonCode[] = []
      if (res.status === 409) {
        rejected = reasonCodes(res.problem.reasons)
        if (rejected.length > 0) state.errors['start'] = 'visit.changeRejected'
        else if (/already starts/.test(res.problem.detail ?? '')) state.errors['start'] = 'visit.sameDate'
        else state.formError = problemMessage(res.problem)
      } else applyProblem(state, res.problem, ['start'])
      const status = res.status >= 500 ? 503 : res.status === 409 ? 409 : res.status === 403 ? 403 : 400
      return showVisit(v, reply, id, state, { rejected, status })
    },
  )

  app.get(
    '/visits/:id/cancel',
    { config: { access: ['coordinator'] }, schema: { params: IdParams } },
    async (request, reply) => {
      const v = request.view
      const x = await loadOrRefuse(v, reply, getVisit, { params: request.params })
      if (!x) return reply
      if (!x.canAct || x.status !== 'scheduled') return seeOther(reply, `/visits/${x.id}`)
      return send(reply, cancelVisitPage(v, x, emptyForm()))
    },
  )

  app.post(
    '/visits/:id/cancel',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const id = request.params.id
      const res = await v.call(cancelVisit, { params: { id } })
      if (res.ok) return seeOther(reply, `/visits/${id}?notice=visit-cancelled`)
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      const state = emptyForm()
      state.formError = problemMessage(res.problem)
      return showVisit(v, reply, id, state, {
        status: res.status >= 500 ? 503 : res.status === 403 ? 403 : 409,
      })
    },
  )

  app.get(
    '/visits/:id/ics',
    { config: { access: READERS }, schema: { params: IdParams } },
    async (request, reply) =>
      passFile(
        request.view,
        reply,
        pathOf(visitInvitation, request.params),
        `visit-${request.params.id}.ics`,
      ),
  )
}
