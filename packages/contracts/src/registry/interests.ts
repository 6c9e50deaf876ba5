import { IdParams, Items, NoContent, problems } from '../common.js'
import { route } from '../route.js'
import { Interest, InterestCreate, InterestPatch } from './schemas.js'

const tags = ['registry', 'interests'] as const

export const listInstitutionInterests = route({
  method: 'GET',
  path: '/v1/institutions/:id/interests',
  tags,
  summary: "An institution's exchange interests (the other side sees open ones only)",
  access: { roles: 'any' },
  params: IdParams,
  response: { 200: Items(Interest), ...problems(401, 403, 404) },
})

export const createInterest = route({
  method: 'POST',
  path: '/v1/institutions/:id/interests',
  tags,
  summary: 'Add an exchange interest (members and admins)',
  access: { roles: ['coordinator', 'admin'] },
  params: IdParams,
  body: InterestCreate,
  response: { 201: Interest, ...problems(400, 401, 403, 404) },
})

export const getInterest = route({
  method: 'GET',
  path: '/v1/interests/:id',
  tags,
  access: { roles: 'any' },
  params: IdParams,
  response: { 200: Interest, ...problems(401, 403, 404) },
})

export const updateInterest = route({
  method: 'PATCH',
  path: '/v1/interests/:id',
  tags,
  summary: 'Change an interest; any change also re-confirms it unless reconfirm is false',
  access: { roles: ['coordinator', 'admin'] },
  params: IdParams,
  body: InterestPatch,
  response: { 200: Interest, ...problems(400, 401, 403, 404) },
})

export const deleteInterest = route({
  method: 'DELETE',
  path: '/v1/interests/:id',
  tags,
  access: { roles: ['coordinator', 'admin'] },
  params: IdParams,
  response: { 204: NoContent, ...problems(401, 403, 404) },
})
