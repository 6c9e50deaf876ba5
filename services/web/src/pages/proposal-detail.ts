import type { FastifyPluginAsync } from 'fastify'
import { csrfField, problemMessage } from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, send } from '../http/respond.js'
import { formatDateTime, formatPercent } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import type { OfficerProposal } from './officer-work.js'
import { type Proposal, proposalCard } from './proposals.js'
import { type ExplanationItem, UUID } from './registry-types.js'
import { whySection } from './render.js'

type OfficerView = OfficerProposal & { explanation: ExplanationItem[]; expiresAt: string | null }

const answer = (v: View, a: 'accept' | 'decline' | null) => v.t(a ? `answer.${a}` : 'answer.none')

/** A proposal as an office sees it: both institutions, their answers, both confirmations. */
function officerBody(v: View, p: OfficerView): Html {
  const mine = v.me?.role === 'officer' ? v.me.officerSide : null
  const canConfirm = mine !== null && mine !== undefined && p.status === 'accepted' && !p[mine].confirmed
  const party = (side: 'duren' | 'jinhua') => {
    const x = p[side]
    return html`<dt>${v.t(`side.${side}`)}</dt>
  <dd><a href="/institutions/${x.institution.id}">${x.institution.name}</a> – ${v.t('proposal.answerOf')}: ${answer(v, x.answer)}; ${v.t(
    x.confirmed ? 'detail.officeConfirmed' : 'detail.officeNotConfirmed',
  )}</dd>`
  }
  return html`<p><span class="badge">${v.t(`proposalStatus.${p.status}`)}</span> ${v.t(
    p.origin === 'round' ? 'work.originRound' : 'work.originInterest',
  )}${p.score !== null && html` · ${v.t('proposal.score', { score: formatPercent(v.locale, p.score) })}`}</p>
<dl class="facts">
  ${party('duren')}
  ${party('jinhua')}
  <dt>${v.t('col.created')}</dt><dd><time datetime="${p.createdAt}">${formatDateTime(v.locale, v.timeZone, p.createdAt)}</time></dd>
</dl>
${whySection(v, p.explanation, 'h3')}
${
  canConfirm &&
  html`<form method="post" action="/officer/proposals/${p.id}/confirm">${csrfField(v)}
  <input type="hidden" name="back" value="/proposals/${p.id}">
  <p>${v.t('detail.confirmHint')}</p>
  <button type="submit">${v.t('round.confirm')}</button>
</form>`
}
${p.status === 'accepted' && mine && !canConfirm && html`<p>${v.t('detail.waitingOther')}</p>`}
<ul class="plain">
  ${p.partnershipId && html`<li><a href="/partnerships/${p.partnershipId}/schedule">${v.t('proposal.schedule')}</a></li>`}
  ${p.roundId && html`<li><a href="/officer/rounds/${p.roundId}">${v.t('detail.round')}</a></li>`}
  <li><a href="/officer/work">${v.t('work.title')}</a></li>
</ul>`
}

function coordinatorBody(v: View, p: Proposal): Html {
  return html`${proposalCard(v, p)}
<p><a href="/proposals">${v.t('detail.allProposals')}</a></p>`
}

/** One proposal on its own page: where every message about it links to. */
export const proposalDetailPages: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/proposals/:id', async (request, reply) => {
    const me = requireRole(request, reply, 'any')
    if (!me) return reply
    const v = request.view
    if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    const staff = me.role !== 'coordinator'
    const res = staff
      ? await v.api<OfficerView>('GET', `/v1/officer/proposals/${request.params.id}`)
      : await v.api<Proposal>('GET', `/v1/proposals/${request.params.id}`)
    if (!res.ok) {
      return res.status === 404
        ? messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        : messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
    }
    const body = staff ? officerBody(v, res.data as OfficerView) : coordinatorBody(v, res.data as Proposal)
    return send(reply, page(v, { title: v.t('detail.title'), notice: noticeOf(request.query), body }))
  })
}
