import {
  decideClaim,
  getClaim,
  importOpenData,
  listClaims,
  MAX_OPEN_DATA_BYTES,
  type OfficerClaim,
  type OpenDataImportResult,
  openDataTemplate,
  pathOf,
  SCHULGRUNDDATEN_ATTRIBUTION,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadOrRefuse, passFile } from '../../components/api-page.js'
import {
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  problemMessage,
  radios,
  textarea,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { noticeOf, reader, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery } from '../../http/schemas.js'
import { readUploadedForm, uploadRoute } from '../../http/upload.js'
import { formatDateTime } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { attributionNote } from './shared.js'

const staff = ['officer', 'admin'] as const

const formatOf = (v: View): 'schulgrunddaten' | 'jinhua_list' | undefined =>
  v.me?.role === 'officer' ? (v.me.officerSide === 'jinhua' ? 'jinhua_list' : 'schulgrunddaten') : undefined

function uploadPage(v: View, state: FormState): Html {
  const fixed = formatOf(v)
  return page(v, {
    title: v.t('opendata.import.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { file: 'field.file', format: 'opendata.import.format' })}
<p>${v.t('opendata.import.intro')}</p>
<h2>${v.t('opendata.import.nrwTitle')}</h2>
<p>${v.t('opendata.import.nrwFormat')}</p>
<h2>${v.t('opendata.import.jinhuaTitle')}</h2>
<p>${v.t('opendata.import.jinhuaFormat')}</p>
<p><code>school_code, name_zh, name_en, type, county, address, postcode, email, homepage, lat, lon, status</code></p>
<p><a href="/officer/open-data/template.csv" download>${v.t('opendata.import.template')}</a></p>
<form method="post" action="/officer/open-data" enctype="multipart/form-data" novalidate>
  ${csrfField(v)}
  ${
    fixed
      ? html`<input type="hidden" name="format" value="${fixed}"><p>${v.t('opendata.import.formatFixed', { format: v.t(`opendata.format.${fixed}`) })}</p>`
      : radios(v, state, {
          name: 'format',
          label: 'opendata.import.format',
          required: true,
          options: (['schulgrunddaten', 'jinhua_list'] as const).map((f) => ({
            value: f,
            label: v.t(`opendata.format.${f}`),
          })),
        })
  }
  <div class="field${state.errors['file'] ? ' field-error' : ''}">
    <label for="f-file">${v.t('field.file')}</label>
    ${state.errors['file'] && html`<p class="error" id="f-file-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(state.errors['file'])}</p>`}
    <input id="f-file" name="file" type="file" accept=".csv,text/csv"${
      state.errors['file'] ? html` aria-invalid="true" aria-describedby="f-file-error"` : ''
    }>
  </div>
  <button type="submit">${v.t('opendata.import.submit')}</button>
</form>
<p><a href="/officer/open-data/claims">${v.t('opendata.claims.title')}</a></p>
${attributionNote(v, fixed === 'jinhua_list' ? [] : [SCHULGRUNDDATEN_ATTRIBUTION])}`,
  })
}

function resultPage(v: View, r: OpenDataImportResult, fileName: string | undefined): Html {
  return page(v, {
    title: v.t('opendata.result.title'),
    body: html`<dl class="facts">
  ${fileName && html`<dt>${v.t('field.file')}</dt><dd>${fileName}</dd>`}
  <dt>${v.t('opendata.import.format')}</dt><dd>${v.t(`opendata.format.${r.format}`)}</dd>
  <dt>${v.t('opendata.result.encoding')}</dt><dd>${r.encoding}</dd>
</dl>
<p>${v.t('opendata.result.counts', { rows: r.rows, added: r.added, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped.length })}</p>
${
  r.skipped.length > 0 &&
  html`<h2>${v.t('opendata.result.skipped')}</h2>
<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('opendata.result.skipped')}</caption>
  <thead><tr><th scope="col">${v.t('col.line')}</th><th scope="col">${v.t('opendata.col.key')}</th><th scope="col">${v.t('opendata.col.school')}</th><th scope="col">${v.t('col.reason')}</th></tr></thead>
  <tbody>${r.skipped.map(
    (s) =>
      html`<tr><th scope="row">${s.line}</th><td><code>${s.sourceKey}</code></td><td>${s.name}</td><td>${v.t(`opendata.skip.${s.reason}`)} <span lang="en">(${s.detail})</span></td></tr>`,
  )}</tbody>
</table></div>`
}
${
  r.changes.length > 0 &&
  html`<h2>${v.t('opendata.result.imported')}</h2>
<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('opendata.result.imported')}</caption>
  <thead><tr><th scope="col">${v.t('col.line')}</th><th scope="col">${v.t('opendata.col.key')}</th><th scope="col">${v.t('opendata.col.school')}</th><th scope="col">${v.t('opendata.col.outcome')}</th></tr></thead>
  <tbody>${r.changes.map(
    (c) =>
      html`<tr><th scope="row">${c.line}</th><td><code>${c.sourceKey}</code></td><td>${c.name}</td><td>${v.t(`opendata.outcome.${c.outcome}`)}</td></tr>`,
  )}</tbody>
</table></div>`
}
${r.attribution && attributionNote(v, [r.attribution])}
<p><a href="/officer/open-data">${v.t('opendata.result.another')}</a> · <a href="/open-data/schools">${v.t('opendata.schools.title')}</a></p>`,
  })
}

const domainHint = (v: View, c: OfficerClaim) =>
  c.domainMatch
    ? html`<strong>${v.t('opendata.claims.match')}</strong>`
    : v.t(c.schoolDomain ? 'opendata.claims.noMatch' : 'opendata.claims.noDomain')

function claimsPage(v: View, items: OfficerClaim[], notice?: string): Html {
  return page(v, {
    title: v.t('opendata.claims.title'),
    notice,
    body: html`<p>${v.t('opendata.claims.intro')}</p>
${
  items.length === 0
    ? html`<p>${v.t('opendata.claims.none')}</p>`
    : html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('opendata.claims.title')}</caption>
  <thead><tr><th scope="col">${v.t('opendata.col.school')}</th><th scope="col">${v.t('opendata.col.claimant')}</th><th scope="col">${v.t('opendata.col.domain')}</th><th scope="col">${v.t('opendata.col.status')}</th></tr></thead>
  <tbody>${items.map(
    (c) =>
      html`<tr><th scope="row"><a href="/officer/open-data/claims/${c.id}">${c.institution.name}</a></th><td>${c.claimant.name}<br>${c.claimant.email}</td><td>${domainHint(v, c)}</td><td>${v.t(`opendata.claimStatus.${c.status}`)}</td></tr>`,
  )}</tbody>
</table></div>`
}
<p><a href="/officer/open-data">${v.t('opendata.import.title')}</a></p>`,
  })
}

function claimPage(v: View, c: OfficerClaim, state: FormState): Html {
  return page(v, {
    title: v.t('opendata.claim.title', { school: c.institution.name }),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { reason: 'opendata.claim.reason', decision: 'opendata.claim.decision' })}
<dl class="facts">
  <dt>${v.t('opendata.col.school')}</dt><dd>${c.institution.name}${c.address && html`<br>${c.address.street}, ${c.address.postcode} ${c.address.town}`}</dd>
  ${c.website && html`<dt>${v.t('opendata.col.homepage')}</dt><dd><a href="${c.website}" rel="nofollow noopener">${c.website}</a></dd>`}
  <dt>${v.t('opendata.col.claimant')}</dt><dd>${c.claimant.name} (${c.claimant.email})${c.role && html`, ${c.role}`}</dd>
  <dt>${v.t('opendata.col.domain')}</dt><dd>${domainHint(v, c)}${
    c.schoolDomain &&
    html` <span class="hint">(${v.t('opendata.claims.domains', { school: c.schoolDomain, claimant: c.claimantDomain ?? '–' })})</span>`
  }</dd>
  <dt>${v.t('opendata.col.status')}</dt><dd>${v.t(`opendata.claimStatus.${c.status}`)}</dd>
  <dt>${v.t('opendata.col.requested')}</dt><dd><time datetime="${c.createdAt}">${formatDateTime(v.locale, v.timeZone, c.createdAt)}</time></dd>
  ${c.reason && html`<dt>${v.t('opendata.claim.reason')}</dt><dd>${c.reason}</dd>`}
</dl>
${
  c.status === 'pending' &&
  html`<form method="post" action="/officer/open-data/claims/${c.id}" novalidate>
  ${csrfField(v)}
  ${radios(v, state, {
    name: 'decision',
    label: 'opendata.claim.decision',
    required: true,
    options: [
      { value: 'confirm', label: v.t('opendata.claim.confirm') },
      { value: 'refuse', label: v.t('opendata.claim.refuse') },
    ],
  })}
  ${textarea(v, state, { name: 'reason', label: 'opendata.claim.reason', hint: 'opendata.claim.reasonHint', rows: 3 })}
  <button type="submit">${v.t('opendata.claim.decide')}</button>
</form>`
}
<p><a href="/officer/open-data/claims">${v.t('opendata.claims.title')}</a></p>`,
  })
}

/** The office's import of open data and its decisions on claims. */
export const openDataOfficerPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/officer/open-data', { config: { access: staff } }, async (request, reply) =>
    send(reply, uploadPage(request.view, emptyForm())),
  )

  app.post('/officer/open-data', uploadRoute(app, staff, MAX_OPEN_DATA_BYTES), async (request, reply) => {
    const v = request.view
    reader(v)
    const { fields, file } = await readUploadedForm(request)
    const format = formatOf(v) ?? fields['format']
    const state = emptyForm({ format: format ?? '' })
    const content = file?.content
    if (!content || content.length === 0) state.errors['file'] = file?.filename ? 'err.csvEmpty' : 'err.file'
    if (format !== 'schulgrunddaten' && format !== 'jinhua_list') state.errors['format'] = 'err.required'
    if (hasErrors(state) || !content || (format !== 'schulgrunddaten' && format !== 'jinhua_list'))
      return send(reply, uploadPage(v, state), 400)
    const fileName = file?.filename ? file.filename.slice(0, 200) : undefined
    const res = await v.upload(
      importOpenData,
      { query: { format, ...(fileName ? { fileName } : {}) } },
      { body: content, type: 'text/csv' },
    )
    if (!res.ok) {
      state.errors['file'] =
        res.status === 400 || res.status === 413 ? 'opendata.err.file' : problemMessage(res.problem)
      return send(reply, uploadPage(v, state), res.status >= 500 ? 503 : res.status === 403 ? 403 : 400)
    }
    return send(reply, resultPage(v, res.data, fileName))
  })

  app.get('/officer/open-data/template.csv', { config: { access: staff } }, async (request, reply) =>
    passFile(request.view, reply, pathOf(openDataTemplate, {}), 'jinhua-schools-template.csv'),
  )

  app.get(
    '/officer/open-data/claims',
    { config: { access: staff }, schema: { querystring: NoticeQuery } },
    async (request, reply) => {
      const data = await loadOrRefuse(request.view, reply, listClaims, { query: {} })
      if (!data) return reply
      return send(reply, claimsPage(request.view, data.items, noticeOf(request.query)))
    },
  )

  app.get(
    '/officer/open-data/claims/:id',
    { config: { access: staff }, schema: { params: IdParams } },
    async (request, reply) => {
      const c = await loadOrRefuse(request.view, reply, getClaim, { params: request.params })
      if (!c) return reply
      return send(reply, claimPage(request.view, c, emptyForm()))
    },
  )

  app.post(
    '/officer/open-data/claims/:id',
    { config: { access: staff }, schema: { params: IdParams, body: Form(['decision', 'reason']) } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['decision', 'reason'])
      const state = emptyForm(values)
      if (values['decision'] !== 'confirm' && values['decision'] !== 'refuse')
        state.errors['decision'] = 'err.required'
      if (values['decision'] === 'refuse' && !values['reason']) state.errors['reason'] = 'opendata.err.reason'
      if (!hasErrors(state)) {
        const res = await v.call(decideClaim, {
          params: request.params,
          body: {
            decision: values['decision'] as 'confirm' | 'refuse',
            ...(values['reason'] ? { reason: values['reason'].slice(0, 500) } : {}),
          },
        })
        if (res.ok) return seeOther(reply, '/officer/open-data/claims?notice=claim-decided')
        state.formError = problemMessage(res.problem)
      }
      const c = await loadOrRefuse(v, reply, getClaim, { params: request.params })
      if (!c) return reply
      return send(reply, claimPage(v, c, state), 400)
    },
  )
}
