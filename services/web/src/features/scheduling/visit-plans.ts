import type { FullInstitution as Institution } from '@dj/contracts'
import {
  cancelVisitPlan,
  confirmVisitWindow,
  createVisitPlan,
  getVisitPlan,
  VISIT_DIRECTIONS,
  type VisitDirection,
  type VisitPlan,
} from '@dj/contracts'
import { formatDate } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { institutionsOf, loadOrRefuse } from '../../components/api-page.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  intField,
  problemMessage,
  radios,
  smallInput,
} from '../../components/forms.js'
import { html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { coverageNotice, nameOf, period, READERS, reasonText } from './format.js'

const isDirection = (d: string | undefined): d is VisitDirection =>
  (VISIT_DIRECTIONS as readonly (string | undefined)[]).includes(d)
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const PLAN_FIELDS = ['direction', 'days', 'groupSize', 'rangeStart', 'rangeEnd'] as const
const PLAN_LABELS: Record<string, MessageKey> = {
  direction: 'field.visitDirection',
  days: 'field.visitDays',
  groupSize: 'field.groupSize',
  rangeStart: 'field.rangeStart',
  rangeEnd: 'field.rangeEnd',
}

function planFormPage(v: View, partnershipId: string, state: FormState) {
  return page(v, {
    title: v.t('sched.planTitle'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, PLAN_LABELS)}
<p><a href="/partnerships/${partnershipId}/schedule">${v.t('sched.back')}</a></p>
<p>${v.t('sched.planIntro')}</p>
<form method="post" action="/partnerships/${partnershipId}/visit-plans/new" novalidate>${csrfField(v)}
  ${radios(v, state, { name: 'direction', label: 'field.visitDirection', required: true, options: VISIT_DIRECTIONS.map((d) => ({ value: d, label: v.t(`visitDirection.${d}`) })) })}
  <div class="pair">
    ${smallInput(v, state, { name: 'days', label: 'field.visitDays', required: true })}
    ${smallInput(v, state, { name: 'groupSize', label: 'field.groupSize', required: true })}
  </div>
  <div class="pair">
    ${smallInput(v, state, { name: 'rangeStart', label: 'field.rangeStart', hint: 'sched.rangeHint', type: 'date', required: true })}
    ${smallInput(v, state, { name: 'rangeEnd', label: 'field.rangeEnd', hint: 'sched.rangeHint', type: 'date', required: true })}
  </div>
  <button type="submit">${v.t('sched.planSubmit')}</button>
</form>`,
  })
}

function planPage(v: View, p: VisitPlan, insts: Map<string, Institution>, state: FormState, notice?: string) {
  const confirmed = (who: string | null) =>
    who ? formatDate(v.locale, who, { weekday: true }) : v.t('sched.notYet')
  return page(v, {
    title: v.t('sched.planPageTitle'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { start: 'field.window' })}
<p><a href="/partnerships/${p.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`planStatus.${p.status}`)}</dd>
  <dt>${v.t('field.visitDirection')}</dt><dd>${v.t(`visitDirection.${p.direction}`)}</dd>
  <dt>${v.t('sched.host')}</dt><dd>${nameOf(v, insts, p.hostInstitutionId)}</dd>
  <dt>${v.t('sched.travellers')}</dt><dd>${nameOf(v, insts, p.travellerInstitutionId)}</dd>
  <dt>${v.t('field.visitDays')}</dt><dd>${p.days}</dd>
  <dt>${v.t('field.groupSize')}</dt><dd>${p.groupSize}</dd>
  <dt>${v.t('sched.range')}</dt><dd>${period(v, p.range)}</dd>
  <dt>${v.t('sched.confirmHost')}</dt><dd>${confirmed(p.confirmations.host)}</dd>
  <dt>${v.t('sched.confirmTravellers')}</dt><dd>${confirmed(p.confirmations.travellers)}</dd>
</dl>
${p.visitId && html`<p class="notice"><a href="/visits/${p.visitId}">${v.t('sched.toVisit')}</a></p>`}
${coverageNotice(v, p.coverageGaps)}
<h2>${v.t('sched.windows')}</h2>
${
  p.windows.length === 0
    ? html`<p>${v.t('sched.noWindows')}</p>`
    : html`<ol class="card-list">${p.windows.map(
        (w) => html`<li class="card"><h3 class="h3">${period(v, w)}</h3>
  <p>${v.t('sched.windowFacts', { days: w.days, open: w.hostOpenDays, conflicts: w.conflictDays })}</p>
  ${w.conflicts.length > 0 && html`<ul>${w.conflicts.map((r) => html`<li>${reasonText(v, r)}</li>`)}</ul>`}
  ${
    p.canAct &&
    p.status === 'open' &&
    html`<form method="post" action="/visit-plans/${p.id}/confirm" class="inline-form">${csrfField(v)}
    <input type="hidden" name="start" value="${w.start}">
    <button type="submit">${v.t('sched.confirmWindow')}<span class="visually-hidden"> (${period(v, w)})</span></button>
  </form>`
  }</li>`,
      )}</ol>`
}
<h2>${v.t('sched.rejected')}</h2>
${
  p.rejected.length === 0
    ? html`<p>${v.t('sched.noRejected')}</p>`
    : html`<details><summary>${v.t('sched.rejectedCount', { n: p.rejected.length })}</summary><ul>${p.rejected.map(
        (r) =>
          html`<li><strong>${period(v, r)}</strong><ul>${r.reasons.map((x) => html`<li>${reasonText(v, x)}</li>`)}</ul></li>`,
      )}</ul></details>`
}
${
  p.canAct &&
  p.status === 'open' &&
  html`<h2>${v.t('plan.drop')}</h2>
<form method="post" action="/visit-plans/${p.id}/cancel">${csrfField(v)}
  <p>${v.t('plan.dropHint')}</p>
  <button type="submit" class="danger">${v.t('plan.dropSubmit')}</button>
</form>`
}`,
  })
}

async function showPlan(
  v: View,
  reply: FastifyReply,
  id: string,
  state: FormState,
  notice?: string,
  status = 200,
) {
  const p = await loadOrRefuse(v, reply, getVisitPlan, { params: { id } })
  if (!p) return reply
  const insts = await institutionsOf(v, [p.hostInstitutionId, p.travellerInstitutionId])
  return send(reply, planPage(v, p, insts, state, notice), status)
}

/** Visit plans: the periods that fit both calendars, the rejected ones with reasons, confirm or drop. */
export const visitPlanPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/visit-plans/new',
    { config: { access: ['coordinator'] }, schema: { params: IdParams } },
    async (request, reply) =>
      send(reply, planFormPage(request.view, request.params.id, emptyForm({ days: '7', groupSize: '12' }))),
  )

  app.post(
    '/partnerships/:id/visit-plans/new',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form(PLAN_FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const id = request.params.id
      const state = emptyForm(formValues(request.body, [...PLAN_FIELDS]))
      const val = state.values
      const direction = val['direction']
      if (!isDirection(direction)) state.errors['direction'] = 'err.required'
      const days = intField(state, 'days')
      const groupSize = intField(state, 'groupSize')
      for (const f of ['rangeStart', 'rangeEnd']) {
        const d = val[f] ?? ''
        if (!ISO_DATE.test(d)) state.errors[f] = d ? 'err.date' : 'err.required'
      }
      if (!state.errors['rangeStart'] && !state.errors['rangeEnd'] && val['rangeStart']! > val['rangeEnd']!)
        state.errors['rangeEnd'] = 'err.range'
      // intField and the checks above leave an error for every value that is missing here.
      if (hasErrors(state) || !isDirection(direction) || days === undefined || groupSize === undefined)
        return send(reply, planFormPage(v, id, state), 400)
      const res = await v.call(createVisitPlan, {
        params: { id },
        body: { direction, days, groupSize, range: { start: val['rangeStart']!, end: val['rangeEnd']! } },
      })
      if (!res.ok) {
        if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        applyProblem(state, res.problem, [...PLAN_FIELDS], {
          'range.start': 'rangeStart',
          'range.end': 'rangeEnd',
          range: 'rangeEnd',
        })
        return send(
          reply,
          planFormPage(v, id, state),
          res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
        )
      }
      return seeOther(reply, `/visit-plans/${res.data.id}?notice=visit-plan-created`)
    },
  )

  app.get(
    '/visit-plans/:id',
    { config: { access: READERS }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) =>
      showPlan(request.view, reply, request.params.id, emptyForm(), noticeOf(request.query)),
  )

  app.post(
    '/visit-plans/:id/confirm',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form(['start']) } },
    async (request, reply) => {
      const v = request.view
      const id = request.params.id
      const state = emptyForm(formValues(request.body, ['start']))
      const res = await v.call(confirmVisitWindow, {
        params: { id },
        body: { start: state.values['start'] ?? '' },
      })
      if (res.ok) {
        return seeOther(
          reply,
          res.data.visitId
            ? `/visits/${res.data.visitId}?notice=visit-booked`
            : `/visit-plans/${id}?notice=window-confirmed`,
        )
      }
      state.formError = problemMessage(res.problem)
      return showPlan(
        v,
        reply,
        id,
        state,
        undefined,
        res.status >= 500 ? 503 : res.status === 409 ? 409 : 400,
      )
    },
  )

  app.post(
    '/visit-plans/:id/cancel',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const id = request.params.id
      const res = await v.call(cancelVisitPlan, { params: { id } })
      if (res.ok) return seeOther(reply, `/visit-plans/${id}?notice=visit-plan-dropped`)
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      const state = emptyForm()
      state.formError = problemMessage(res.problem)
      return showPlan(
        v,
        reply,
        id,
        state,
        undefined,
        res.status >= 500 ? 503 : res.status === 403 ? 403 : 409,
      )
    },
  )
}
