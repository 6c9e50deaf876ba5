import type { FullInstitution as Institution } from '@dj/contracts'
import { partnershipSchedule, type Schedule } from '@dj/contracts'
import { readerTitle } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { institutionsOf, loadOrRefuse } from '../../components/api-page.js'
import { html } from '../../html.js'
import { noticeOf, send } from '../../http/respond.js'
import { IdParams, NoticeQuery } from '../../http/schemas.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { nameOf, period, READERS, slotText, statusBadge } from './format.js'

function schedulePage(v: View, id: string, s: Schedule, insts: Map<string, Institution>, notice?: string) {
  const ids = [...insts.keys()]
  return page(v, {
    title: v.t('sched.title'),
    notice,
    body: html`<p>${ids.map((i, n) => html`${n > 0 && ' · '}<a href="/institutions/${i}">${nameOf(v, insts, i)}</a>`)}</p>
<p><a href="/partnerships/${id}/workspace">${v.t('ws.link')}</a></p>
<h2>${v.t('sched.meetings')}</h2>
${
  s.meetings.length === 0
    ? html`<p>${v.t('sched.noMeetings')}</p>`
    : html`<ul class="card-list">${s.meetings.map(
        (m) =>
          html`<li><a href="/meetings/${m.id}">${readerTitle(v.locale, m.title)}</a> ${statusBadge(v, `meetingStatus.${m.status}`)}${
            m.start &&
            m.status === 'scheduled' &&
            html`<br>${slotText(v, { start: m.start, end: m.end ?? m.start })}`
          }</li>`,
      )}</ul>`
}
<h2>${v.t('sched.visits')}</h2>
${
  s.visits.length === 0
    ? html`<p>${v.t('sched.noVisits')}</p>`
    : html`<ul class="card-list">${s.visits.map(
        (x) =>
          html`<li><a href="/visits/${x.id}">${readerTitle(v.locale, x.title)}</a> ${statusBadge(v, `visitStatus.${x.status}`)}<br>${period(v, x)}</li>`,
      )}</ul>`
}
<h2>${v.t('sched.plans')}</h2>
${
  s.visitPlans.length === 0
    ? html`<p>${v.t('sched.noPlans')}</p>`
    : html`<ul class="card-list">${s.visitPlans.map(
        (p) =>
          html`<li><a href="/visit-plans/${p.id}">${v.t(`visitDirection.${p.direction}`)}, ${v.t('sched.daysPeople', { days: p.days, people: p.groupSize })}</a> ${statusBadge(v, `planStatus.${p.status}`)}<br>${period(v, p.range)}</li>`,
      )}</ul>`
}
${v.me?.role === 'coordinator' && html`<p><a class="button" href="/partnerships/${id}/visit-plans/new">${v.t('sched.planVisit')}</a></p>`}`,
  })
}

/** A partnership's meetings, visits and visit plans: where "schedule" links lead. */
export const schedulePages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/schedule',
    { config: { access: READERS }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const s = await loadOrRefuse(v, reply, partnershipSchedule, { params: request.params })
      if (!s) return reply
      const ids = [
        ...new Set([
          ...s.meetings.flatMap((m) => m.institutionIds),
          ...s.visitPlans.flatMap((p) => [p.hostInstitutionId, p.travellerInstitutionId]),
        ]),
      ]
      const insts = await institutionsOf(v, ids)
      return send(reply, schedulePage(v, request.params.id, s, insts, noticeOf(request.query)))
    },
  )
}
