import {
  cancelMeeting,
  chooseMeetingSlot,
  getMeeting,
  type Meeting,
  meetingInvitation,
  pathOf,
  rescheduleMeeting,
} from '@dj/contracts'
import { readerTitle, zoneName } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadOrRefuse, passFile } from '../../components/api-page.js'
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
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { coverageNotice, otherZones, READERS, slotText } from './format.js'

const PICK_LABELS: Record<string, MessageKey> = { slotIndex: 'field.slot' }

function slotRadios(v: View, m: Meeting, state: FormState, exclude: string | null): Html {
  const options = m.slots
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => s.start !== exclude)
    .map(({ s, i }) => ({ value: String(i), label: `${slotText(v, s)}` }))
  return radios(v, state, {
    name: 'slotIndex',
    label: 'field.slot',
    hint: 'sched.slotHint',
    required: true,
    options,
  })
}

function meetingPage(v: View, m: Meeting, state: FormState, notice?: string) {
  const booked = m.status === 'scheduled' && m.start
  return page(v, {
    title: readerTitle(v.locale, m.title),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, PICK_LABELS)}
<p><a href="/partnerships/${m.partnershipId}/schedule">${v.t('sched.back')}</a></p>
<dl class="facts">
  <dt>${v.t('col.status')}</dt><dd>${v.t(`meetingStatus.${m.status}`)}</dd>
  <dt>${v.t('sched.length')}</dt><dd>${v.t('sched.minutes', { n: m.slotMinutes })}</dd>
  <dt>${v.t('field.timeZone')}</dt><dd>${zoneName(v.locale, v.timeZone)}</dd>
  ${
    booked &&
    html`<dt>${v.t('sched.when')}</dt><dd><strong>${slotText(v, { start: m.start!, end: m.end ?? m.start! })}</strong></dd>`
  }
</dl>
${m.status !== 'proposed' && html`<p><a class="button secondary" href="/meetings/${m.id}/ics" download>${v.t('sched.ics')}</a></p>`}
${coverageNotice(v, m.coverageGaps)}
${
  m.status === 'proposed' &&
  html`<h2>${v.t('sched.proposedSlots')}</h2>
${
  m.canAct
    ? html`<form method="post" action="/meetings/${m.id}/choose" novalidate>${csrfField(v)}
  ${slotRadios(v, m, state, null)}
  <button type="submit">${v.t('sched.choose')}</button>
</form>`
    : html`<ul>${m.slots.map((s) => html`<li>${slotText(v, s)}${otherZones(v, s)}</li>`)}</ul>`
}`
}
${
  m.status === 'proposed' &&
  m.slots.some((s) => s.participants.length > 0) &&
  html`<details><summary>${v.t('sched.partnerTimes')}</summary><ul>${m.slots.map(
    (s) => html`<li>${slotText(v, s)}${otherZones(v, s)}</li>`,
  )}</ul></details>`
}
${
  booked &&
  m.canAct &&
  html`<h2>${v.t('sched.reschedule')}</h2>
${
  m.slots.filter((s) => s.start !== m.start).length === 0
    ? html`<p>${v.t('sched.noOtherSlots')}</p>`
    : html`<form method="post" action="/meetings/${m.id}/reschedule" novalidate>${csrfField(v)}
  ${slotRadios(v, m, state, m.start)}
  <button type="submit">${v.t('sched.rescheduleSubmit')}</button>
</form>`
}
<h2>${v.t('sched.cancel')}</h2>
<form method="post" action="/meetings/${m.id}/cancel">${csrfField(v)}
  <p>${v.t('sched.cancelHint')}</p>
  <button type="submit" class="danger">${v.t('sched.cancelSubmit')}</button>
</form>`
}`,
  })
}

const PickForm = Form(['slotIndex'])

/** An intro meeting: its proposed slots in the reader's zone; coordinators choose, move or cancel. */
export const meetingPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/meetings/:id',
    { config: { access: READERS }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const m = await loadOrRefuse(v, reply, getMeeting, { params: request.params })
      if (!m) return reply
      return send(reply, meetingPage(v, m, emptyForm(), noticeOf(request.query)))
    },
  )

  for (const action of ['choose', 'reschedule'] as const) {
    app.post(
      `/meetings/:id/${action}`,
      { config: { access: ['coordinator'] }, schema: { params: IdParams, body: PickForm } },
      async (request, reply) => {
        const v = request.view
        const state = emptyForm(formValues(request.body, ['slotIndex']))
        const slotIndex = intField(state, 'slotIndex')
        const res =
          slotIndex === undefined
            ? null
            : await v.call(action === 'choose' ? chooseMeetingSlot : rescheduleMeeting, {
                params: request.params,
                body: { slotIndex },
              })
        if (res?.ok) {
          return seeOther(
            reply,
            `/meetings/${request.params.id}?notice=${action === 'choose' ? 'meeting-booked' : 'meeting-rescheduled'}`,
          )
        }
        if (res) applyProblem(state, res.problem, ['slotIndex'], { start: 'slotIndex' })
        const m = await loadOrRefuse(v, reply, getMeeting, { params: request.params })
        if (!m) return reply
        return send(
          reply,
          meetingPage(v, m, state),
          res && res.status >= 500 ? 503 : res?.status === 409 ? 409 : 400,
        )
      },
    )
  }

  app.post(
    '/meetings/:id/cancel',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(cancelMeeting, { params: request.params })
      if (res.ok) return seeOther(reply, `/meetings/${request.params.id}?notice=meeting-cancelled`)
      const m = await loadOrRefuse(v, reply, getMeeting, { params: request.params })
      if (!m) return reply
      const state = emptyForm()
      state.formError = problemMessage(res.problem)
      return send(reply, meetingPage(v, m, state), res.status >= 500 ? 503 : 409)
    },
  )

  app.get(
    '/meetings/:id/ics',
    { config: { access: READERS }, schema: { params: IdParams } },
    async (request, reply) =>
      passFile(
        request.view,
        reply,
        pathOf(meetingInvitation, request.params),
        `meeting-${request.params.id}.ics`,
      ),
  )
}
