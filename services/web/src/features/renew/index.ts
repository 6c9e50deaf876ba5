import { type RenewStatus, renewExchange, renewStatus } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { csrfField } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, seeOther } from '../../http/respond.js'
import { Form, IdParams } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

/**
 * "Plan the next one" on the web (issue 13, item 5): a button on the workspace once the exchange
 * is complete (the agreement fully signed, the visit over) that asks the API to copy the agreement
 * and the trip plan into next year's drafts, then opens the new agreement draft.
 */

/** Whether the workspace shows the button: asked of the API (officers see the state, not the button). */
export async function loadRenewStatus(v: View, partnershipId: string): Promise<RenewStatus | null> {
  const res = await v.call(renewStatus, { params: { id: partnershipId } })
  return res.ok ? res.data : null
}

/** The workspace's block: the button for the pair's coordinators, and nothing before it is due. */
export function renewBlock(v: View, partnershipId: string, s: RenewStatus | null): Html | '' {
  if (!s) return ''
  if (s.canRenew)
    return html`<h2 id="renew">${v.t('renew.title')}</h2>
<p>${v.t('renew.intro')}</p>
<form method="post" action="/partnerships/${partnershipId}/renew">${csrfField(v)}
  <button type="submit">${v.t('renew.button')}</button>
</form>`
  if (s.reason === 'draft_exists' && s.edition)
    return html`<h2 id="renew">${v.t('renew.title')}</h2>
<p>${v.t('renew.drafting', { edition: s.edition })} <a href="/partnerships/${partnershipId}/agreement">${v.t('renew.openDraft')}</a></p>${
      s.nextTripPlanId &&
      html`<p>${v.t('renew.nextTrip')} <a href="/partnerships/${partnershipId}/trips/${s.nextTripPlanId}">${v.t('renew.openTrip')}</a></p>`
    }`
  return ''
}

/** What a refusal of the API means to the coordinator who pressed the button. */
const REFUSALS: Record<string, MessageKey> = {
  RENEW_DRAFT_EXISTS: 'renew.err.draftExists',
  RENEW_NOT_YET: 'renew.err.notYet',
}

export const renewPages: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/partnerships/:id/renew',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const { id } = request.params
      const res = await v.call(renewExchange, { params: { id } })
      if (res.ok) return seeOther(reply, `/partnerships/${id}/agreement?notice=exchange-renewed`)
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      if (res.status === 403) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
      const message = REFUSALS[res.problem.code]
      if (message) return messagePage(v, reply, 'renew.title', message, 409)
      return messagePage(v, reply, 'error.title', 'err.unavailable', 503)
    },
  )
}
