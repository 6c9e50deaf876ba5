import {
  createInterest,
  type FullInstitution,
  getInstitution,
  getInterest,
  type Interest,
  updateInterest,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { loadOrRefuse } from '../../components/api-page.js'
import { applyProblem, emptyForm, formList, formValues, hasErrors } from '../../components/forms.js'
import { seeOther, send } from '../../http/respond.js'
import { Form, IdParams } from '../../http/schemas.js'
import type { View } from '../../view.js'
import {
  INTEREST_API_FIELDS,
  INTEREST_FIELDS,
  INTEREST_STATUSES,
  interestBody,
  interestPage,
  interestValues,
} from './interest-form.js'

const InterestForm = Form(INTEREST_FIELDS, ['formats', 'topics'])
const InterestEditForm = Form([...INTEREST_FIELDS, 'status'], ['formats', 'topics'])

/** The interest and its institution, or the refusal page (null). */
async function loadInterest(
  v: View,
  reply: FastifyReply,
  id: string,
): Promise<{ inst: FullInstitution; interest: Interest } | null> {
  const interest = await loadOrRefuse(v, reply, getInterest, { params: { id } })
  if (!interest) return null
  const inst = await loadOrRefuse(v, reply, getInstitution, { params: { id: interest.institutionId } })
  return inst ? { inst, interest } : null
}

/** An institution's interests: the guided form to add one, and changing one (also its status). */
export const interestPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions/:id/interests/new',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams } },
    async (request, reply) => {
      const inst = await loadOrRefuse(request.view, reply, getInstitution, { params: request.params })
      if (!inst) return reply
      const lang = inst.side === 'jinhua' ? 'de' : 'zh'
      return send(
        reply,
        interestPage(
          request.view,
          inst,
          emptyForm({ lang1: 'en', level1: 'intermediate', lang2: lang, level2: 'basic' }),
        ),
      )
    },
  )

  app.post(
    '/institutions/:id/interests/new',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams, body: InterestForm } },
    async (request, reply) => {
      const inst = await loadOrRefuse(request.view, reply, getInstitution, { params: request.params })
      if (!inst) return reply
      const v = request.view
      const values = formValues(request.body, [...INTEREST_FIELDS])
      values['formats'] = formList(request.body, 'formats').join(',')
      values['topics'] = formList(request.body, 'topics').join(',')
      const state = emptyForm(values)
      const body = interestBody(state)
      if (!body) return send(reply, interestPage(v, inst, state), 400)
      const res = await v.call(createInterest, { params: { id: inst.id }, body })
      if (!res.ok) {
        applyProblem(state, res.problem, [...INTEREST_FIELDS], INTEREST_API_FIELDS)
        return send(
          reply,
          interestPage(v, inst, state),
          res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
        )
      }
      return seeOther(reply, `/institutions/${inst.id}?notice=interest-created`)
    },
  )

  app.get(
    '/interests/:id/edit',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams } },
    async (request, reply) => {
      const found = await loadInterest(request.view, reply, request.params.id)
      if (!found) return reply
      return send(
        reply,
        interestPage(request.view, found.inst, emptyForm(interestValues(found.interest)), found.interest),
      )
    },
  )

  app.post(
    '/interests/:id/edit',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams, body: InterestEditForm } },
    async (request, reply) => {
      const found = await loadInterest(request.view, reply, request.params.id)
      if (!found) return reply
      const { inst, interest } = found
      const v = request.view
      const values = formValues(request.body, [...INTEREST_FIELDS, 'status'])
      values['formats'] = formList(request.body, 'formats').join(',')
      values['topics'] = formList(request.body, 'topics').join(',')
      const state = emptyForm(values)
      const status = values['status'] || interest.status
      if (!([...INTEREST_STATUSES, 'full'] as string[]).includes(status))
        state.errors['status'] = 'err.invalid'
      const body = interestBody(state)
      if (!body || hasErrors(state)) return send(reply, interestPage(v, inst, state, interest), 400)
      const res = await v.call(updateInterest, {
        params: { id: interest.id },
        body: { ...body, status: status as Interest['status'] },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, [...INTEREST_FIELDS, 'status'], INTEREST_API_FIELDS)
        return send(
          reply,
          interestPage(v, inst, state, interest),
          res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
        )
      }
      return seeOther(reply, `/institutions/${inst.id}?notice=interest-saved#interest-${interest.id}`)
    },
  )
}
