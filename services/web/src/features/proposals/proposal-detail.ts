import { getOfficerProposal, getProposal, type OfficerProposal, type ProposalAnswer } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { csrfField, problemMessage } from '../../components/forms.js'
import { whySection } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, reader, send } from '../../http/respond.js'
import { IdParams, NoticeQuery } from '../../http/schemas.js'
import { formatDateTime, formatPercent } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { type Proposal, proposalCard } from './proposals.js'

const answer = (v: View, a: ProposalAnswer) => v.t(a ? `answer.${a}` : 'answer.none')

/** A proposal as an office sees it: both institutions, their answers, both confirmations. */
function officerBody(v: View, p: OfficerProposal): Html {
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
  ${p.partnershipId && html`<li><a href="/partnerships/${p.partnershipId}/workspace">${v.t('ws.link')}</a></li>`}
  ${p.roundId && html`<li><a href="/officer/rounds/${p.roundId}">${v.t('detail.round')}</a></li>`}
  <li><a href="/officer/work">${v.t('work.title')}</a></li>
</ul>`
}

function coordinatorBody(v: View, p: Proposal): Html {
  return html`${proposalCard(v, p)}
<p><a href="/proposals">${v.t('detail.allProposals')}</a></p>`
}

/** One proposal on its own page: where every message about it links to. */
export const proposalDetailPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/proposals/:id',
    { config: { access: 'signed-in' }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const me = reader(request.view)
      const v = request.view
      const staff = me.role !== 'coordinator'
      const params = { id: request.params.id }
      const res = staff
        ? await v
            .call(getOfficerProposal, { params })
            .then((r) => (r.ok ? { ...r, body: officerBody(v, r.data) } : r))
        : await v
            .call(getProposal, { params })
            .then((r) => (r.ok ? { ...r, body: coordinatorBody(v, r.data) } : r))
      if (!res.ok) {
        return res.status === 404
          ? messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
          : messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      }
      const { body } = res
      return send(reply, page(v, { title: v.t('detail.title'), notice: noticeOf(request.query), body }))
    },
  )
}
