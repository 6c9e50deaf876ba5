import { Accepted, NoContent, problems } from '../common.js'
import { route } from '../route.js'
import {
  Credentials,
  EmailLink,
  Me,
  PasswordChange,
  RefreshRequest,
  Registration,
  ResetConfirm,
  ResetRequest,
  TokenPair,
} from './schemas.js'

const tags = ['auth'] as const

export const authRegister = route({
  method: 'POST',
  path: '/v1/auth/register',
  tags,
  summary:
    'Create a coordinator account; a verification link is emailed. Answers 202 whether or not the address is taken (its owner is told by email)',
  access: { public: true },
  body: Registration,
  response: { 202: Accepted, ...problems(400, 429, 503) },
})

export const authVerifyEmail = route({
  method: 'POST',
  path: '/v1/auth/verify-email',
  tags,
  access: { public: true },
  body: EmailLink,
  response: { 200: Me, ...problems(400, 401, 429, 503) },
})

export const authResendVerification = route({
  method: 'POST',
  path: '/v1/auth/resend-verification',
  tags,
  access: { roles: 'any' },
  response: { 202: Accepted, ...problems(401, 409, 429, 503) },
})

export const authLogin = route({
  method: 'POST',
  path: '/v1/auth/login',
  tags,
  access: { public: true },
  body: Credentials,
  response: { 200: TokenPair, ...problems(400, 401, 403, 429, 503) },
})

export const authRefresh = route({
  method: 'POST',
  path: '/v1/auth/refresh',
  tags,
  access: { public: true },
  body: RefreshRequest,
  response: { 200: TokenPair, ...problems(400, 401, 403, 429, 503) },
})

export const authLogout = route({
  method: 'POST',
  path: '/v1/auth/logout',
  tags,
  summary: 'End every session of the current user',
  access: { roles: 'any' },
  response: { 204: NoContent, ...problems(401) },
})

export const authChangePassword = route({
  method: 'POST',
  path: '/v1/auth/change-password',
  tags,
  access: { roles: 'any' },
  body: PasswordChange,
  response: { 200: TokenPair, ...problems(400, 401, 429, 503) },
})

export const authRequestPasswordReset = route({
  method: 'POST',
  path: '/v1/auth/password-reset/request',
  tags,
  summary: 'Email a reset link; answers 202 whether or not the account exists',
  access: { public: true },
  body: ResetRequest,
  response: { 202: Accepted, ...problems(400, 429, 503) },
})

export const authConfirmPasswordReset = route({
  method: 'POST',
  path: '/v1/auth/password-reset/confirm',
  tags,
  access: { public: true },
  body: ResetConfirm,
  response: { 204: NoContent, ...problems(400, 401, 429, 503) },
})
