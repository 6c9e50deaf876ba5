import type { FastifyPluginAsync } from 'fastify'
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
  requireFields,
  select,
} from '../forms.js'
import { type Html, html } from '../html.js'
import { noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { Me, View } from '../view.js'

interface UserPage {
  items: Me[]
  nextCursor: string | null
}

const CREATE_FIELDS = ['name', 'email', 'password', 'role', 'side']
const CREATE_LABELS: Record<string, MessageKey> = {
  name: 'col.name',
  email: 'field.email',
  password: 'field.password',
  role: 'field.role',
  side: 'field.officerSide',
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function usersPage(
  v: View,
  data: UserPage,
  after: string | undefined,
  state: FormState,
  notice?: string,
  listError?: MessageKey,
): Html {
  const me = v.me!
  return page(v, {
    title: v.t('admin.users.title'),
    hasErrors: hasErrors(state),
    notice,
    body: html`${errorSummary(v, state, CREATE_LABELS)}
${listError && html`<div class="error-summary" role="alert"><p>${v.t(listError)}</p></div>`}
<div class="table-scroll" role="region" aria-labelledby="users-caption" tabindex="0">
<table>
  <caption id="users-caption">${v.t('admin.users.caption')}</caption>
  <thead><tr>
    <th scope="col">${v.t('col.name')}</th>
    <th scope="col">${v.t('col.email')}</th>
    <th scope="col">${v.t('col.role')}</th>
    <th scope="col">${v.t('col.side')}</th>
    <th scope="col">${v.t('col.status')}</th>
    <th scope="col">${v.t('col.verified')}</th>
    <th scope="col">${v.t('col.created')}</th>
    <th scope="col">${v.t('col.actions')}</th>
  </tr></thead>
  <tbody>
  ${data.items.map(
    (u) => html`<tr>
    <th scope="row">${u.displayName}${u.id === me.id && html` (${v.t('admin.users.you')})`}</th>
    <td>${u.email}</td>
    <td>${v.t(`role.${u.role}`)}</td>
    <td>${u.officerSide ? v.t(`side.${u.officerSide}`) : v.t('side.none')}</td>
    <td>${v.t(`status.${u.status}`)}</td>
    <td>${v.t(u.emailVerified ? 'yes' : 'no')}</td>
    <td><time datetime="${u.createdAt}">${formatDateTime(v.locale, v.timeZone, u.createdAt)}</time></td>
    <td>${
      u.id !== me.id &&
      u.status !== 'deleted' &&
      html`<form method="post" action="/admin/users/${u.id}/status">
      ${csrfField(v)}
      <input type="hidden" name="after" value="${after ?? ''}">
      <input type="hidden" name="status" value="${u.status === 'active' ? 'disabled' : 'active'}">
      <button type="submit" class="small secondary" aria-label="${`${v.t(u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable')}: ${u.displayName}`}">${v.t(
        u.status === 'active' ? 'admin.users.disable' : 'admin.users.enable',
      )}</button>
    </form>`
    }</td>
  </tr>`,
  )}
  </tbody>
</table>
</div>
<nav class="pager" aria-label="${v.t('admin.users.title')}">
  <ul class="plain">
    ${after && html`<li><a href="/admin/users">${v.t('admin.users.first')}</a></li>`}
    ${data.nextCursor && html`<li><a href="/admin/users?after=${data.nextCursor}">${v.t('admin.users.next')}</a></li>`}
  </ul>
</nav>
<h2>${v.t('admin.users.create')}</h2>
<form method="post" action="/admin/users" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'name', label: 'col.name', required: true, autocomplete: 'off' })}
  ${input(v, state, { name: 'email', label: 'field.email', type: 'email', required: true, autocomplete: 'off' })}
  ${input(v, state, { name: 'password', label: 'field.password', type: 'password', hint: 'field.passwordHint', required: true, autocomplete: 'new-password' })}
  ${select(v, state, {
    name: 'role',
    label: 'field.role',
    required: true,
    options: [
      { value: 'officer', label: v.t('role.officer') },
      { value: 'admin', label: v.t('role.admin') },
    ],
  })}
  ${select(v, state, {
    name: 'side',
    label: 'field.officerSide',
    options: [
      { value: '', label: v.t('side.none') },
      { value: 'duren', label: v.t('side.duren') },
      { value: 'jinhua', label: v.t('side.jinhua') },
    ],
  })}
  <button type="submit">${v.t('admin.users.create')}</button>
</form>`,
  })
}

const afterOf = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined)

export const adminUserPages: FastifyPluginAsync = async (app) => {
  const load = async (v: View, after: string | undefined) => {
    const res = await v.api<UserPage>('GET', `/v1/admin/users?limit=50${after ? `&after=${after}` : ''}`)
    return res.ok
      ? { data: res.data, error: undefined }
      : { data: { items: [], nextCursor: null }, error: problemMessage(res.problem) }
  }

  app.get('/admin/users', async (request, reply) => {
    if (!requireRole(request, reply, ['admin'])) return reply
    const v = request.view
    const after = afterOf((request.query as { after?: unknown }).after)
    const { data, error } = await load(v, after)
    return send(
      reply,
      usersPage(v, data, after, emptyForm({ role: 'officer' }), noticeOf(request.query), error),
      error ? 503 : 200,
    )
  })

  app.post('/admin/users', async (request, reply) => {
    if (!requireRole(request, reply, ['admin'])) return reply
    const v = request.view
    const state = requireFields(emptyForm(formValues(request.body, CREATE_FIELDS)), [
      'name',
      'email',
      'password',
      'role',
    ])
    const { name, email, password, role, side } = state.values
    if (role && !['officer', 'admin'].includes(role)) state.errors['role'] = 'err.invalid'
    if (side && !['duren', 'jinhua'].includes(side)) state.errors['side'] = 'err.invalid'
    if (!hasErrors(state)) {
      const res = await v.api('POST', '/v1/admin/users', {
        name,
        email,
        password,
        role,
        ...(side ? { side } : {}),
        locale: v.locale,
        timeZone: v.timeZone,
      })
      if (res.ok) return seeOther(reply, '/admin/users?notice=user-created')
      applyProblem(state, res.problem, CREATE_FIELDS)
    }
    const { data, error } = await load(v, undefined)
    return send(reply, usersPage(v, data, undefined, state, undefined, error), 400)
  })

  app.post<{ Params: { id: string } }>('/admin/users/:id/status', async (request, reply) => {
    if (!requireRole(request, reply, ['admin'])) return reply
    const v = request.view
    const { status, after } = formValues(request.body, ['status', 'after'])
    const back = afterOf(after)
    if (!UUID.test(request.params.id) || (status !== 'active' && status !== 'disabled')) {
      return seeOther(reply, '/admin/users')
    }
    const res = await v.api('PATCH', `/v1/admin/users/${request.params.id}`, { status })
    if (!res.ok) {
      const { data } = await load(v, back)
      return send(
        reply,
        usersPage(v, data, back, emptyForm({ role: 'officer' }), undefined, problemMessage(res.problem)),
        res.status,
      )
    }
    return seeOther(reply, `/admin/users?notice=user-updated${back ? `&after=${back}` : ''}`)
  })
}
