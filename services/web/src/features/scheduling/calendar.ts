import {
  addInstitutionEntries,
  type CalendarEntryView,
  deleteInstitutionEntry,
  type EntryInput,
  getInstitution,
  INSTITUTION_ENTRY_KINDS,
  type InstitutionEntryKind,
  listInstitutionEntries,
  type ResponseOf,
} from '@dj/contracts'
import { formatDateRange } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { loadOrRefuse } from '../../components/api-page.js'
import {
  applyProblem,
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  input,
  problemMessage,
  radios,
  smallInput,
} from '../../components/forms.js'
import { instName } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery, Uuid } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { READERS } from './format.js'

type Institution = ResponseOf<typeof getInstitution>

type Entry = CalendarEntryView

/**
 * What members enter on this form; the finder treats each as a day the institution is not
 * available. School holidays of their own are imported by the offices (and shown here).
 */
const KINDS = INSTITUTION_ENTRY_KINDS.filter((k) => k !== 'school_holiday')
const isKind = (k: string | undefined): k is InstitutionEntryKind =>
  (KINDS as readonly (string | undefined)[]).includes(k)
const isShownKind = (k: string): k is InstitutionEntryKind =>
  (INSTITUTION_ENTRY_KINDS as readonly string[]).includes(k)

const FIELDS = ['kind', 'start', 'end', 'name'] as const
const LABELS: Record<string, MessageKey> = {
  kind: 'field.entryKind',
  start: 'field.entryStart',
  end: 'field.entryEnd',
  name: 'field.entryName',
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const langOf = (v: View) => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')

function kindText(v: View, kind: string): string {
  return isShownKind(kind) ? v.t(`entryKind.${kind}`) : kind
}

const period = (v: View, e: Entry) => formatDateRange(v.locale, e.start, e.end, { weekday: true })

function calendarPage(v: View, inst: Institution, entries: Entry[], state: FormState, notice?: string): Html {
  const lang = langOf(v)
  return page(v, {
    title: v.t('cal.title'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, LABELS)}
<p><a href="/institutions/${inst.id}">${instName(v, inst)}</a></p>
<p>${v.t('cal.intro')}</p>
${
  entries.length === 0
    ? html`<p>${v.t('cal.empty')}</p>`
    : html`<div class="table-scroll" role="region" aria-labelledby="entries-caption" tabindex="0">
<table>
  <caption id="entries-caption">${v.t('cal.caption')}</caption>
  <thead><tr>
    <th scope="col">${v.t('col.period')}</th>
    <th scope="col">${v.t('col.entryKind')}</th>
    <th scope="col">${v.t('col.instName')}</th>
    <th scope="col">${v.t('col.actions')}</th>
  </tr></thead>
  <tbody>${entries.map((e) => {
    const name = e.name[lang] ?? e.name.en ?? e.name.de ?? e.name.zh ?? ''
    return html`<tr>
    <th scope="row">${period(v, e)}</th>
    <td>${kindText(v, e.kind)}</td>
    <td>${name}</td>
    <td>${
      e.id &&
      html`<form method="post" action="/institutions/${inst.id}/calendar/${e.id}/delete" class="inline-form">${csrfField(v)}
      <button type="submit" class="danger">${v.t('cal.delete')}<span class="visually-hidden"> (${kindText(v, e.kind)}, ${period(v, e)})</span></button>
    </form>`
    }</td>
  </tr>`
  })}</tbody>
</table>
</div>`
}
<h2>${v.t('cal.add')}</h2>
<form method="post" action="/institutions/${inst.id}/calendar" novalidate>${csrfField(v)}
  ${radios(v, state, { name: 'kind', label: 'field.entryKind', required: true, options: KINDS.map((k) => ({ value: k, label: v.t(`entryKind.${k}`) })) })}
  <div class="pair">
    ${smallInput(v, state, { name: 'start', label: 'field.entryStart', type: 'date', required: true })}
    ${smallInput(v, state, { name: 'end', label: 'field.entryEnd', hint: 'field.entryEndHint', type: 'date' })}
  </div>
  ${input(v, state, { name: 'name', label: 'field.entryName' })}
  <button type="submit">${v.t('cal.addSubmit')}</button>
</form>`,
  })
}

const loadInstitution = (v: View, reply: FastifyReply, id: string) =>
  loadOrRefuse(v, reply, getInstitution, { params: { id } })

async function show(
  v: View,
  reply: FastifyReply,
  inst: Institution,
  state: FormState,
  status = 200,
  notice?: string,
) {
  const res = await v.call(listInstitutionEntries, { params: { id: inst.id } })
  if (!res.ok) {
    // Only members (and officers of its side) see an institution's own calendar.
    if (res.status === 404 || res.status === 403)
      return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
  }
  return send(reply, calendarPage(v, inst, res.data.items, state, notice), status)
}

export const calendarPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions/:id/calendar',
    { config: { access: READERS }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const inst = await loadInstitution(request.view, reply, request.params.id)
      if (!inst) return reply
      return show(request.view, reply, inst, emptyForm(), 200, noticeOf(request.query))
    },
  )

  app.post(
    '/institutions/:id/calendar',
    { config: { access: READERS }, schema: { params: IdParams, body: Form(FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const inst = await loadInstitution(v, reply, request.params.id)
      if (!inst) return reply
      const state = emptyForm(formValues(request.body, [...FIELDS]))
      const val = state.values
      const kind = val['kind']
      if (!isKind(kind)) state.errors['kind'] = 'err.required'
      const start = val['start'] ?? ''
      const end = val['end'] ?? ''
      if (!ISO_DATE.test(start)) state.errors['start'] = start ? 'err.date' : 'err.required'
      if (end && !ISO_DATE.test(end)) state.errors['end'] = 'err.date'
      if (!state.errors['start'] && !state.errors['end'] && end && end < start)
        state.errors['end'] = 'err.range'
      if ((val['name'] ?? '').length > 200) state.errors['name'] = 'err.invalid'
      if (hasErrors(state) || !isKind(kind)) return show(v, reply, inst, state, 400)
      const entry: EntryInput = { kind, start }
      if (end) entry.end = end
      if (val['name']) entry.name = { [langOf(v)]: val['name'] }
      const res = await v.call(addInstitutionEntries, { params: { id: inst.id }, body: { entries: [entry] } })
      if (!res.ok) {
        if (res.status === 404) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
        const map: Record<string, string> = {}
        for (const f of FIELDS) {
          map[`entries[0].${f}`] = f
          map[`/entries/0/${f}`] = f
          map[`entries/0/${f}`] = f
        }
        applyProblem(state, res.problem, [...FIELDS], map)
        return show(v, reply, inst, state, res.status >= 500 ? 503 : res.status === 403 ? 403 : 400)
      }
      return seeOther(reply, `/institutions/${inst.id}/calendar?notice=calendar-entry-added`)
    },
  )

  app.post(
    '/institutions/:id/calendar/:entryId/delete',
    {
      config: { access: READERS },
      schema: { params: Type.Object({ id: Uuid, entryId: Uuid }), body: Form([]) },
    },
    async (request, reply) => {
      const v = request.view
      const inst = await loadInstitution(v, reply, request.params.id)
      if (!inst) return reply
      const { entryId } = request.params
      const res = await v.call(deleteInstitutionEntry, { params: { id: inst.id, entryId } })
      if (!res.ok) {
        if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        const state = emptyForm()
        state.formError = problemMessage(res.problem)
        return show(v, reply, inst, state, res.status >= 500 ? 503 : res.status === 403 ? 403 : 409)
      }
      return seeOther(reply, `/institutions/${inst.id}/calendar?notice=calendar-entry-deleted`)
    },
  )
}
