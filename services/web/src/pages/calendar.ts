import type { FastifyPluginAsync, FastifyReply } from 'fastify'
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
} from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import type { MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import { type Institution, UUID } from './registry-types.js'
import { instName } from './render.js'
import { formatDay } from './scheduling.js'

interface Entry {
  id?: string
  start: string
  end: string
  kind: string
  name: { de?: string; en?: string; zh?: string }
  source: string
}

/** What members may enter themselves; the finder treats each as a day the institution is not available. */
const KINDS = ['movable_day_off', 'exam', 'blackout', 'closure'] as const
type Kind = (typeof KINDS)[number]
const SHOWN_KINDS = [...KINDS, 'school_holiday'] as const

const FIELDS = ['kind', 'start', 'end', 'name']
const LABELS: Record<string, MessageKey> = {
  kind: 'field.entryKind',
  start: 'field.entryStart',
  end: 'field.entryEnd',
  name: 'field.entryName',
}
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

const langOf = (v: View) => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')

function kindText(v: View, kind: string): string {
  return (SHOWN_KINDS as readonly string[]).includes(kind)
    ? v.t(`entryKind.${kind as (typeof SHOWN_KINDS)[number]}`)
    : kind
}

function period(v: View, e: Entry): string {
  return e.start === e.end
    ? formatDay(v.locale, e.start)
    : `${formatDay(v.locale, e.start)} – ${formatDay(v.locale, e.end)}`
}

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

async function loadInstitution(v: View, reply: FastifyReply, id: string): Promise<Institution | null> {
  if (!UUID.test(id)) {
    void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    return null
  }
  const res = await v.api<Institution>('GET', `/v1/institutions/${id}`)
  if (res.ok) return res.data
  if (res.status === 404 || res.status === 400)
    void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
  else if (res.status === 403) void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
  else void messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
  return null
}

async function show(
  v: View,
  reply: FastifyReply,
  inst: Institution,
  state: FormState,
  status = 200,
  notice?: string,
) {
  const res = await v.api<{ items: Entry[] }>('GET', `/v1/institutions/${inst.id}/calendar-entries`)
  if (!res.ok) {
    // Only members (and officers of its side) see an institution's own calendar.
    if (res.status === 404 || res.status === 403)
      return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
  }
  return send(reply, calendarPage(v, inst, res.data.items, state, notice), status)
}

const ROLES = ['coordinator', 'officer', 'admin'] as const

export const calendarPages: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string } }>('/institutions/:id/calendar', async (request, reply) => {
    if (!requireRole(request, reply, [...ROLES])) return reply
    const inst = await loadInstitution(request.view, reply, request.params.id)
    if (!inst) return reply
    return show(request.view, reply, inst, emptyForm(), 200, noticeOf(request.query))
  })

  app.post<{ Params: { id: string } }>('/institutions/:id/calendar', async (request, reply) => {
    if (!requireRole(request, reply, [...ROLES])) return reply
    const v = request.view
    const inst = await loadInstitution(v, reply, request.params.id)
    if (!inst) return reply
    const state = emptyForm(formValues(request.body, FIELDS))
    const val = state.values
    if (!KINDS.includes(val['kind'] as Kind)) state.errors['kind'] = 'err.required'
    const start = val['start'] ?? ''
    const end = val['end'] ?? ''
    if (!ISO_DATE.test(start)) state.errors['start'] = start ? 'err.date' : 'err.required'
    if (end && !ISO_DATE.test(end)) state.errors['end'] = 'err.date'
    if (!state.errors['start'] && !state.errors['end'] && end && end < start)
      state.errors['end'] = 'err.range'
    if ((val['name'] ?? '').length > 200) state.errors['name'] = 'err.invalid'
    if (hasErrors(state)) return show(v, reply, inst, state, 400)
    const entry: Record<string, unknown> = { kind: val['kind'], start }
    if (end) entry['end'] = end
    if (val['name']) entry['name'] = { [langOf(v)]: val['name'] }
    const res = await v.api('POST', `/v1/institutions/${inst.id}/calendar-entries`, { entries: [entry] })
    if (!res.ok) {
      if (res.status === 404) return messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
      const map: Record<string, string> = {}
      for (const f of FIELDS) {
        map[`entries[0].${f}`] = f
        map[`/entries/0/${f}`] = f
        map[`entries/0/${f}`] = f
      }
      applyProblem(state, res.problem, FIELDS, map)
      return show(v, reply, inst, state, res.status >= 500 ? 503 : res.status === 403 ? 403 : 400)
    }
    return seeOther(reply, `/institutions/${inst.id}/calendar?notice=calendar-entry-added`)
  })

  app.post<{ Params: { id: string; entryId: string } }>(
    '/institutions/:id/calendar/:entryId/delete',
    async (request, reply) => {
      if (!requireRole(request, reply, [...ROLES])) return reply
      const v = request.view
      const inst = await loadInstitution(v, reply, request.params.id)
      if (!inst) return reply
      const { entryId } = request.params
      if (!UUID.test(entryId)) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      const res = await v.api('DELETE', `/v1/institutions/${inst.id}/calendar-entries/${entryId}`)
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
