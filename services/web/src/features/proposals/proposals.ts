import {
  acceptProposal,
  DECLINE_REASONS,
  declineProposal,
  listExpressions,
  listMyProposals,
  type Proposal,
  type ProposalAnswer,
  unreadMessages,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Problem } from '../../api-client.js'
import { csrfField, formValues, problemMessage } from '../../components/forms.js'
import {
  description,
  instName,
  interestSummary,
  limitHint,
  whySection,
} from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, ListQuery, OneOf } from '../../http/schemas.js'
import { formatDateTime, formatPercent, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import {
  emptyExpressions,
  INCOMING_QUERY,
  incomingSection,
  PROPOSAL_STATUSES,
  type ProposalList,
  proposalControls,
  proposalListQuery,
  proposalNext,
  readProposalList,
} from './proposal-list.js'

export type { Proposal }

/** The API's limit on a decline's free text (the contract's DeclineBody). */
const DECLINE_TEXT_MAX = 2000

const answerText = (v: View, a: ProposalAnswer) => v.t(a ? `answer.${a}` : 'answer.none')
/** After answering on a proposal's own page, the reader comes back to it. */
const ONE_PROPOSAL = /^\/proposals\/[0-9a-f-]{36}$/
const backField = (v: View) => {
  const path = v.here.split('?')[0] ?? ''
  return ONE_PROPOSAL.test(path) ? html`<input type="hidden" name="back" value="${path}">` : ''
}

/** A proposal with the partner, why, the answers and what to do; on the list and its own page. */
/** A proposal; `unread` is how many partner messages the reader has not seen in its workspace. */
export function proposalCard(v: View, p: Proposal, unread = 0): Html {
  const titleId = `proposal-${p.id}`
  const partner = p.partner.institution
  return html`<article class="card" aria-labelledby="${titleId}">
  <h2 id="${titleId}">${instName(v, partner)} <span class="badge">${v.t(`proposalStatus.${p.status}`)}</span></h2>
  <p>${v.t(`side.${partner.side}`)}${partner.kind && html` · ${v.t(`kind.${partner.kind}`)}`}${
    p.score !== null &&
    html` · <strong>${v.t('proposal.score', { score: formatPercent(v.locale, p.score) })}</strong>`
  }</p>
  ${description(v, partner)}
  ${whySection(v, p.explanation)}
  <h3>${v.t('inst.interests')}</h3>
  ${interestSummary(v, p.partner.interest)}
  <dl class="facts">
    <dt>${v.t('proposal.yourAnswer')}</dt><dd>${answerText(v, p.own.answer)}</dd>
    <dt>${v.t('proposal.partnerAnswer')}</dt><dd>${answerText(v, p.partner.answer)}</dd>
  </dl>
  ${p.status === 'confirmed' && html`<p class="notice">${v.t('proposal.partnership')}</p>`}
  ${p.status === 'confirmed' && p.partnershipId && html`<p><a class="button" href="/partnerships/${p.partnershipId}/schedule">${v.t('proposal.schedule')}</a></p>`}
  ${p.status === 'confirmed' && p.partnershipId && html`<p><a href="/partnerships/${p.partnershipId}/workspace">${v.t('ws.link')}</a>${unread > 0 && html` <span class="badge">${v.t('ws.unread', { count: unread })}</span>`}</p>`}
  ${p.status === 'accepted' && html`<p>${v.t('proposal.waiting')}</p>`}
  ${
    p.status === 'open' &&
    html`${p.expiresAt && html`<p>${v.t('proposal.expires', { date: formatDateTime(v.locale, v.timeZone, p.expiresAt) })}</p>`}
  ${
    p.own.answer === null &&
    html`<form method="post" action="/proposals/${p.id}/accept" class="inline-form">${csrfField(v)}${backField(v)}
    <button type="submit">${v.t('proposal.accept')}</button>
  </form>
  <details>
    <summary>${v.t('proposal.decline')}</summary>
    <form method="post" action="/proposals/${p.id}/decline">${csrfField(v)}${backField(v)}
      <div class="field">
        <label for="reason-${p.id}">${v.t('field.declineReason')}</label>
        <select id="reason-${p.id}" name="reason">${DECLINE_REASONS.map(
          (r) => html`<option value="${r}">${v.t(`declineReason.${r}`)}</option>`,
        )}</select>
      </div>
      <div class="field">
        <label for="text-${p.id}">${v.t('field.declineText')}</label>
        ${limitHint(v, `text-${p.id}`, DECLINE_TEXT_MAX)}
        <textarea id="text-${p.id}" name="text" rows="3" maxlength="${DECLINE_TEXT_MAX}" aria-describedby="text-${p.id}-limit" data-limit="${DECLINE_TEXT_MAX}"></textarea>
      </div>
      <button type="submit" class="secondary">${v.t('proposal.decline')}</button>
    </form>
  </details>`
  }`
  }
</article>`
}

function proposalsPage(v: View, list: ProposalList, notice?: string, error?: MessageKey): Html {
  const { state, data, incoming } = list
  return page(v, {
    title: v.t('proposals.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('proposals.intro')}</p>
${incomingSection(v, incoming)}
<h2>${v.t('proposals.listTitle')}</h2>
${proposalControls(v, state, data)}
${data.total === 0 && !state.filters['awaiting'] ? html`<p>${v.t('proposals.empty')}</p>` : data.items.map((p) => proposalCard(v, p, (p.partnershipId && list.unread.get(p.partnershipId)) || 0))}
${proposalNext(v, state, data)}`,
  })
}

export const proposalPages: FastifyPluginAsyncTypebox = async (app) => {
  /** The reader's proposals and the expressions of interest waiting for them, or why not. */
  const list = async (
    v: View,
    query: unknown,
  ): Promise<{ list: ProposalList; problem?: undefined } | { list: ProposalList; problem: Problem }> => {
    const state = readProposalList(query)
    const [mine, incoming, unseen] = await Promise.all([
      v.call(listMyProposals, { query: proposalListQuery(state) }),
      v.call(listExpressions, { query: INCOMING_QUERY }),
      v.call(unreadMessages, {}),
    ])
    const expressions = incoming.ok ? incoming.data : emptyExpressions
    // The badges are a courtesy: the list still shows when the counts cannot be had.
    const unread = new Map(
      unseen.ok ? unseen.data.items.map((u) => [u.partnershipId, u.unread] as const) : [],
    )
    if (!mine.ok)
      return {
        list: { state, data: { items: [], nextCursor: null, total: 0 }, incoming: expressions, unread },
        problem: mine.problem,
      }
    return { list: { state, data: mine.data, incoming: expressions, unread } }
  }

  app.get(
    '/proposals',
    {
      config: { access: ['coordinator'] },
      schema: { querystring: ListQuery({ awaiting: OneOf(['true']), status: OneOf(PROPOSAL_STATUSES) }) },
    },
    async (request, reply) => {
      const v = request.view
      const { list: shown, problem } = await list(v, request.query)
      // A stale or edited cursor: start the list again from the top.
      if (problem?.status === 400) return seeOther(reply, '/proposals')
      if (problem) return send(reply, proposalsPage(v, shown, undefined, problemMessage(problem)), 503)
      return send(reply, proposalsPage(v, shown, noticeOf(request.query)))
    },
  )

  for (const action of ['accept', 'decline'] as const) {
    app.post(
      `/proposals/:id/${action}`,
      {
        config: { access: ['coordinator'] },
        schema: { params: IdParams, body: Form(['reason', 'text', 'back']) },
      },
      async (request, reply) => {
        const v = request.view
        const params = { id: request.params.id }
        const { reason, text } = formValues(request.body, ['reason', 'text'])
        const res =
          action === 'accept'
            ? await v.call(acceptProposal, { params })
            : await v.call(declineProposal, {
                params,
                body: {
                  reason: DECLINE_REASONS.find((r) => r === reason) ?? 'other',
                  ...(text ? { text } : {}),
                },
              })
        if (!res.ok) {
          const again = await list(v, {})
          return send(reply, proposalsPage(v, again.list, undefined, problemMessage(res.problem)), res.status)
        }
        const { back } = formValues(request.body, ['back'])
        const target = back && ONE_PROPOSAL.test(back) ? back : '/proposals'
        return seeOther(reply, `${target}?notice=proposal-${action === 'accept' ? 'accepted' : 'declined'}`)
      },
    )
  }
}
