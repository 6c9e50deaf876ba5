import {
  type FullInstitution,
  getInstitution,
  type Interest,
  type Lang,
  listInstitutionInterests,
  listMembers,
  listMyInstitutions,
  type Member,
  registerInstitution,
  SCHULGRUNDDATEN_ATTRIBUTION,
} from '@dj/contracts'
import { formatDateTime } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
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
  requireFields,
  select,
} from '../../components/forms.js'
import { description, instName, interestSummary } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { attributionNote } from '../opendata/shared.js'
import { loadRegions, municipalityOptions, parseType, type Regions, typeOptions } from './regions.js'

const NEW_FIELDS = ['side', 'name', 'type', 'municipalityId'] as const
const NEW_LABELS: Record<string, MessageKey> = {
  side: 'field.side',
  name: 'field.institutionName',
  type: 'field.type',
  municipalityId: 'field.municipality',
}

function newInstitutionPage(v: View, state: FormState, regions: Regions | null): Html {
  return page(v, {
    title: v.t('institution.new.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, NEW_LABELS)}
<p>${v.t('institution.new.intro')}</p>
<form method="post" action="/institutions/new" novalidate>
  ${csrfField(v)}
  ${radios(v, state, {
    name: 'side',
    label: 'field.side',
    required: true,
    options: [
      { value: 'duren', label: v.t('side.duren') },
      { value: 'jinhua', label: v.t('side.jinhua') },
    ],
  })}
  ${input(v, state, { name: 'name', label: 'field.institutionName', required: true, autocomplete: 'organization' })}
  ${select(v, state, { name: 'type', label: 'field.type', required: true, options: [{ value: '', label: '—' }, ...typeOptions(v)] })}
  ${select(v, state, { name: 'municipalityId', label: 'field.municipality', hint: 'field.municipalityHint', required: true, options: [{ value: '', label: '—' }, ...municipalityOptions(v, regions)] })}
  <button type="submit">${v.t('institution.submit')}</button>
</form>`,
  })
}

function listPage(v: View, items: FullInstitution[], notice?: string): Html {
  return page(v, {
    title: v.t('inst.list.title'),
    notice,
    body: html`${
      items.length === 0
        ? html`<p>${v.t('inst.list.empty')}</p>`
        : html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('inst.list.title')}</caption>
  <thead><tr><th scope="col">${v.t('col.instName')}</th><th scope="col">${v.t('col.side')}</th><th scope="col">${v.t('inst.kind')}</th><th scope="col">${v.t('inst.status')}</th><th scope="col">${v.t('col.role')}</th></tr></thead>
  <tbody>${items.map(
    (i) =>
      html`<tr><th scope="row"><a href="/institutions/${i.id}">${instName(v, i)}</a></th><td>${v.t(`side.${i.side}`)}</td><td>${
        i.kind ? v.t(`kind.${i.kind}`) : ''
      }</td><td>${v.t(`instStatus.${i.status}`)}</td><td>${i.myRole ? v.t(`memberRole.${i.myRole}`) : ''}</td></tr>`,
  )}</tbody></table></div>`
    }
<p><a class="button" href="/institutions/new">${v.t('nav.institutionNew')}</a></p>
<p><a href="/open-data/schools">${v.t('opendata.schools.listed')}</a></p>`,
  })
}

function detailPage(
  v: View,
  inst: FullInstitution,
  members: Member[],
  interests: Interest[],
  notice?: string,
): Html {
  const canEdit = inst.myRole === 'owner' || inst.myRole === 'member' || v.me?.role === 'admin'
  const names = Object.entries(inst.nameI18n ?? {}) as [Lang, string][]
  return page(v, {
    title: inst.name,
    notice,
    body: html`${inst.status === 'pending' && html`<div class="callout"><p>${v.t('inst.pendingNote')}</p></div>`}
<dl class="facts">
  <dt>${v.t('inst.status')}</dt><dd>${v.t(`instStatus.${inst.status}`)}</dd>
  <dt>${v.t('col.side')}</dt><dd>${v.t(`side.${inst.side}`)}</dd>
  ${inst.kind && html`<dt>${v.t('inst.kind')}</dt><dd>${v.t(`kind.${inst.kind}`)}</dd>`}
  ${
    names.length > 0 &&
    html`<dt>${v.t('inst.names')}</dt><dd><ul class="plain">${names.map(
      ([lang, name]) =>
        html`<li><span lang="${lang === 'zh' ? 'zh-Hans' : lang}">${name}</span> (${v.t(`langName.${lang}`)})</li>`,
    )}</ul></dd>`
  }
  ${inst.website && html`<dt>${v.t('inst.website')}</dt><dd><a href="${inst.website}" rel="noopener noreferrer">${inst.website}</a></dd>`}
</dl>
${inst.source === 'schulgrunddaten' && attributionNote(v, [SCHULGRUNDDATEN_ATTRIBUTION])}
${inst.description && html`<h2>${v.t('inst.description')}</h2>${description(v, inst)}`}
${
  canEdit &&
  html`<p><a href="/institutions/${inst.id}/edit">${v.t('inst.edit')}</a></p>
<p><a href="/institutions/${inst.id}/calendar">${v.t('cal.link')}</a></p>`
}
<h2>${v.t('inst.interests')}</h2>
${
  interests.length === 0
    ? html`<p>${v.t('inst.noInterests')}</p>`
    : interests.map(
        (i) => html`<section class="card" aria-labelledby="interest-${i.id}">
  <h3 id="interest-${i.id}">${i.formats.map((f) => v.t(`format.${f}`)).join(', ')} <span class="badge">${v.t(`interestStatus.${i.status}`)}</span></h3>
  ${interestSummary(v, i, { formats: false })}
  ${canEdit && html`<p><a href="/interests/${i.id}/edit" aria-describedby="interest-${i.id}">${v.t('interest.edit')}</a></p>`}
</section>`,
      )
}
${canEdit && html`<p><a class="button" href="/institutions/${inst.id}/interests/new">${v.t('inst.addInterest')}</a></p>`}
${
  members.length > 0 &&
  html`<h2>${v.t('inst.members')}</h2>
<p><a href="/institutions/${inst.id}/colleagues">${v.t('colleagues.manage')}</a></p>
<ul>${members.map(
    (m) =>
      html`<li>${m.displayName} (${v.t(`memberRole.${m.role}`)}), <a href="mailto:${m.email}">${m.email}</a>, ${v.t('profile.created')}: <time datetime="${m.since}">${formatDateTime(v.locale, v.timeZone, m.since)}</time></li>`,
  )}</ul>`
}`,
  })
}

/** My institutions, registering a new one, and an institution's profile. */
export const institutionListPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/institutions',
    { config: { access: ['coordinator'] }, schema: { querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(listMyInstitutions)
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
      return send(reply, listPage(v, res.data.items, noticeOf(request.query)))
    },
  )

  app.get('/institutions/new', { config: { access: ['coordinator'] } }, async (request, reply) => {
    return send(reply, newInstitutionPage(request.view, emptyForm(), await loadRegions(request.view)))
  })

  app.post(
    '/institutions/new',
    { config: { access: ['coordinator'] }, schema: { body: Form(NEW_FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, [...NEW_FIELDS])), [...NEW_FIELDS])
      const { side, name } = state.values
      const type = parseType(state.values['type'])
      const knownSide = side === 'duren' || side === 'jinhua' ? side : undefined
      if (side && !knownSide) state.errors['side'] = 'err.invalid'
      if (state.values['type'] && !type) state.errors['type'] = 'err.invalid'
      if (name && name.length < 2) state.errors['name'] = 'err.invalid'
      const regions = await loadRegions(v)
      if (hasErrors(state) || !type || !knownSide || !name)
        return send(reply, newInstitutionPage(v, state, regions), 400)
      const res = await v.call(registerInstitution, {
        body: { side: knownSide, name, ...type, municipalityId: state.values['municipalityId'] },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, [...NEW_FIELDS], { kind: 'type', subtype: 'type' })
        return send(
          reply,
          newInstitutionPage(v, state, regions),
          res.status >= 500 ? 503 : res.status === 403 ? 403 : 400,
        )
      }
      return seeOther(reply, `/institutions/${res.data.id}?notice=institution-created`)
    },
  )

  app.get(
    '/institutions/:id',
    { config: { access: 'signed-in' }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const inst = await loadOrRefuse(v, reply, getInstitution, { params: request.params })
      if (!inst) return reply
      const [members, interests] = await Promise.all([
        inst.access === 'full' ? v.call(listMembers, { params: { id: inst.id } }) : null,
        v.call(listInstitutionInterests, { params: { id: inst.id } }),
      ])
      return send(
        reply,
        detailPage(
          v,
          inst,
          members?.ok ? members.data.items : [],
          interests.ok ? interests.data.items : [],
          noticeOf(request.query),
        ),
      )
    },
  )
}
