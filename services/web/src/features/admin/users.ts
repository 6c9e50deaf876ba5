import {
  adminCreateUser,
  adminListUsers,
  adminSetUserStatus,
  type ResponseOf,
  ROLES,
  USER_STATUSES as STATUSES,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
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
} from '../../components/forms.js'
import {
  filterField,
  type ListState,
  listForm,
  listHref,
  nextLink,
  pager,
  readList,
} from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, ListQuery, OneOf } from '../../http/schemas.js'
import { formatDateTime, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

type UserPage = ResponseOf<typeof adminListUsers>
const PATH = '/admin/users'
const SORTS = ['email', 'name', 'created'] as const
const readUsers = (query: unknown) =>
  readList(query, { sorts: SORTS, filters: { role: ROLES, status: STATUSES } })

/** One of the allowed values (readList has already dropped any other), typed as the API takes it. */
const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined =>
  values.find((x) => x === value)

/** The API query of the list: search, sort, filters, cursor and the page size. */
const usersQuery = (list: ListState) => ({
  limit: 50,
  q: list.q || undefined,
  sort: oneOf(SORTS, list.sort),
  dir: list.dir || undefined,
  role: oneOf(ROLES, list.filters['role']),
  status: oneOf(STATUSES, list.filters['status']),
  cursor: list.cursor || undefined,
})

const CREATE_FIELDS = ['name', 'email', 'password', 'role', 'side'] as const
const CREATE_LABELS: Record<string, MessageKey> = {
  name: 'col.name',
  email: 'field.email',
  password: 'field.password',
  role: 'field.role',
  side: 'field.officerSide',
}

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
    options: ROLES.map((r) => [r, v.t(`role.${r}`)]),
  })}${filterField(v, list, {
    id: 'users',
    name: 'status',
    label: 'col.status',
    options: STATUSES.map((x) => [x, v.t(`status.${x}`)]),
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

export const adminUserPages: FastifyPluginAsyncTypebox = async (app) => {
  const load = async (v: View, list: ListState) => {
    const res = await v.call(adminListUsers, { query: usersQuery(list) })
    return res.ok
      ? { data: res.data, error: undefined, status: 200 }
      : {
          data: { items: [], nextCursor: null, total: 0 },
          error: problemMessage(res.problem),
          status: res.status,
        }
  }

  app.get(
    '/admin/users',
    {
      config: { access: ['admin'] },
      schema: { querystring: ListQuery({ role: OneOf(ROLES), status: OneOf(STATUSES) }) },
    },
    async (request, reply) => {
      const v = request.view
      const list = readUsers(request.query)
      const { data, error, status } = await load(v, list)
      if (status === 400) return seeOther(reply, PATH)
      return send(
        reply,
        usersPage(v, data, list, emptyForm({ role: 'officer' }), noticeOf(request.query), error),
        error ? 503 : 200,
      )
    },
  )

  app.post(
    '/admin/users',
    { config: { access: ['admin'] }, schema: { body: Form(CREATE_FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, CREATE_FIELDS)), [
        'name',
        'email',
        'password',
        'role',
      ])
      const { name = '', email = '', password = '' } = state.values
      const role = oneOf(['officer', 'admin'] as const, state.values['role'])
      const side = oneOf(['duren', 'jinhua'] as const, state.values['side'])
      if (state.values['role'] && !role) state.errors['role'] = 'err.invalid'
      if (state.values['side'] && !side) state.errors['side'] = 'err.invalid'
      if (!hasErrors(state) && role) {
        const res = await v.call(adminCreateUser, {
          body: {
            name,
            email,
            password,
            role,
            ...(side ? { side } : {}),
            locale: v.locale,
            timeZone: v.timeZone,
          },
        })
        if (res.ok) return seeOther(reply, '/admin/users?notice=user-created')
        applyProblem(state, res.problem, CREATE_FIELDS)
      }
      const list = readUsers({})
      const { data, error } = await load(v, list)
      return send(reply, usersPage(v, data, list, state, undefined, error), 400)
    },
  )

  app.post(
    '/admin/users/:id/status',
    { config: { access: ['admin'] }, schema: { params: IdParams, body: Form(['status', 'back']) } },
    async (request, reply) => {
      const v = request.view
      const { status, back: from } = formValues(request.body, ['status', 'back'])
      const back = backOf(from)
      if (status !== 'active' && status !== 'disabled') {
        return seeOther(reply, '/admin/users')
      }
      const res = await v.call(adminSetUserStatus, { params: { id: request.params.id }, body: { status } })
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
    },
  )
}
