import { getImport, type ImportProgress, MAX_IMPORT_BYTES, uploadImport } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  hasErrors,
  problemMessage,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, reader, seeOther, send } from '../../http/respond.js'
import { IdParams, NoticeQuery } from '../../http/schemas.js'
import { readUploadedForm, uploadRoute } from '../../http/upload.js'
import { formatDateTime, formatNumber, formatPercent } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

/** The API's limit for an import file (the form's own overhead comes on top, see uploadRoute). */
export const MAX_UPLOAD_BYTES = MAX_IMPORT_BYTES

type ImportStatus = ImportProgress

const progressOf = (s: ImportStatus) =>
  s.total > 0 ? Math.round((s.processed / s.total) * 100) : s.status === 'done' ? 100 : 0

function uploadPage(v: View, state: FormState): Html {
  const admin = v.me?.role === 'admin'
  return page(v, {
    title: v.t('imports.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { file: 'field.file', side: 'field.side' })}
<p>${v.t('imports.intro')}</p>
<p><code>external_key, name, kind, municipality</code></p>
<form method="post" action="/officer/imports" enctype="multipart/form-data" novalidate>
  ${csrfField(v)}
  ${
    admin &&
    html`<fieldset class="field${state.errors['side'] ? ' field-error' : ''}"><legend>${v.t('field.side')}</legend>
    ${state.errors['side'] && html`<p class="error" id="f-side-error">${v.t(state.errors['side'])}</p>`}
    <div class="radio"><input type="radio" id="f-side" name="side" value="duren"><label for="f-side">${v.t('side.duren')}</label></div>
    <div class="radio"><input type="radio" id="f-side-1" name="side" value="jinhua"><label for="f-side-1">${v.t('side.jinhua')}</label></div>
  </fieldset>`
  }
  <div class="field${state.errors['file'] ? ' field-error' : ''}">
    <label for="f-file">${v.t('field.file')}</label>
    <p class="hint" id="f-file-hint">${v.t('field.fileHint')}</p>
    ${state.errors['file'] && html`<p class="error" id="f-file-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(state.errors['file'])}</p>`}
    <input id="f-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="f-file-hint${state.errors['file'] ? ' f-file-error' : ''}"${
      state.errors['file'] ? html` aria-invalid="true"` : ''
    }>
  </div>
  <button type="submit">${v.t('imports.submit')}</button>
</form>`,
  })
}

const PROBLEM_CODES = [
  'required',
  'tooLong',
  'reservedPrefix',
  'length',
  'oneOf',
  'noSubtype',
  'sportOnly',
  'municipality',
  'website',
  'wholeNumber',
  'languages',
  'contactName',
  'email',
  'consent',
] as const

/** A row problem in the reader's language; reports stored before codes existed stay English. */
function rowProblem(v: View, r: ImportStatus['report'][number]): Html {
  const code = PROBLEM_CODES.find((c) => c === r.code)
  if (!code) return html`<td lang="en">${r.reason}</td>`
  const params = Object.fromEntries(
    Object.entries(r.params ?? {}).map(([k, x]) => [
      k,
      typeof x === 'number' ? formatNumber(v.locale, x) : x,
    ]),
  )
  return html`<td>${v.t(`importErr.${code}`, params)}</td>`
}

function statusPage(v: View, s: ImportStatus, notice?: string): Html {
  const running = s.status === 'queued' || s.status === 'running'
  const progress = progressOf(s)
  return page(v, {
    title: v.t('import.title'),
    notice,
    body: html`<dl class="facts">
  ${s.fileName && html`<dt>${v.t('field.file')}</dt><dd>${s.fileName}</dd>`}
  <dt>${v.t('col.side')}</dt><dd>${v.t(`side.${s.side}`)}</dd>
  <dt>${v.t('round.status')}</dt><dd data-round-status>${v.t(`roundStatus.${s.status}`)}</dd>
  <dt>${v.t('round.started')}</dt><dd><time datetime="${s.createdAt}">${formatDateTime(v.locale, v.timeZone, s.createdAt)}</time></dd>
</dl>
${
  running &&
  html`<div class="round-progress" data-poll="/officer/imports/${s.id}/status.json">
  <label for="import-progress">${v.t('round.progress')}</label>
  <progress id="import-progress" max="100" value="${progress}">${formatPercent(v.locale, progress / 100)}</progress>
  <p aria-live="polite" data-progress-text>${v.t('round.progressText', { progress: formatPercent(v.locale, progress / 100) })}</p>
  <p><a href="/officer/imports/${s.id}">${v.t('round.reload')}</a></p>
</div>`
}
${s.status === 'failed' && html`<div class="error-summary" role="alert"><p>${v.t('import.failed')}</p>${s.error && html`<p lang="en">${s.error}</p>`}</div>`}
<p>${v.t('import.counts', { processed: s.processed, total: s.total, created: s.created, updated: s.updated, unchanged: s.unchanged, failed: s.failed })}</p>
${
  s.report.length > 0 &&
  html`<h2>${v.t('import.report')}</h2>
<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('import.report')}</caption>
  <thead><tr><th scope="col">${v.t('col.line')}</th><th scope="col">${v.t('col.column')}</th><th scope="col">${v.t('col.reason')}</th></tr></thead>
  <tbody>${s.report.map(
    (r) => html`<tr><th scope="row">${r.line}</th><td><code>${r.column}</code></td>${rowProblem(v, r)}</tr>`,
  )}</tbody>
</table></div>`
}
<p><a href="/officer/imports">${v.t('imports.another')}</a></p>`,
  })
}

export const importPages: FastifyPluginAsyncTypebox = async (app) => {
  const staff = ['officer', 'admin'] as const

  app.get('/officer/imports', { config: { access: staff } }, async (request, reply) => {
    return send(reply, uploadPage(request.view, emptyForm()))
  })

  // Access and the CSRF token are checked before the file is read (http/upload.ts).
  app.post('/officer/imports', uploadRoute(app, staff, MAX_UPLOAD_BYTES), async (request, reply) => {
    const me = reader(request.view)
    const v = request.view
    const { fields, file } = await readUploadedForm(request)
    const side = fields['side']
    const state = emptyForm()
    const content = file?.content
    // A chosen file with nothing in it is not the same mistake as choosing none.
    if (!content || content.length === 0) state.errors['file'] = file?.filename ? 'err.csvEmpty' : 'err.file'
    if (me.role === 'admin' && side !== 'duren' && side !== 'jinhua') state.errors['side'] = 'err.required'
    if (hasErrors(state) || !content) return send(reply, uploadPage(v, state), 400)
    const query: { fileName?: string; side?: 'duren' | 'jinhua' } = {}
    if (file?.filename) query.fileName = file.filename.slice(0, 200)
    if (me.role === 'admin' && (side === 'duren' || side === 'jinhua')) query.side = side
    const res = await v.upload(uploadImport, { query }, { body: content, type: 'text/csv' })
    if (!res.ok) {
      state.errors['file'] =
        res.status === 400 || res.status === 413 || res.status === 415
          ? 'err.csv'
          : problemMessage(res.problem)
      return send(reply, uploadPage(v, state), res.status >= 500 ? 503 : 400)
    }
    return seeOther(reply, `/officer/imports/${res.data.id}?notice=import-started`)
  })

  app.get(
    '/officer/imports/:id',
    { config: { access: staff }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(getImport, { params: request.params })
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      return send(reply, statusPage(v, res.data, noticeOf(request.query)))
    },
  )

  app.get(
    '/officer/imports/:id/status.json',
    { config: { access: staff, answers: 'json' }, schema: { params: IdParams } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(getImport, { params: request.params })
      if (!res.ok) return reply.status(res.status).send({ error: res.problem.code })
      const progress = progressOf(res.data)
      void reply.header('cache-control', 'no-store')
      return {
        status: res.data.status,
        progress,
        statusText: v.t(`roundStatus.${res.data.status}`),
        progressText: v.t('round.progressText', { progress: formatPercent(v.locale, progress / 100) }),
      }
    },
  )
}
