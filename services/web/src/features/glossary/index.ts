import {
  createGlossaryEntry,
  editGlossaryEntry,
  GLOSSARY_READERS,
  type GlossaryEntryView,
  officerGlossary,
  officerGlossaryEntry,
  removeGlossaryEntry,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { loadOrRefuse, refusalPage } from '../../components/api-page.js'
import { emptyForm, type FormState, formValues, problemMessage } from '../../components/forms.js'
import type { Html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, Query } from '../../http/schemas.js'
import type { View } from '../../view.js'
import { entryForm, glossaryPage, TERM_FIELDS, type TermField, termsOf, textOf } from './pages.js'

/**
 * The offices' search glossary on the web (issue 14, item 5): the list (officers and admins read),
 * the form to add, edit or remove an entry (officers). The API checks and audits; the edit form
 * carries the version it was made on (409 when the other office saved meanwhile).
 */

const EntryForm = Form([...TERM_FIELDS, 'version'])
const VersionForm = Form(['version'])

type Terms = Record<TermField, string[]>

/** The posted terms, or the form again with the empty fields marked. */
function termsFrom(state: FormState): Terms | null {
  const terms = Object.fromEntries(TERM_FIELDS.map((f) => [f, termsOf(state.values[f] ?? '')])) as Terms
  for (const f of TERM_FIELDS) if (terms[f].length === 0) state.errors[f] = 'err.required'
  return Object.keys(state.errors).length > 0 ? null : terms
}

type Refused = { status: number; problem: { code: string; errors?: { field: string; message: string }[] } }

/** The API's refusal on the form: bad terms on their field, a stale version as the form's error. */
function saveFailed(reply: FastifyReply, state: FormState, res: Refused, render: (s: FormState) => Html) {
  for (const e of res.problem.errors ?? []) {
    const field = e.field.split('.')[0] as TermField
    if (TERM_FIELDS.includes(field)) state.errors[field] = 'glossary.err.term'
  }
  if (res.problem.code === 'GLOSSARY_ENTRY_STALE_VERSION') state.formError = 'glossary.err.stale'
  else if (Object.keys(state.errors).length === 0)
    state.formError = problemMessage(res.problem as Parameters<typeof problemMessage>[0])
  const status = res.status >= 500 ? 503 : [403, 409, 422].includes(res.status) ? res.status : 400
  return send(reply, render(state), status)
}

const valuesOf = (e: GlossaryEntryView) => ({
  de: textOf(e.de),
  zh: textOf(e.zh),
  en: textOf(e.en),
  version: String(e.version),
})

export const glossaryPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/glossary',
    { config: { access: GLOSSARY_READERS }, schema: { querystring: Query({}) } },
    async (request, reply) => {
      const data = await loadOrRefuse(request.view, reply, officerGlossary)
      if (!data) return reply
      return send(reply, glossaryPage(request.view, data.items, noticeOf(request.query)))
    },
  )

  const newForm = (v: View, state: FormState) =>
    entryForm(v, state, { title: v.t('glossary.newTitle'), action: '/officer/glossary/new' })

  app.get(
    '/officer/glossary/new',
    { config: { access: ['officer'] }, schema: { querystring: Query({}) } },
    async (request, reply) => send(reply, newForm(request.view, emptyForm())),
  )

  app.post(
    '/officer/glossary/new',
    { config: { access: ['officer'] }, schema: { body: EntryForm } },
    async (request, reply) => {
      const v = request.view
      const state = emptyForm(formValues(request.body, TERM_FIELDS))
      const terms = termsFrom(state)
      if (!terms) return send(reply, newForm(v, state), 400)
      const res = await v.call(createGlossaryEntry, { body: terms })
      if (res.ok) return seeOther(reply, '/officer/glossary?notice=glossary-saved')
      return saveFailed(reply, state, res, (s) => newForm(v, s))
    },
  )

  const editForm = (v: View, state: FormState, entry: GlossaryEntryView) =>
    entryForm(v, state, {
      title: v.t('glossary.editTitle', { term: entry.de[0] ?? '' }),
      action: `/officer/glossary/${entry.id}/edit`,
      entry,
    })

  app.get(
    '/officer/glossary/:id/edit',
    { config: { access: ['officer'] }, schema: { params: IdParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const entry = await loadOrRefuse(v, reply, officerGlossaryEntry, { params: { id: request.params.id } })
      if (!entry) return reply
      return send(reply, editForm(v, emptyForm(valuesOf(entry)), entry))
    },
  )

  app.post(
    '/officer/glossary/:id/edit',
    { config: { access: ['officer'] }, schema: { params: IdParams, body: EntryForm } },
    async (request, reply) => {
      const v = request.view
      const entry = await loadOrRefuse(v, reply, officerGlossaryEntry, { params: { id: request.params.id } })
      if (!entry) return reply
      const state = emptyForm(formValues(request.body, [...TERM_FIELDS, 'version']))
      const terms = termsFrom(state)
      if (!terms) return send(reply, editForm(v, state, entry), 400)
      const res = await v.call(editGlossaryEntry, {
        params: { id: entry.id },
        body: { expectedVersion: Number(state.values['version']) || 0, ...terms },
      })
      if (res.ok) return seeOther(reply, '/officer/glossary?notice=glossary-saved')
      // The entries stay and now stand on the current version: saving again replaces the other edit.
      if (res.problem.code === 'GLOSSARY_ENTRY_STALE_VERSION') state.values['version'] = String(entry.version)
      return saveFailed(reply, state, res, (s) => editForm(v, s, entry))
    },
  )

  app.post(
    '/officer/glossary/:id/remove',
    { config: { access: ['officer'] }, schema: { params: IdParams, body: VersionForm } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['version'])
      const res = await v.call(removeGlossaryEntry, {
        params: { id: request.params.id },
        query: { expectedVersion: Number(values['version']) || 0 },
      })
      if (res.ok) return seeOther(reply, '/officer/glossary?notice=glossary-removed')
      if (res.status === 409) return messagePage(v, reply, 'error.title', 'glossary.err.stale', 409)
      return refusalPage(v, reply, res)
    },
  )
}
