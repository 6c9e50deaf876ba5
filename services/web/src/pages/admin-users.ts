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
import {
  apiParams,
  filterField,
  type ListState,
  listForm,
  listHref,
  nextLink,
  pager,
  readList,
} from './paging.js'

interface UserPage {
  items: Me[]
  nextCursor: string | null
  total: number
}
const PATH = '/admin/users'
const readUsers = (query: unknown) =>
  readList(query, {
    sorts: ['email', 'name', 'created'],
    filters: { role: ['coordinator', 'officer', 'admin'], status: ['active', 'disabled', 'deleted'] },
  })

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
  list: ListState,
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
${listForm(v, list, {
  path: PATH,
  id: 'users',
  searchLabel: 'list.searchUser',
  sorts: [
    ['email', 'list.sortEmail'],
    ['name', 'list.sortName'],
    ['created', 'list.sortCreated'],
  ],
  fields: html`${filterField(v, list, {
    id: 'users',
    name: 'role',
    label: 'col.role',
    options: (['coordinator', 'officer', 'admin'] as const).map((r) => [r, v.t(`role.${r}`)]),
  })}${filterField(v, list, {
    id: 'users',
    name: 'status',
    label: 'col.status',
    options: (['active', 'disabled', 'deleted'] as const).map((x) => [x, v.t(`status.${x}`)]),
  })}`,
})}
${pager(v, list, { path: PATH, total: data.total, shown: data.items.length, nextCursor: data.nextCursor, label: v.t('admin.users.title') })}
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
      <input type="hidden" name="back" value="${listHref(PATH, list)}">
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
${nextLink(v, list, { path: PATH, shown: data.items.length, nextCursor: data.nextCursor })}
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

/** The list the admin came from (search, sort, page), so acting on a row keeps their place. */
const backOf = (value: unknown) =>
  typeof value === 'string' && (value === PATH || value.startsWith(`${PATH}?`)) ? value : PATH

export const adminUserPages: FastifyPluginAsync = async (app) => {
  const load = async (v: View, list: ListState) => {
    const res = await v.api<UserPage>('GET', `/v1/admin/users?${apiParams(list, 50)}`)
    return res.ok
      ? { data: res.data, error: undefined, status: 200 }
      : {
          data: { items: [], nextCursor: null, total: 0 },
          error: problemMessage(res.problem),
          status: res.status,
        }
  }

  app.get('/admin/users', async (request, reply) => {
    if (!requireRole(request, reply, ['admin'])) return reply
    const v = request.view
    const list = readUsers(request.query)
    const { data, error, status } = await load(v, list)
    if (status === 400) return seeOther(reply, PATH)
    return send(
      reply,
      usersPage(v, data, list, emptyForm({ role: 'officer' }), noticeOf(request.query), error),
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
    const list = readUsers({})
    const { data, error } = await load(v, list)
    return send(reply, usersPage(v, data, list, state, undefined, error), 400)
  })

  app.post<{ Params: { id: string } }>('/admin/users/:id/status', async (request, reply) => {
    if (!requireRole(request, reply, ['admin'])) return reply
    const v = request.view
    const { status, back: from } = formValues(request.body, ['status', 'back'])
    const back = backOf(from)
    if (!UUID.test(request.params.id) || (status !== 'active' && status !== 'disabled')) {
      return seeOther(reply, '/admin/users')
    }
    const res = await v.api('PATCH', `/v1/admin/users/${request.params.id}`, { status })
    if (!res.ok) {
      const list = readUsers(Object.fromEntries(new URL(back, 'http://x').searchParams))
      const { data } = await load(v, list)
      return send(
        reply,
        usersPage(v, data, list, emptyForm({ role: 'officer' }), undefined, problemMessage(res.problem)),
        res.status,
      )
    }
    return seeOther(reply, `${back}${back.includes('?') ? '&' : '?'}notice=user-updated`)
  })
}
