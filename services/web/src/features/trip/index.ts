import {
  addChecklistItem,
  createTripPlan,
  editTripPlan,
  TRIP_READERS,
  type TripPlan,
  tickChecklistItem,
  tripPlan,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { refusalPage } from '../../components/api-page.js'
import { emptyForm, type FormState, formValues, hasErrors, problemMessage } from '../../components/forms.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, Query, Uuid } from '../../http/schemas.js'
import type { View } from '../../view.js'
import { editPage, tripPath } from './edit-form.js'
import {
  applyFieldErrors,
  applyRowAction,
  fieldsOf,
  postedValues,
  type TripFields,
  valuesOf,
} from './form-model.js'
import { tripPage } from './view.js'

/**
 * The trip plan of a booked visit on the web (issue 13, item 1): the plan with its checklist and
 * progress, the edit form both institutions use, ticking items and adding own ones, and "plan the
 * trip" from the workspace. The API decides everything; these pages show it and carry the
 * version an edit was made on, so the other side's save in between is refused there (409).
 */

const TripParams = Type.Object({ id: Uuid, tripId: Uuid })
const ItemParams = Type.Object({
  id: Uuid,
  tripId: Uuid,
  key: Type.String({ maxLength: 80, pattern: '^[a-z_]+(:[a-z0-9-]+)?$' }),
})
const VisitParams = Type.Object({ id: Uuid, visitId: Uuid })
/** The edit form's fields are as many as its rows; names and sizes are bounded, values strings. */
const EditBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([Type.String(), Type.Array(Type.String())]),
  {
    maxProperties: 4000,
  },
)

const statusOf = (status: number) => (status >= 500 ? 503 : [403, 409, 422].includes(status) ? status : 400)

/** The plan if it belongs to this partnership, else the refusal page (null). */
async function load(v: View, reply: FastifyReply, id: string, tripId: string): Promise<TripPlan | null> {
  const res = await v.call(tripPlan, { params: { id: tripId } })
  if (!res.ok) {
    void refusalPage(v, reply, res)
    return null
  }
  if (res.data.partnershipId !== id) {
    void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    return null
  }
  return res.data
}

export const tripPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/trips/:tripId',
    { config: { access: TRIP_READERS }, schema: { params: TripParams, querystring: Query({}) } },
    async (request, reply) => {
      const { id, tripId } = request.params
      const plan = await load(request.view, reply, id, tripId)
      if (!plan) return reply
      return send(reply, tripPage(request.view, plan, emptyForm(), noticeOf(request.query)))
    },
  )

  app.post(
    '/partnerships/:id/visits/:visitId/trip',
    { config: { access: ['coordinator'] }, schema: { params: VisitParams, body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const { id, visitId } = request.params
      const res = await v.call(createTripPlan, { params: { visitId } })
      if (res.ok) return seeOther(reply, `${tripPath(id, res.data.id)}/edit?notice=trip-created`)
      if (res.status === 409) return seeOther(reply, `/partnerships/${id}/workspace#trips`)
      return refusalPage(v, reply, res)
    },
  )

  app.get(
    '/partnerships/:id/trips/:tripId/edit',
    { config: { access: ['coordinator'] }, schema: { params: TripParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId } = request.params
      const plan = await load(v, reply, id, tripId)
      if (!plan) return reply
      if (!plan.viewer.canEdit) return seeOther(reply, tripPath(id, tripId))
      const state = emptyForm(valuesOf(plan.fields as unknown as TripFields, plan.version))
      return send(reply, editPage(v, plan, state, noticeOf(request.query)))
    },
  )

  app.post(
    '/partnerships/:id/trips/:tripId/edit',
    { config: { access: ['coordinator'] }, schema: { params: TripParams, body: EditBody } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId } = request.params
      const plan = await load(v, reply, id, tripId)
      if (!plan) return reply
      const posted = postedValues(request.body)
      const { action = 'save', _csrf: _, ...values } = posted
      const changed = applyRowAction(values, action)
      // A row added or removed: the form again, nothing saved.
      if (changed) return send(reply, editPage(v, plan, emptyForm(changed)))
      const state = emptyForm(values)
      const { fields, paths } = fieldsOf(plan.fields as unknown as TripFields, state, new Date())
      if (hasErrors(state)) return send(reply, editPage(v, plan, state), 400)
      const res = await v.call(editTripPlan, {
        params: { id: tripId },
        body: {
          expectedVersion: Number(values['version']) || 0,
          fields: fields as unknown as Record<string, unknown>,
        },
      })
      if (res.ok) return seeOther(reply, `${tripPath(id, tripId)}?notice=trip-saved`)
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      if (res.problem.code === 'TRIP_PLAN_STALE_VERSION') {
        // The entries stay and now stand on the current version: sending them again replaces
        // what the other side saved; the message says so, the plan page shows what they saved.
        const current = await v.call(tripPlan, { params: { id: tripId } })
        state.formError = 'trip.err.stale'
        if (current.ok) {
          state.values['version'] = String(current.data.version)
          return send(reply, editPage(v, current.data, state), 409)
        }
      } else if (res.status === 422) applyFieldErrors(state, res.problem.errors ?? [], paths)
      else state.formError = problemMessage(res.problem)
      if (!hasErrors(state)) state.formError = problemMessage(res.problem)
      return send(reply, editPage(v, plan, state), statusOf(res.status))
    },
  )

  app.post(
    '/partnerships/:id/trips/:tripId/checklist/:key',
    { config: { access: ['coordinator'] }, schema: { params: ItemParams, body: Form(['done']) } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId, key } = request.params
      const plan = await load(v, reply, id, tripId)
      if (!plan) return reply
      const done = formValues(request.body, ['done'])['done'] !== 'no'
      const res = await v.call(tickChecklistItem, { params: { id: tripId, key }, body: { done } })
      if (res.ok) return seeOther(reply, `${tripPath(id, tripId)}?notice=trip-ticked#checklist`)
      return refusalPage(v, reply, res)
    },
  )

  app.post(
    '/partnerships/:id/trips/:tripId/checklist',
    { config: { access: ['coordinator'] }, schema: { params: TripParams, body: Form(['label', 'dueDate']) } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId } = request.params
      const plan = await load(v, reply, id, tripId)
      if (!plan) return reply
      const values = formValues(request.body, ['label', 'dueDate'])
      const state: FormState = emptyForm(values)
      if (!values['label']) state.errors['label'] = 'err.required'
      else if (values['label'].length > 200) state.errors['label'] = 'err.invalid'
      if (values['dueDate'] && !/^\d{4}-\d{2}-\d{2}$/.test(values['dueDate']))
        state.errors['dueDate'] = 'err.invalid'
      if (!hasErrors(state)) {
        const res = await v.call(addChecklistItem, {
          params: { id: tripId },
          body: { label: values['label']!, dueDate: values['dueDate'] || null },
        })
        if (res.ok) return seeOther(reply, `${tripPath(id, tripId)}?notice=trip-item-added#checklist`)
        if (res.status === 400) state.errors['dueDate'] = 'err.invalid'
        else return refusalPage(v, reply, res)
      }
      return send(reply, tripPage(v, plan, state), 400)
    },
  )
}
