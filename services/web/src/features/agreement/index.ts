import {
  AGREEMENT_READERS,
  type Agreement,
  agreement,
  agreementVersionPdf,
  agreementVersions,
  createAgreement,
  editAgreement,
  pathOf,
  SIGNER_ROLES,
  signAgreement,
  submitAgreement,
  workspace,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
import type { Problem } from '../../api-client.js'
import { loadOrRefuse, passFile, refusalPage } from '../../components/api-page.js'
import {
  emptyForm,
  type FormState,
  formList,
  formValues,
  hasErrors,
  problemMessage,
} from '../../components/forms.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, OneOf, Query, Uuid } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { editPage } from './edit-form.js'
import { applyForm, type Fields, FORM_NAMES, fieldOf, LIST_NAMES, valuesOf } from './fields.js'
import { agreementPage, LANGUAGE_CHOICES, type LanguageChoice, noAgreementPage } from './view.js'

/**
 * The exchange agreement on the web (issue 12): the agreement page with its clauses side by side,
 * the edit form, and the submit, sign and draft buttons. Every step is the API's; these pages
 * only show it and carry the version hash a step acts on, so a stale one is refused there (409).
 */

/** An earlier edition of the agreement ("plan the next one" starts another); absent: the newest. */
const Edition = Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,3})?$' }))
const AgreementQuery = Query({ languages: OneOf(LANGUAGE_CHOICES), edition: Edition })
const VersionParams = Type.Object({ id: Uuid, version: Type.String({ pattern: '^[1-9][0-9]{0,5}$' }) })
const PdfQuery = Type.Object({ languages: OneOf(LANGUAGE_CHOICES), edition: Edition })
const editionOf = (q: { edition?: string | undefined }) => (q.edition ? { edition: Number(q.edition) } : {})

/** What the API's refusals of a step mean to the reader. */
const CODE_MESSAGES: Record<string, MessageKey> = {
  AGREEMENT_STALE_VERSION: 'agr.err.stale',
  AGREEMENT_ALREADY_SIGNED: 'agr.err.alreadySigned',
  AGREEMENT_INSTITUTIONS_FIRST: 'agr.err.institutionsFirst',
  AGREEMENT_NOT_READY: 'agr.err.notReady',
  AGREEMENT_ALREADY_SUBMITTED: 'agr.err.alreadySubmitted',
  AGREEMENT_COMPLETED: 'agr.err.completed',
  AGREEMENT_NO_CHANGE: 'agr.err.noChange',
  AGREEMENT_INCOMPLETE: 'agr.err.incomplete',
  AGREEMENT_INVALID_FIELDS: 'agr.err.invalid',
  AGREEMENT_EXISTS: 'agr.err.exists',
  AGREEMENT_WRONG_SIGNER: 'agr.err.wrongSigner',
}
const messageOf = (p: Problem): MessageKey => CODE_MESSAGES[p.code] ?? problemMessage(p)
/** A refusal's status for the page that shows it again. */
const statusOf = (status: number) => (status >= 500 ? 503 : [403, 409, 422].includes(status) ? status : 400)

const base = (id: string) => `/partnerships/${id}/agreement`

type Loaded = { kind: 'agreement'; a: Agreement } | { kind: 'none'; canDraft: boolean } | null

/**
 * The agreement, or that there is none yet. The API answers 404 for both "no agreement" and "not
 * your partnership"; the workspace tells them apart for the pair's people.
 */
async function load(
  v: View,
  reply: FastifyReply,
  id: string,
  languages: LanguageChoice,
  edition: { edition?: number } = {},
): Promise<Loaded> {
  const res = await v.call(agreement, { params: { id }, query: { languages, ...edition } })
  if (res.ok) return { kind: 'agreement', a: res.data }
  if (res.status !== 404 || edition.edition !== undefined) {
    void refusalPage(v, reply, res)
    return null
  }
  // Admins do not open workspaces (the partners' correspondence); for them there is just none yet.
  if (v.me?.role === 'admin') return { kind: 'none', canDraft: false }
  const w = await loadOrRefuse(v, reply, workspace, { params: { id } })
  return w ? { kind: 'none', canDraft: w.viewer.canPost } : null
}

async function showAgreement(
  v: View,
  reply: FastifyReply,
  id: string,
  o: {
    languages?: LanguageChoice | ''
    state?: FormState
    notice?: string | undefined
    status?: number
    edition?: { edition?: number }
  },
) {
  const languages = o.languages || 'de,zh'
  const state = o.state ?? emptyForm()
  const loaded = await load(v, reply, id, languages, o.edition)
  if (!loaded) return reply
  if (loaded.kind === 'none') return send(reply, noAgreementPage(v, id, loaded.canDraft, state), o.status)
  const versions = await v.call(agreementVersions, { params: { id }, query: { edition: loaded.a.edition } })
  return send(
    reply,
    agreementPage(v, {
      a: loaded.a,
      versions: versions.ok ? versions.data.items : [],
      languages,
      state,
      notice: o.notice,
    }),
    o.status,
  )
}

/** A step's refusal as the agreement page's message (the page itself then shows the current version). */
function refusal(p: Problem): FormState {
  const state = emptyForm()
  state.formError = messageOf(p)
  return state
}

export const agreementPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/agreement',
    { config: { access: AGREEMENT_READERS }, schema: { params: IdParams, querystring: AgreementQuery } },
    async (request, reply) =>
      showAgreement(request.view, reply, request.params.id, {
        languages: request.query.languages ?? '',
        notice: noticeOf(request.query),
        edition: editionOf(request.query),
      }),
  )

  app.post(
    '/partnerships/:id/agreement',
    {
      config: { access: ['coordinator'] },
      schema: { params: IdParams, body: Form(['countersign'], ['secondSigner']) },
    },
    async (request, reply) => {
      const v = request.view
      const { id } = request.params
      const second = new Set([request.body.secondSigner ?? []].flat())
      const config = {
        // The offices countersign unless the form says no (a form without the field keeps the default).
        countersign: request.body.countersign !== 'no',
        secondSigner: { duren: second.has('duren'), jinhua: second.has('jinhua') },
      }
      const res = await v.call(createAgreement, {
        params: { id },
        query: { languages: 'de,zh' },
        body: { config },
      })
      if (res.ok) return seeOther(reply, `${base(id)}/edit?notice=agreement-drafted`)
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      if (res.status === 409) return seeOther(reply, base(id))
      return showAgreement(v, reply, id, { state: refusal(res.problem), status: statusOf(res.status) })
    },
  )

  for (const step of ['submit', 'sign'] as const)
    app.post(
      `/partnerships/:id/agreement/${step}`,
      {
        config: { access: step === 'sign' ? ['coordinator', 'officer'] : ['coordinator'] },
        schema: { params: IdParams, body: Form(['hash', 'role']) },
      },
      async (request, reply) => {
        const v = request.view
        const { id } = request.params
        const form = formValues(request.body, ['hash', 'role'])
        const hash = form['hash'] ?? ''
        const role = SIGNER_ROLES.find((r) => r === form['role'])
        const query = { languages: 'de,zh' } as const
        const res =
          step === 'sign'
            ? await v.call(signAgreement, {
                params: { id },
                query,
                body: { hash, ...(role ? { role } : {}) },
              })
            : await v.call(submitAgreement, { params: { id }, query, body: { hash } })
        if (res.ok)
          return seeOther(
            reply,
            `${base(id)}?notice=${step === 'sign' ? 'agreement-signed' : 'agreement-submitted'}`,
          )
        if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
        // The page shows the current version again: the reader sees what changed before signing.
        return showAgreement(v, reply, id, { state: refusal(res.problem), status: statusOf(res.status) })
      },
    )

  app.get(
    '/partnerships/:id/agreement/edit',
    { config: { access: ['coordinator'] }, schema: { params: IdParams, querystring: Query({}) } },
    async (request, reply) => {
      const v = request.view
      const { id } = request.params
      const loaded = await load(v, reply, id, 'de,zh')
      if (!loaded) return reply
      if (loaded.kind === 'none') return send(reply, noAgreementPage(v, id, loaded.canDraft, emptyForm()))
      if (!loaded.a.viewer.canEdit) return seeOther(reply, base(id))
      const state = emptyForm(valuesOf(loaded.a.fields as unknown as Fields, loaded.a.hash))
      return send(reply, editPage(v, loaded.a, state, noticeOf(request.query)))
    },
  )

  app.post(
    '/partnerships/:id/agreement/edit',
    {
      config: { access: ['coordinator'] },
      schema: { params: IdParams, body: Form(FORM_NAMES, LIST_NAMES) },
    },
    async (request, reply) => {
      const v = request.view
      const { id } = request.params
      const loaded = await load(v, reply, id, 'de,zh')
      if (!loaded) return reply
      if (loaded.kind === 'none') return seeOther(reply, base(id))
      const values = formValues(request.body, FORM_NAMES)
      const lists = Object.fromEntries(LIST_NAMES.map((n) => [n, formList(request.body, n)]))
      const state = emptyForm({
        ...values,
        ...Object.fromEntries(LIST_NAMES.map((n) => [n, lists[n]!.join(',')])),
      })
      const fields = applyForm(loaded.a.fields as unknown as Fields, state, lists)
      if (hasErrors(state)) return send(reply, editPage(v, loaded.a, state), 400)
      const res = await v.call(editAgreement, {
        params: { id },
        query: { languages: 'de,zh' },
        body: { baseHash: values['baseHash'] ?? '', fields },
      })
      if (res.ok)
        return seeOther(
          reply,
          `${base(id)}?notice=${res.data.voided.length > 0 ? 'agreement-voided' : 'agreement-saved'}#versions`,
        )
      if (res.status === 404) return messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
      state.formError = messageOf(res.problem)
      if (res.problem.code === 'AGREEMENT_STALE_VERSION') {
        // The entries stay; the form now names the version it stands on, so sending it again
        // replaces what the other person saved — the message says so, the agreement page shows it.
        const current = await v.call(agreement, { params: { id }, query: { languages: 'de,zh' } })
        if (current.ok) {
          state.formError = 'agr.err.staleEdit'
          state.values['baseHash'] = current.data.hash
          return send(reply, editPage(v, current.data, state), 409)
        }
      }
      for (const e of res.problem.errors ?? []) {
        const path = e.field.startsWith('/') ? e.field.slice(1).replaceAll('/', '.') : e.field
        const name = fieldOf(path)
        if (name) state.errors[name] ??= e.message === 'required' ? 'err.required' : 'err.invalid'
      }
      return send(reply, editPage(v, loaded.a, state), statusOf(res.status))
    },
  )

  app.get(
    '/partnerships/:id/agreement/versions/:version/pdf',
    { config: { access: AGREEMENT_READERS }, schema: { params: VersionParams, querystring: PdfQuery } },
    async (request, reply) => {
      const { id, version } = request.params
      const path = pathOf(agreementVersionPdf, { id, version: Number(version) })
      return passFile(
        request.view,
        reply,
        `${path}?languages=${request.query.languages || 'de,zh'}${
          request.query.edition ? `&edition=${request.query.edition}` : ''
        }`,
        `agreement-v${version}.pdf`,
      )
    },
  )
}
