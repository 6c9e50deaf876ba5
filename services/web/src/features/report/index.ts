import {
  fileReport,
  partnershipReports,
  pathOf,
  REPORT_READERS,
  type Report,
  type ReportSummary,
  report,
  reportPdf,
  saveReport,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import { passFile, refusalPage } from '../../components/api-page.js'
import { emptyForm, type FormState, hasErrors, problemMessage } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, OneOf, Query, Uuid } from '../../http/schemas.js'
import { formatDate, type MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { answersOf, FORM_NAMES, fieldOfPath, LIST_NAMES, stateOf, valuesOf } from './fields.js'
import { reportFormPage, reportReadPage } from './page.js'

/**
 * The report after a visit on the web (issue 13, item 4): the form, prefilled, with its five
 * steps as fieldsets on one page; save the draft or file it; once filed, the read view with the
 * PDF (Sachbericht). Every rule is the API's: these pages show it and carry the version.
 */

const ReportParams = Type.Object({ id: Uuid, reportId: Uuid })
const PdfQuery = Type.Object({ lang: OneOf(['de', 'en', 'zh'] as const) })

const CODE_MESSAGES: Record<string, MessageKey> = {
  REPORT_STALE_VERSION: 'report.err.stale',
  REPORT_INCOMPLETE: 'report.err.incomplete',
  REPORT_FILED: 'report.err.filed',
  REPORT_INVALID_FIELDS: 'err.invalid',
}

const url = (r: Pick<Report, 'partnershipId' | 'id'>) => `/partnerships/${r.partnershipId}/reports/${r.id}`

/** The report, if it belongs to this partnership and the reader may open it; else the refusal page. */
async function load(v: View, reply: FastifyReply, id: string, reportId: string): Promise<Report | null> {
  const res = await v.call(report, { params: { id: reportId } })
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

function show(v: View, reply: FastifyReply, r: Report, state?: FormState, notice?: string, status = 200) {
  if (!r.viewer.canEdit) return send(reply, reportReadPage(v, r, notice), status)
  return send(reply, reportFormPage(v, r, state ?? emptyForm(valuesOf(r)), notice), status)
}

/** The API's field problems on the form's fields; the rest as the form's message. */
function applyErrors(state: FormState, p: { code: string; errors?: { field: string; message: string }[] }) {
  for (const e of p.errors ?? []) {
    const name = fieldOfPath(e.field)
    if (!name) continue
    state.errors[name] ??=
      e.message === 'no_participants'
        ? 'report.err.noParticipants'
        : e.message === 'required'
          ? 'err.required'
          : 'err.invalid'
  }
  state.formError = CODE_MESSAGES[p.code] ?? 'err.generic'
}

export const reportPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/reports/:reportId',
    { config: { access: REPORT_READERS }, schema: { params: ReportParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const r = await load(v, reply, request.params.id, request.params.reportId)
      if (!r) return reply
      return show(v, reply, r, undefined, noticeOf(request.query))
    },
  )

  app.post(
    '/partnerships/:id/reports/:reportId',
    {
      config: { access: ['coordinator'] },
      schema: { params: ReportParams, body: Form(FORM_NAMES, LIST_NAMES) },
    },
    async (request, reply) => {
      const v = request.view
      const r = await load(v, reply, request.params.id, request.params.reportId)
      if (!r) return reply
      if (!r.viewer.canEdit) return seeOther(reply, url(r))
      const { state, activities } = stateOf(request.body)
      const { fields, story } = answersOf(
        state,
        activities,
        r.aims.map((a) => a.key),
      )
      if (hasErrors(state)) return show(v, reply, r, state, undefined, 400)
      const expectedVersion = Number(state.values['version']) || r.version
      const saved = await v.call(saveReport, {
        params: { id: r.id },
        body: { expectedVersion, fields, story },
      })
      if (!saved.ok) {
        if (saved.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        applyErrors(state, saved.problem)
        if (saved.problem.code === 'REPORT_STALE_VERSION') state.values['version'] = String(r.version)
        else if (!CODE_MESSAGES[saved.problem.code]) state.formError = problemMessage(saved.problem)
        return show(v, reply, r, state, undefined, saved.status >= 500 ? 503 : saved.status)
      }
      if (state.values['action'] !== 'file') return seeOther(reply, `${url(r)}?notice=report-saved`)
      const filed = await v.call(fileReport, {
        params: { id: r.id },
        body: { expectedVersion: saved.data.version },
      })
      if (filed.ok) return seeOther(reply, `${url(r)}?notice=report-filed`)
      // The answers are saved; the form shows them again with what is still missing.
      const again = emptyForm(valuesOf(saved.data))
      applyErrors(again, filed.problem)
      return show(v, reply, saved.data, again, undefined, filed.status >= 500 ? 503 : filed.status)
    },
  )

  app.get(
    '/partnerships/:id/reports/:reportId/pdf',
    { config: { access: REPORT_READERS }, schema: { params: ReportParams, querystring: PdfQuery } },
    async (request, reply) => {
      const v = request.view
      const r = await load(v, reply, request.params.id, request.params.reportId)
      if (!r) return reply
      const lang = request.query.lang
      const path = pathOf(reportPdf, { id: r.id })
      return passFile(v, reply, lang ? `${path}?lang=${lang}` : path, `report-${r.visit.startDate}.pdf`)
    },
  )
}

/** The workspace's block: the reports the reader's institution still owes, each with its link. */
export async function reportsDueBlock(v: View, partnershipId: string): Promise<Html | ''> {
  if (v.me?.role !== 'coordinator') return ''
  const res = await v.call(partnershipReports, { params: { id: partnershipId } })
  if (!res.ok) return ''
  const due = res.data.items.filter((r: ReportSummary) => r.viewer.canEdit)
  const filed = res.data.items.filter((r: ReportSummary) => r.status === 'filed' && r.viewer.canRead)
  if (due.length === 0 && filed.length === 0) return ''
  return html`<h2 id="reports">${v.t('report.due.title')}</h2>
${due.map(
  (r) => html`<p>${v.t('report.due.body', { title: r.visit.title, date: formatDate(v.locale, r.overdueOn) })}
<a href="${url(r)}">${v.t('report.due.link')}</a></p>`,
)}
${
  filed.length > 0 &&
  html`<ul>${filed.map(
    (r) =>
      html`<li><a href="${url(r)}">${v.t('report.filedBy', { institution: r.institution.name, title: r.visit.title })}</a></li>`,
  )}</ul>`
}`
}
