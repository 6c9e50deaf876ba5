import {
  acceptInvitation,
  type FullInstitution,
  getInstitution,
  inviteMember,
  listMembers,
  type Member,
  removeMember,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import Type from 'typebox'
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
} from '../../components/forms.js'
import { instName } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, NoticeQuery, Query, Uuid } from '../../http/schemas.js'
import { formatDateTime, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

const INVITE_FIELDS = ['email', 'role'] as const
const INVITE_LABELS: Record<string, MessageKey> = { email: 'field.email', role: 'field.memberRole' }

function colleaguesPage(
  v: View,
  inst: FullInstitution,
  members: Member[],
  state: FormState,
  notice?: string,
  listError?: MessageKey,
): Html {
  const owner = inst.myRole === 'owner' || v.me?.role === 'admin'
  return page(v, {
    title: v.t('colleagues.title'),
    hasErrors: hasErrors(state),
    notice,
    body: html`${errorSummary(v, state, INVITE_LABELS)}
${listError && html`<div class="error-summary" role="alert"><p>${v.t(listError)}</p></div>`}
<p><a href="/institutions/${inst.id}">${instName(v, inst)}</a></p>
<div class="table-scroll" role="region" aria-labelledby="members-caption" tabindex="0">
<table>
  <caption id="members-caption">${v.t('colleagues.caption')}</caption>
  <thead><tr>
    <th scope="col">${v.t('col.name')}</th>
    <th scope="col">${v.t('col.email')}</th>
    <th scope="col">${v.t('col.role')}</th>
    <th scope="col">${v.t('col.since')}</th>
    <th scope="col">${v.t('col.actions')}</th>
  </tr></thead>
  <tbody>${members.map((m) => {
    const self = m.userId === v.me?.id
    return html`<tr>
    <th scope="row">${m.displayName}${self && html` (${v.t('admin.users.you')})`}</th>
    <td><a href="mailto:${m.email}">${m.email}</a></td>
    <td>${v.t(`memberRole.${m.role}`)}</td>
    <td><time datetime="${m.since}">${formatDateTime(v.locale, v.timeZone, m.since)}</time></td>
    <td>${
      (owner || self) &&
      html`<form method="post" action="/institutions/${inst.id}/colleagues/${m.userId}/remove" class="inline-form">${csrfField(v)}
      <button type="submit" class="small danger">${v.t(self ? 'colleagues.leave' : 'colleagues.remove')}<span class="visually-hidden"> (${m.displayName})</span></button></form>`
    }</td>
  </tr>`
  })}</tbody>
</table>
</div>
${
  owner &&
  html`<h2>${v.t('colleagues.invite')}</h2>
<p>${v.t('colleagues.inviteIntro')}</p>
<form method="post" action="/institutions/${inst.id}/colleagues/invite" novalidate>${csrfField(v)}
  ${input(v, state, { name: 'email', label: 'field.email', type: 'email', autocomplete: 'off', required: true })}
  ${radios(v, state, { name: 'role', label: 'field.memberRole', options: (['member', 'owner'] as const).map((r) => ({ value: r, label: v.t(`memberRole.${r}`) })) })}
  <button type="submit">${v.t('colleagues.inviteSubmit')}</button>
</form>`
}`,
  })
}

function acceptPage(v: View, token: string, state: FormState): Html {
  return page(v, {
    title: v.t('invitation.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p>${v.t('invitation.intro', { email: v.me?.email ?? '' })}</p>
<form method="post" action="/invitations/accept">${csrfField(v)}
  <input type="hidden" name="token" value="${token}">
  <button type="submit" id="f-token">${v.t('invitation.accept')}</button>
</form>`,
  })
}

export const colleaguePages: FastifyPluginAsyncTypebox = async (app) => {
  const load = async (v: View, reply: FastifyReply, id: string) => {
    const res = await v.call(getInstitution, { params: { id } })
    if (res.ok && res.data.access !== 'public') return res.data
    if (res.ok || res.status === 403) void messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    else if (res.status === 404) void messagePage(v, reply, 'notFound.title', 'notFound.body', 404)
    else void messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
    return null
  }
  const show = async (
    v: View,
    reply: FastifyReply,
    inst: FullInstitution,
    state: FormState,
    status = 200,
    notice?: string,
  ) => {
    const res = await v.call(listMembers, { params: { id: inst.id } })
    return send(
      reply,
      colleaguesPage(
        v,
        inst,
        res.ok ? res.data.items : [],
        state,
        notice,
        res.ok ? undefined : problemMessage(res.problem),
      ),
      status,
    )
  }

  app.get(
    '/institutions/:id/colleagues',
    { config: { access: 'signed-in' }, schema: { params: IdParams, querystring: NoticeQuery } },
    async (request, reply) => {
      const inst = await load(request.view, reply, request.params.id)
      if (!inst) return reply
      return show(request.view, reply, inst, emptyForm({ role: 'member' }), 200, noticeOf(request.query))
    },
  )

  app.post(
    '/institutions/:id/colleagues/invite',
    { config: { access: ['coordinator', 'admin'] }, schema: { params: IdParams, body: Form(INVITE_FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const inst = await load(v, reply, request.params.id)
      if (!inst) return reply
      const state = requireFields(emptyForm(formValues(request.body, [...INVITE_FIELDS])), ['email'])
      const role = state.values['role'] === 'owner' ? 'owner' : 'member'
      if (state.values['email'] && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(state.values['email']))
        state.errors['email'] = 'err.email'
      if (hasErrors(state)) return show(v, reply, inst, state, 400)
      const res = await v.call(inviteMember, {
        params: { id: inst.id },
        body: { email: state.values['email'] ?? '', role },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, [...INVITE_FIELDS])
        return show(v, reply, inst, state, res.status >= 500 ? 503 : res.status === 403 ? 403 : 400)
      }
      return seeOther(reply, `/institutions/${inst.id}/colleagues?notice=member-invited`)
    },
  )

  app.post(
    '/institutions/:id/colleagues/:userId/remove',
    {
      config: { access: ['coordinator', 'admin'] },
      schema: { params: Type.Object({ id: Uuid, userId: Uuid }), body: Form([]) },
    },
    async (request, reply) => {
      const v = request.view
      const inst = await load(v, reply, request.params.id)
      if (!inst) return reply
      const { userId } = request.params
      const res = await v.call(removeMember, { params: { id: inst.id, userId } })
      if (!res.ok) {
        const state = emptyForm({ role: 'member' })
        state.formError = res.status === 409 ? 'colleagues.lastOwner' : problemMessage(res.problem)
        return show(v, reply, inst, state, res.status >= 500 ? 503 : res.status)
      }
      if (userId === v.me?.id) return seeOther(reply, '/institutions?notice=member-removed')
      return seeOther(reply, `/institutions/${inst.id}/colleagues?notice=member-removed`)
    },
  )

  // The link as emailed by the notifier: /invitations/accept?token=…; accepting is a POST (links must not act).
  app.get(
    '/invitations/accept',
    {
      config: { access: ['coordinator'] },
      schema: { querystring: Query({ token: Type.Optional(Type.String({ maxLength: 2000 })) }) },
    },
    async (request, reply) => {
      const { token } = request.query
      if (typeof token !== 'string' || token.length < 20 || token.length > 100)
        return messagePage(request.view, reply, 'error.title', 'err.invalidToken', 400)
      return send(reply, acceptPage(request.view, token, emptyForm()))
    },
  )

  app.post(
    '/invitations/accept',
    { config: { access: ['coordinator'] }, schema: { body: Form(['token']) } },
    async (request, reply) => {
      const v = request.view
      const { token = '' } = formValues(request.body, ['token'])
      const res = await v.call(acceptInvitation, { body: { token } })
      if (res.ok) return seeOther(reply, `/institutions/${res.data.institutionId}?notice=invitation-accepted`)
      const state = emptyForm()
      state.formError = /another email/.test(res.problem.detail ?? '')
        ? 'invitation.otherEmail'
        : [400, 404, 409].includes(res.status)
          ? 'err.invalidToken'
          : problemMessage(res.problem)
      state.formErrorField = 'token'
      return send(reply, acceptPage(v, token, state), res.status >= 500 ? 503 : res.status)
    },
  )
}
