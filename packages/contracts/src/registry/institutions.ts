import { IdParams, Items, problems } from '../common.js'
import { route } from '../route.js'
import { FullInstitution, InstitutionCreate, InstitutionPatch } from './schemas.js'

const tags = ['registry', 'institutions'] as const

export const registerInstitution = route({
  method: 'POST',
  path: '/v1/institutions',
  tags,
  summary: 'Register an institution (status pending); the registering coordinator owns it',
  access: { roles: ['coordinator'], verifiedEmail: true },
  body: InstitutionCreate,
  response: { 201: FullInstitution, ...problems(400, 401, 403) },
})

export const listMyInstitutions = route({
  method: 'GET',
  path: '/v1/institutions',
  tags,
  summary: 'The institutions I belong to',
  access: { roles: ['coordinator'] },
  response: { 200: Items(FullInstitution), ...problems(401, 403) },
})

export const getInstitution = route({
  method: 'GET',
  path: '/v1/institutions/:id',
  tags,
  summary: 'A profile: full for members, officers of its side and admins; public fields for the other side',
  access: { roles: 'any' },
  params: IdParams,
  response: { 200: FullInstitution, ...problems(401, 403, 404) },
})

export const updateInstitution = route({
  method: 'PATCH',
  path: '/v1/institutions/:id',
  tags,
  summary: 'Edit the profile (members and admins)',
  access: { roles: ['coordinator', 'admin'] },
  params: IdParams,
  body: InstitutionPatch,
  response: { 200: FullInstitution, ...problems(400, 401, 403, 404) },
})
