import Type from 'typebox'
import { IdParams, NoContent, Password, problems } from '../common.js'
import { route } from '../route.js'

export const exportMyData = route({
  method: 'GET',
  path: '/v1/me/export',
  tags: ['registry', 'me'],
  summary: 'Everything stored about me and my institutions, as JSON',
  access: { roles: 'any' },
  response: { 200: Type.Object({}, { additionalProperties: true }), ...problems(401, 403) },
})

export const DeleteAccountBody = Type.Object({ password: Password }, { additionalProperties: false })

export const deleteMyAccount = route({
  method: 'DELETE',
  path: '/v1/me',
  tags: ['registry', 'me'],
  summary: 'Delete my account (password confirmation); refused while I am the last owner of an institution',
  access: { roles: ['coordinator'] },
  body: DeleteAccountBody,
  response: { 204: NoContent, ...problems(400, 401, 403, 409, 429, 503) },
})

export const eraseUser = route({
  method: 'DELETE',
  path: '/v1/admin/users/:id',
  tags: ['registry', 'admin'],
  summary:
    'Erase an account (e.g. on a data-subject request), as DELETE /me does; refused while it is the last owner of an institution',
  access: { roles: ['admin'] },
  params: IdParams,
  response: { 204: NoContent, ...problems(400, 401, 403, 404, 409) },
})
