import { problems } from '../common.js'
import { route } from '../route.js'
import { Me, MePatch } from './schemas.js'

const tags = ['me'] as const

export const getMe = route({
  method: 'GET',
  path: '/v1/me',
  tags,
  access: { roles: 'any' },
  response: { 200: Me, ...problems(401, 403) },
})

export const updateMe = route({
  method: 'PATCH',
  path: '/v1/me',
  tags,
  access: { roles: 'any' },
  body: MePatch,
  response: { 200: Me, ...problems(400, 401, 403) },
})
