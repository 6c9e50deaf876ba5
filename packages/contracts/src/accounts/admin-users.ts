import Type from 'typebox'
import { IdParams, Paged, pageQuery, problems, Query } from '../common.js'
import { Role, UserStatus } from '../enums.js'
import { route } from '../route.js'
import { Me, StaffCreate, UserSort, UserStatusChange } from './schemas.js'

const tags = ['admin'] as const

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Query),
    role: Type.Optional(Role),
    status: Type.Optional(UserStatus),
    sort: Type.Optional(UserSort),
    ...pageQuery(200),
  },
  { additionalProperties: false },
)

export const adminListUsers = route({
  method: 'GET',
  path: '/v1/admin/users',
  tags,
  summary: 'Accounts by email, name or creation, searchable (keyset paged, with total)',
  access: { roles: ['admin'] },
  query: UserListQuery,
  response: { 200: Paged(Me), ...problems(400, 401, 403) },
})

export const adminCreateUser = route({
  method: 'POST',
  path: '/v1/admin/users',
  tags,
  summary: 'Create an officer or admin account',
  access: { roles: ['admin'] },
  body: StaffCreate,
  response: { 201: Me, ...problems(400, 401, 403, 409) },
})

export const adminSetUserStatus = route({
  method: 'PATCH',
  path: '/v1/admin/users/:id',
  tags,
  summary: 'Disable or re-enable an account; disabling ends its sessions',
  access: { roles: ['admin'] },
  params: IdParams,
  body: UserStatusChange,
  response: { 200: Me, ...problems(400, 401, 403, 404) },
})
