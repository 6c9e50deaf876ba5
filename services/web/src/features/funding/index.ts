import {
  CATALOGUE_READERS,
  createFundingProgramme,
  editFundingProgramme,
  type FundingProgrammeEntry,
  officerFundingProgramme,
  officerFundingProgrammes,
  setFundingProgrammeActive,
  TRIP_FUNDING_READERS,
  tripFunding,
  tripPlan,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { loadOrRefuse, passFile, refusalPage } from '../../components/api-page.js'
import { emptyForm, type FormState, formValues, hasErrors, problemMessage } from '../../components/forms.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, Query, Uuid } from '../../http/schemas.js'
import type { View } from '../../view.js'
import { activeForm, cataloguePage, nameIn } from './catalogue.js'
import {
  applyFieldErrors,
  docOf,
  EMPTY_PROGRAMME,
  type ProgrammeDoc,
  postedValues,
  valuesOf,
} from './form-model.js'
import { programmeForm } from './programme-form.js'
import { fundingPath, tripFundingPage } from './trip-page.js'

/**
 * Funding programmes on the web (issue 13, item 3): the offices' catalogue with its form, and a
 * trip's funding page (which programmes fit, the budget with CSV and PDF, why the others do not).
 * The API decides; the edit form carries the version it was made on (409 when the other office
 * saved meanwhile).
 */

const TripParams = Type.Object({ id: Uuid, tripId: Uuid })
const BudgetParams = Type.Object({
  id: Uuid,
  tripId: Uuid,
  slug: Type.String({ maxLength: 60, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
})
/** The form has as many fields as rows; names and sizes are bounded, values strings. */
const ProgrammeBody = Type.Record(
  Type.String({ maxLength: 80 }),
  Type.Union([
    Type.String({ maxLength: 5000 }),
    Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 }),
  ]),
  { maxProperties: 400 },
)

const statusOf = (status: number) => (status >= 500 ? 503 : [403, 409, 422].includes(status) ? status : 400)

/** The plan's own check that the trip belongs to this partnership (else the 404 page). */
async function tripOfPartnership(v: View, reply: FastifyReply, id: string, tripId: string): Promise<boolean> {
  const res = await v.call(tripPlan, { params: { id: tripId } })
  if (!res.ok) {
    void refusalPage(v, reply, res)
    return false
  }
  if (res.data.partnershipId !== id) {
    void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    return false
  }
  return true
}

function editTitle(v: View, entry: FundingProgrammeEntry) {
  return v.t('funding.editTitle', { name: nameIn(v, (entry.fields as unknown as ProgrammeDoc).name) })
}

async function saveFailed(
  reply: FastifyReply,
  state: FormState,
  res: { status: number; problem: { code: string; errors?: { field: string; message: string }[] } },
  paths: Record<string, string>,
  render: (state: FormState) => ReturnType<typeof programmeForm>,
) {
  if (res.status === 422) applyFieldErrors(state, res.problem.errors ?? [], paths)
  else if (res.problem.code === 'FUNDING_PROGRAMME_EXISTS') state.errors['slug'] = 'funding.err.slugTaken'
  else if (res.problem.code === 'FUNDING_PROGRAMME_STALE_VERSION') state.formError = 'funding.err.stale'
  else state.formError = problemMessage(res.problem as Parameters<typeof problemMessage>[0])
  if (!hasErrors(state)) state.formError = 'err.generic'
  return send(reply, render(state), statusOf(res.status))
}

export const fundingPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/funding',
    { config: { access: CATALOGUE_READERS }, schema: { querystring: Query({}) } },
    async (request, reply) => {
      const data = await loadOrRefuse(request.view, reply, officerFundingProgrammes)
      if (!data) return reply
      return send(reply, cataloguePage(request.view, data.items, noticeOf(request.query)))
    },
  )

  const newForm = (v: View, state: FormState) =>
    programmeForm(v, state, { title: v.t('funding.newTitle'), action: '/officer/funding/new', isNew: true })

  app.get(
    '/officer/funding/new',
    { config: { access: ['officer'] }, schema: { querystring: Query({}) } },
    async (request, reply) => send(reply, newForm(request.view, emptyForm(valuesOf(EMPTY_PROGRAMME)))),
  )

  app.post(
    '/officer/funding/new',
    { config: { access: ['officer'] }, schema: { body: ProgrammeBody } },
    async (request, reply) => {
      const v = request.view
      const { _csrf: _, ...values } = postedValues(request.body)
      const state = emptyForm(values)
      const { doc, paths } = docOf(state)
      if (hasErrors(state)) return send(reply, newForm(v, state), 400)
      const res = await v.call(createFundingProgramme, {
        body: { fields: doc as unknown as Record<string, unknown> },
      })
      if (res.ok) return seeOther(reply, '/officer/funding?notice=funding-saved')
      return saveFailed(reply, state, res, paths, (s) => newForm(v, s))
    },
  )

  app.get(
    '/officer/funding/:id/edit',
    { config: { access: ['officer'] }, schema: { params: IdParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const entry = await loadOrRefuse(v, reply, officerFundingProgramme, {
        params: { id: request.params.id },
      })
      if (!entry) return reply
      const state = emptyForm(valuesOf(entry.fields as unknown as ProgrammeDoc, entry.version))
      return send(
        reply,
        programmeForm(v, state, {
          title: editTitle(v, entry),
          action: `/officer/funding/${entry.id}/edit`,
          isNew: false,
          extra: activeForm(v, entry),
        }),
      )
    },
  )

  app.post(
    '/officer/funding/:id/edit',
    { config: { access: ['officer'] }, schema: { params: IdParams, body: ProgrammeBody } },
    async (request, reply) => {
      const v = request.view
      const entry = await loadOrRefuse(v, reply, officerFundingProgramme, {
        params: { id: request.params.id },
      })
      if (!entry) return reply
      const { _csrf: _, ...values } = postedValues(request.body)
      const state = emptyForm(values)
      const render = (s: FormState, e: FundingProgrammeEntry = entry) =>
        programmeForm(v, s, {
          title: editTitle(v, e),
          action: `/officer/funding/${e.id}/edit`,
          isNew: false,
          extra: activeForm(v, e),
        })
      const { doc, paths } = docOf(state)
      if (hasErrors(state)) return send(reply, render(state), 400)
      const res = await v.call(editFundingProgramme, {
        params: { id: entry.id },
        body: {
          expectedVersion: Number(values['version']) || 0,
          fields: doc as unknown as Record<string, unknown>,
        },
      })
      if (res.ok) return seeOther(reply, '/officer/funding?notice=funding-saved')
      if (res.problem.code === 'FUNDING_PROGRAMME_STALE_VERSION') {
        // The entries stay and now stand on the current version: saving again replaces the other edit.
        state.values['version'] = String(entry.version)
      }
      return saveFailed(reply, state, res, paths, (s) => render(s))
    },
  )

  app.post(
    '/officer/funding/:id/active',
    { config: { access: ['officer'] }, schema: { params: IdParams, body: Form(['version', 'active']) } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['version', 'active'])
      const res = await v.call(setFundingProgrammeActive, {
        params: { id: request.params.id },
        body: { expectedVersion: Number(values['version']) || 0, active: values['active'] === 'yes' },
      })
      if (res.ok) return seeOther(reply, '/officer/funding?notice=funding-saved')
      if (res.status === 409) return messagePage(v, reply, 'error.title', 'funding.err.stale', 409)
      return refusalPage(v, reply, res)
    },
  )

  app.get(
    '/partnerships/:id/trips/:tripId/funding',
    { config: { access: TRIP_FUNDING_READERS }, schema: { params: TripParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const { id, tripId } = request.params
      const data = await loadOrRefuse(v, reply, tripFunding, { params: { id: tripId } })
      if (!data) return reply
      if (data.partnershipId !== id) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      return send(reply, tripFundingPage(v, data, tripId))
    },
  )

  for (const ext of ['csv', 'pdf'] as const) {
    app.get(
      `/partnerships/:id/trips/:tripId/funding/:slug/budget.${ext}`,
      { config: { access: TRIP_FUNDING_READERS }, schema: { params: BudgetParams } },
      async (request, reply) => {
        const v = request.view
        const { id, tripId, slug } = request.params
        if (!(await tripOfPartnership(v, reply, id, tripId))) return reply
        return passFile(
          v,
          reply,
          `/v1/trip-plans/${tripId}/funding/${slug}/budget.${ext}?locale=${v.locale}`,
          `budget-${slug}.${ext}`,
        )
      },
    )
  }
}

export { fundingPath }
