import { type Expression, expressInterest, getExpression } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { csrfField, problemMessage } from '../../components/forms.js'
import { description, instName, interestSummary } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import { formatDateTime } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { formatsOf } from './proposal-list.js'

/** What the reader can do with the expression, in words, and the one button when there is one. */
function nextStep(v: View, e: Expression): Html {
  if (e.status === 'matched' && e.proposalId)
    return html`<p class="notice">${v.t('expressions.matched')}</p>
<p><a class="button" href="/proposals/${e.proposalId}">${v.t('expressions.toProposal')}</a></p>`
  if (e.proposalId)
    return html`<p>${v.t('expressions.proposalExists')}</p>
<p><a class="button" href="/proposals/${e.proposalId}">${v.t('expressions.toProposal')}</a></p>`
  if (e.direction === 'outgoing') return html`<p>${v.t('expressions.outgoingWaiting')}</p>`
  if (!e.canAnswer) return html`<p>${v.t('expressions.closed')}</p>`
  return html`<h2>${v.t('expressions.whatNow')}</h2>
<p>${v.t('expressions.answerHint')}</p>
<form method="post" action="/interest-expressions/${e.id}/answer">${csrfField(v)}
  <button type="submit">${v.t('expressions.answer')}</button>
</form>
<p>${v.t('expressions.ignoreHint')}</p>`
}

function expressionPage(v: View, e: Expression, notice?: string): Html {
  const partner = e.partner.institution
  const title =
    e.direction === 'incoming'
      ? v.t('expressions.incomingPageTitle', { name: e.partner.institution.name })
      : v.t('expressions.outgoingPageTitle', { name: e.partner.institution.name })
  return page(v, {
    title,
    notice,
    body: html`<p>${v.t(`side.${partner.side}`)}${partner.kind && html` · ${v.t(`kind.${partner.kind}`)}`} · <time datetime="${e.createdAt}">${formatDateTime(v.locale, v.timeZone, e.createdAt)}</time></p>
<h2>${instName(v, partner)}</h2>
${description(v, partner)}
<p><a href="/institutions/${partner.id}">${v.t('expressions.profile')}</a></p>
<h3>${v.t('expressions.theirInterest')}</h3>
${interestSummary(v, e.partner.interest)}
<h3>${v.t('expressions.yourInterest', { institution: e.own.institution.name })}</h3>
<p>${formatsOf(v, e.own.interest)}</p>
${nextStep(v, e)}
<p><a href="/proposals">${v.t('detail.allProposals')}</a></p>`,
  })
}

/** An expression of interest from partner search, on its own page, where its message links to. */
export const expressionPages: FastifyPluginAsyncTypebox = async (app) => {
  const load = (v: View, id: string) => v.call(getExpression, { params: { id } })

  app.get(
    '/interest-expressions/:id',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const res = await load(v, request.params.id)
      if (!res.ok)
        return res.status === 404
          ? messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
          : messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      return send(reply, expressionPage(v, res.data, noticeOf(request.query)))
    },
  )

  /** "We are interested too": express interest back from the interest it was addressed to. */
  app.post(
    '/interest-expressions/:id/answer',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const res = await load(v, request.params.id)
      if (!res.ok)
        return messagePage(
          v,
          reply,
          res.status === 404 ? 'notFound.title' : 'error.title',
          res.status === 404 ? 'notFound.body' : problemMessage(res.problem),
          res.status,
        )
      const e = res.data
      if (e.direction !== 'incoming') return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
      const answered = await v.call(expressInterest, {
        params: { id: e.partner.interest.id },
        body: { fromInterestId: e.own.interest.id },
      })
      if (!answered.ok) {
        return send(
          reply,
          page(v, {
            title: v.t('error.title'),
            body: html`<div class="error-summary" role="alert"><p>${v.t(problemMessage(answered.problem))}</p></div>
<p><a href="/interest-expressions/${e.id}">${v.t('expressions.back')}</a></p>`,
          }),
          answered.status,
        )
      }
      const to = answered.data.proposalId
        ? `/proposals/${answered.data.proposalId}?notice=interest-matched`
        : `/interest-expressions/${e.id}?notice=interest-expressed`
      return seeOther(reply, to)
    },
  )
}
