import type { FastifyPluginAsync } from 'fastify'
import { csrfField, formValues, problemMessage } from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import {
  DECLINE_REASONS,
  type ExplanationItem,
  type Institution,
  type Interest,
  type Page,
  type Side,
  UUID,
} from './registry-types.js'
import { description, instName, interestSummary, percent, whyList } from './render.js'

type Answer = 'accept' | 'decline' | null
export interface Proposal {
  id: string
  status: 'open' | 'accepted' | 'confirmed' | 'declined' | 'expired'
  score: number | null
  explanation: ExplanationItem[]
  expiresAt: string | null
  createdAt: string
  side: Side
  own: { institutionId: string; interestId: string; answer: Answer }
  partner: { institution: Institution; interest: Interest; answer: Answer }
  officerConfirmed: { duren: boolean; jinhua: boolean }
  partnershipId: string | null
}

const answerText = (v: View, a: Answer) => v.t(a ? `answer.${a}` : 'answer.none')

function proposalCard(v: View, p: Proposal): Html {
  const titleId = `proposal-${p.id}`
  const partner = p.partner.institution
  return html`<article class="card" aria-labelledby="${titleId}">
  <h2 id="${titleId}">${instName(v, partner)} <span class="badge">${v.t(`proposalStatus.${p.status}`)}</span></h2>
  <p>${v.t(`side.${partner.side}`)}${partner.kind && html` · ${v.t(`kind.${partner.kind}`)}`}${
    p.score !== null && html` · <strong>${v.t('proposal.score', { score: percent(p.score) })}</strong>`
  }</p>
  ${description(v, partner)}
  <h3>${v.t('proposal.why')}</h3>
  ${whyList(v, p.explanation)}
  <h3>${v.t('inst.interests')}</h3>
  ${interestSummary(v, p.partner.interest)}
  <dl class="facts">
    <dt>${v.t('proposal.yourAnswer')}</dt><dd>${answerText(v, p.own.answer)}</dd>
    <dt>${v.t('proposal.partnerAnswer')}</dt><dd>${answerText(v, p.partner.answer)}</dd>
  </dl>
  ${p.status === 'confirmed' && html`<p class="notice">${v.t('proposal.partnership')}</p>`}
  ${p.status === 'confirmed' && p.partnershipId && html`<p><a class="button" href="/partnerships/${p.partnershipId}/schedule">${v.t('proposal.schedule')}</a></p>`}
  ${p.status === 'accepted' && html`<p>${v.t('proposal.waiting')}</p>`}
  ${
    p.status === 'open' &&
    html`${p.expiresAt && html`<p>${v.t('proposal.expires', { date: formatDateTime(v.locale, v.timeZone, p.expiresAt) })}</p>`}
  ${
    p.own.answer === null &&
    html`<form method="post" action="/proposals/${p.id}/accept" class="inline-form">${csrfField(v)}
    <button type="submit">${v.t('proposal.accept')}</button>
  </form>
  <details>
    <summary>${v.t('proposal.decline')}</summary>
    <form method="post" action="/proposals/${p.id}/decline">${csrfField(v)}
      <div class="field">
        <label for="reason-${p.id}">${v.t('field.declineReason')}</label>
        <select id="reason-${p.id}" name="reason">${DECLINE_REASONS.map(
          (r) => html`<option value="${r}">${v.t(`declineReason.${r}`)}</option>`,
        )}</select>
      </div>
      <div class="field">
        <label for="text-${p.id}">${v.t('field.declineText')}</label>
        <textarea id="text-${p.id}" name="text" rows="3" maxlength="2000"></textarea>
      </div>
      <button type="submit" class="secondary">${v.t('proposal.decline')}</button>
    </form>
  </details>`
  }`
  }
</article>`
}

function proposalsPage(v: View, items: Proposal[], notice?: string, error?: MessageKey): Html {
  return page(v, {
    title: v.t('proposals.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('proposals.intro')}</p>
${items.length === 0 ? html`<p>${v.t('proposals.empty')}</p>` : items.map((p) => proposalCard(v, p))}`,
  })
}

export const proposalPages: FastifyPluginAsync = async (app) => {
  const list = (v: View) => v.api<Page<Proposal>>('GET', '/v1/proposals?limit=100')

  app.get('/proposals', async (request, reply) => {
    if (!requireRole(request, reply, ['coordinator'])) return reply
    const v = request.view
    const res = await list(v)
    if (!res.ok) return send(reply, proposalsPage(v, [], undefined, problemMessage(res.problem)), 503)
    return send(reply, proposalsPage(v, res.data.items, noticeOf(request.query)))
  })

  for (const action of ['accept', 'decline'] as const) {
    app.post<{ Params: { id: string } }>(`/proposals/:id/${action}`, async (request, reply) => {
      if (!requireRole(request, reply, ['coordinator'])) return reply
      const v = request.view
      if (!UUID.test(request.params.id)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      let body: Record<string, string> = {}
      if (action === 'decline') {
        const { reason, text } = formValues(request.body, ['reason', 'text'])
        body = {
          reason: (DECLINE_REASONS as readonly string[]).includes(reason ?? '') ? reason! : 'other',
          ...(text ? { text } : {}),
        }
      }
      const res = await v.api('POST', `/v1/proposals/${request.params.id}/${action}`, body)
      if (!res.ok) {
        const again = await list(v)
        return send(
          reply,
          proposalsPage(v, again.ok ? again.data.items : [], undefined, problemMessage(res.problem)),
          res.status,
        )
      }
      return seeOther(reply, `/proposals?notice=proposal-${action === 'accept' ? 'accepted' : 'declined'}`)
    })
  }
}
