import { getInstitution, issueVisaLetter, pathOf, tripPlan, visaLetterInfo } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import type { Problem } from '../../api-client.js'
import { refusalPage } from '../../components/api-page.js'
import { emptyForm, type FormState, formValues, hasErrors } from '../../components/forms.js'
import { html } from '../../html.js'
import { messagePage, send } from '../../http/respond.js'
import { Form, Uuid } from '../../http/schemas.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { letterPage } from './page.js'
import {
  applyLetterProblem,
  COSTS,
  FIRST_ROWS,
  FORM_NAMES,
  MAX_ROWS,
  MORE_ROWS,
  rowCount,
  travellersOf,
} from './rows.js'

/**
 * The visa invitation letter on the web (issue 13, item 2): the host's coordinators type in the
 * travellers, the API renders the PDF and it streams straight back. Nothing of the travellers is
 * kept here either: not in the session, not in a log line (the request log names method and URL
 * only, http/log.ts), and every page holding typed-in values is sent `no-store`.
 */

const TripParams = Type.Object({ id: Uuid, tripId: Uuid })
const Body = Form(FORM_NAMES)

/** The host's name for the traveller side's "ask the host" page (both coordinators read the plan). */
async function hostName(v: View, tripId: string): Promise<string> {
  const plan = await v.call(tripPlan, { params: { id: tripId } })
  const hostId = plan.ok ? plan.data.visit?.hostInstitutionId : undefined
  if (!hostId) return ''
  const host = await v.call(getInstitution, { params: { id: hostId } })
  return host.ok ? host.data.name : ''
}

async function refuse(
  v: View,
  reply: FastifyReply,
  tripId: string,
  res: { status: number; problem: Problem },
) {
  if (res.status === 403 && res.problem.code === 'VISA_HOST_ONLY') {
    const host = await hostName(v, tripId)
    return send(
      reply,
      page(v, {
        title: v.t('visa.hostOnly.title'),
        body: html`<p>${v.t('visa.hostOnly.body', { host })}</p>`,
      }),
      403,
    )
  }
  if (res.status === 409 && res.problem.code === 'VISA_NO_VISIT')
    return messagePage(v, reply, 'visa.title', 'visa.noVisit', 409)
  return refusalPage(v, reply, { ok: false, ...res })
}

/** The facts of the letter, or the refusal page; the trip must belong to the partnership in the path. */
async function loadInfo(v: View, reply: FastifyReply, id: string, tripId: string) {
  const res = await v.call(visaLetterInfo, { params: { id: tripId } })
  if (!res.ok) {
    await refuse(v, reply, tripId, res)
    return null
  }
  if (res.data.partnershipId !== id) {
    await messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    return null
  }
  return res.data
}

const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store')

export const visaPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/trips/:tripId/visa-letter',
    { config: { access: ['coordinator'] }, schema: { params: TripParams } },
    async (request, reply) => {
      const v = request.view
      const info = await loadInfo(v, reply, request.params.id, request.params.tripId)
      if (!info) return reply
      return send(noStore(reply), letterPage(v, info, emptyForm({ costs: 'travellers' }), FIRST_ROWS))
    },
  )

  app.post(
    '/partnerships/:id/trips/:tripId/visa-letter',
    { config: { access: ['coordinator'] }, schema: { params: TripParams, body: Body } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId } = request.params
      const info = await loadInfo(v, reply, id, tripId)
      if (!info) return reply
      const values = formValues(request.body, FORM_NAMES)
      const state: FormState = emptyForm(values)
      let rows = rowCount(values['rows'])
      if (values['action'] === 'more') {
        rows = Math.min(rows + MORE_ROWS, MAX_ROWS)
        return send(noStore(reply), letterPage(v, info, state, rows))
      }
      const { travellers, rowOf } = travellersOf(state, rows)
      if (travellers.length === 0) {
        state.formError = 'visa.err.none'
        state.formErrorField = 'familyName-0'
      }
      if (hasErrors(state)) return send(noStore(reply), letterPage(v, info, state, rows), 400)

      const costs = COSTS.find((c) => c === values['costs'])
      const cities = (values['cities'] ?? '')
        .split(/[,，、]/)
        .map((c) => c.trim())
        .filter(Boolean)
      const body = {
        travellers,
        ...(costs ? { costs } : {}),
        ...(values['signatoryName'] && values['signatoryRole']
          ? { signatory: { name: values['signatoryName'], role: values['signatoryRole'] } }
          : {}),
        ...(values['hostAddress'] ? { hostAddress: values['hostAddress'] } : {}),
        ...(cities.length ? { cities } : {}),
      }
      const pdf = await v.postForFile(pathOf(issueVisaLetter, { id: tripId }), body)
      if (pdf.status === 200 && pdf.type.startsWith('application/pdf')) {
        void reply
          .header('content-disposition', pdf.disposition ?? 'attachment; filename="visa-invitation.pdf"')
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
        return reply.status(200).type('application/pdf').send(pdf.body)
      }
      let problem: Problem = { status: pdf.status, code: pdf.status >= 500 ? 'INTERNAL' : 'UNKNOWN' }
      try {
        problem = { ...problem, ...(JSON.parse(pdf.body.toString('utf8')) as Partial<Problem>) }
      } catch {
        // Not a problem+json (the API unreachable): the generic message below.
      }
      if (pdf.status === 400) {
        applyLetterProblem(state, problem, rowOf)
        return send(noStore(reply), letterPage(v, info, state, rows), 400)
      }
      if (pdf.status === 429) {
        state.formError = 'err.rateLimited'
        return send(noStore(reply), letterPage(v, info, state, rows), 429)
      }
      return refuse(v, noStore(reply), tripId, { status: pdf.status, problem })
    },
  )
}
