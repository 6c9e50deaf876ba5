import { claimSchool, listUnclaimedSchools, type UnclaimedSchool } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { csrfField, errorSummary, formValues, problemMessage } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, Query } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { loadRegions, type Regions } from '../institutions/regions.js'
import { attributionNote, typeName, unitName } from './shared.js'

const ListQuery = Query({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  side: Type.Optional(Type.Union([Type.Literal('duren'), Type.Literal('jinhua'), Type.Literal('')])),
})

interface RowError {
  id: string
  message: MessageKey
  role: string
}

function claimCell(v: View, s: UnclaimedSchool, error: RowError | undefined): Html {
  if (s.myClaimId) return html`<td>${v.t('opendata.claim.mine')}</td>`
  if (s.claimState === 'claim_pending') return html`<td>${v.t('opendata.claim.pending')}</td>`
  if (v.me?.role !== 'coordinator') return html`<td>${v.t('opendata.claim.open')}</td>`
  const id = `f-role-${s.id}`
  return html`<td><form method="post" action="/open-data/schools/${s.id}/claim" class="inline-claim" novalidate>
  ${csrfField(v)}
  <div class="field${error ? ' field-error' : ''}">
    <label for="${id}">${v.t('opendata.claim.role', { school: s.name })}</label>
    ${error && html`<p class="error" id="${id}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(error.message)}</p>`}
    <input id="${id}" name="role" type="text" maxlength="100" value="${error?.role ?? ''}" autocomplete="organization-title"${
      error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
    }>
  </div>
  <button type="submit">${v.t('opendata.claim.submit')}</button>
</form></td>`
}

function schoolsPage(
  v: View,
  data: {
    items: UnclaimedSchool[]
    attribution: { source: string; licence: string; licenceUrl: string }[]
  } | null,
  regions: Regions | null,
  q: { q?: string | undefined; side?: string | undefined },
  o: { notice?: string | undefined; error?: RowError | undefined } = {},
): Html {
  const side = q.side ?? ''
  return page(v, {
    title: v.t('opendata.schools.title'),
    notice: o.notice,
    hasErrors: Boolean(o.error),
    body: html`${o.error ? errorSummary(v, { values: {}, errors: { [`role-${o.error.id}`]: o.error.message } }, {}) : ''}<p>${v.t('opendata.schools.intro')}</p>
<form method="get" action="/open-data/schools" class="filters" role="search">
  <div class="field"><label for="f-q">${v.t('opendata.schools.search')}</label>
  <input id="f-q" name="q" type="search" value="${q.q ?? ''}" maxlength="100"></div>
  <div class="field"><label for="f-side">${v.t('field.side')}</label>
  <select id="f-side" name="side">
    <option value=""${side === '' ? html` selected` : ''}>${v.t('opendata.schools.bothSides')}</option>
    <option value="duren"${side === 'duren' ? html` selected` : ''}>${v.t('side.duren')}</option>
    <option value="jinhua"${side === 'jinhua' ? html` selected` : ''}>${v.t('side.jinhua')}</option>
  </select></div>
  <button type="submit">${v.t('opendata.schools.filter')}</button>
</form>
${
  !data
    ? html`<p>${v.t('err.unavailable')}</p>`
    : data.items.length === 0
      ? html`<p>${v.t('opendata.schools.none')}</p>`
      : html`<div class="table-scroll"><table>
  <caption>${v.t('opendata.schools.caption', { count: data.items.length })}</caption>
  <thead><tr><th scope="col">${v.t('opendata.col.school')}</th><th scope="col">${v.t('opendata.col.type')}</th><th scope="col">${v.t('opendata.col.place')}</th><th scope="col">${v.t('opendata.col.claim')}</th></tr></thead>
  <tbody>${data.items.map(
    (s) =>
      html`<tr><th scope="row"><span lang="${s.side === 'jinhua' ? 'zh' : 'de'}">${s.name}</span>${
        s.website &&
        html`<br><a href="${s.website}" rel="nofollow noopener">${v.t('opendata.col.homepage')}</a>`
      }</th><td>${typeName(v, s.kind, s.subtype)}</td><td>${unitName(v, regions, s.municipalityId)}${
        s.address?.street &&
        html`<br><span lang="${s.side === 'jinhua' ? 'zh' : 'de'}">${s.address.street}, ${s.address.postcode} ${s.address.town}</span>`
      }</td>${claimCell(v, s, o.error?.id === s.id ? o.error : undefined)}</tr>`,
  )}</tbody>
</table></div>
${attributionNote(v, data.attribution)}`
}`,
  })
}

/** Schools from open data nobody has claimed yet; a coordinator asks to take one over. */
export const openDataSchoolPages: FastifyPluginAsyncTypebox = async (app) => {
  const load = async (v: View, q: { q?: string | undefined; side?: string | undefined }) => {
    const query: { q?: string; side?: 'duren' | 'jinhua'; limit: number } = { limit: 200 }
    if (q.q?.trim()) query.q = q.q.trim()
    if (q.side === 'duren' || q.side === 'jinhua') query.side = q.side
    const res = await v.call(listUnclaimedSchools, { query })
    return res.ok ? res.data : null
  }

  app.get(
    '/open-data/schools',
    { config: { access: 'signed-in' }, schema: { querystring: ListQuery } },
    async (request, reply) => {
      const v = request.view
      const [data, regions] = await Promise.all([load(v, request.query), loadRegions(v)])
      return send(
        reply,
        schoolsPage(v, data, regions, request.query, { notice: noticeOf(request.query) }),
        data ? 200 : 503,
      )
    },
  )

  app.post(
    '/open-data/schools/:id/claim',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, body: Form(['role']) } },
    async (request, reply) => {
      const v = request.view
      const role = formValues(request.body, ['role'])['role'] ?? ''
      let message: MessageKey | undefined
      let status = 400
      if (role.length < 2) message = 'opendata.err.role'
      else {
        const res = await v.call(claimSchool, { params: request.params, body: { role: role.slice(0, 100) } })
        if (res.ok) return seeOther(reply, '/open-data/schools?notice=claim-sent')
        if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        message = res.status === 409 ? 'opendata.err.taken' : problemMessage(res.problem)
        status = res.status >= 500 ? 503 : res.status
      }
      const [data, regions] = await Promise.all([load(v, {}), loadRegions(v)])
      return send(
        reply,
        schoolsPage(v, data, regions, {}, { error: { id: request.params.id, message, role } }),
        status,
      )
    },
  )
}
