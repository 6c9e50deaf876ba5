import { authConfirmPasswordReset, authLogin, authLogout, authRequestPasswordReset } from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
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
  requireFields,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { noticeOf, safeNext, seeOther, send } from '../../http/respond.js'
import { Form, Query } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { TokenQuery, tokenOf } from './register.js'

const SIGN_IN_LABELS: Record<string, MessageKey> = { email: 'field.email', password: 'field.password' }

function signInPage(v: View, state: FormState, next: string, notice?: string): Html {
  return page(v, {
    title: v.t('signIn.title'),
    hasErrors: hasErrors(state),
    notice,
    body: html`${errorSummary(v, state, SIGN_IN_LABELS)}
<form method="post" action="/sign-in" novalidate>
  ${csrfField(v)}
  <input type="hidden" name="next" value="${next}">
  ${input(v, state, { name: 'email', label: 'field.email', type: 'email', autocomplete: 'username', required: true })}
  ${input(v, state, { name: 'password', label: 'field.password', type: 'password', autocomplete: 'current-password', required: true })}
  <button type="submit">${v.t('signIn.submit')}</button>
</form>
<ul class="plain">
  <li><a href="/forgot-password">${v.t('signIn.forgot')}</a></li>
  <li><a href="/register">${v.t('signIn.noAccount')}</a></li>
</ul>`,
  })
}

function forgotPage(v: View, state: FormState, sent: boolean): Html {
  return page(v, {
    title: v.t('forgot.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { email: 'field.email' })}
${sent && html`<div class="notice" role="status"><p>${v.t('forgot.sent')}</p></div>`}
<p>${v.t('forgot.intro')}</p>
<form method="post" action="/forgot-password" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'email', label: 'field.email', type: 'email', autocomplete: 'email', required: true })}
  <button type="submit">${v.t('forgot.submit')}</button>
</form>`,
  })
}

function resetPage(v: View, state: FormState, token: string): Html {
  return page(v, {
    title: v.t('reset.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { newPassword: 'field.newPassword' })}
<form method="post" action="/reset-password" novalidate>
  ${csrfField(v)}
  <input type="hidden" name="token" value="${token}">
  ${input(v, state, { name: 'newPassword', label: 'field.newPassword', type: 'password', autocomplete: 'new-password', hint: 'field.passwordHint', required: true })}
  <button type="submit">${v.t('reset.submit')}</button>
</form>
${state.formError === 'err.invalidToken' && html`<p><a href="/forgot-password">${v.t('forgot.title')}</a></p>`}`,
  })
}

/** Signing in and out, and a new password by emailed link. */
export const signInPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sign-in',
    {
      config: { access: 'public' },
      schema: { querystring: Query({ next: Type.Optional(Type.String({ maxLength: 4000 })) }) },
    },
    async (request, reply) => {
      const v = request.view
      const next = safeNext(request.query.next)
      if (v.me) return seeOther(reply, next)
      return send(reply, signInPage(v, emptyForm(), next, noticeOf(request.query)))
    },
  )

  app.post(
    '/sign-in',
    { config: { access: 'public' }, schema: { body: Form(['email', 'password', 'next']) } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['email', 'password', 'next'])
      const next = safeNext(values['next'])
      const state = requireFields(emptyForm(values), ['email', 'password'])
      if (hasErrors(state)) return send(reply, signInPage(v, state, next), 400)
      const res = await v.call(authLogin, {
        body: { email: values['email'] ?? '', password: values['password'] ?? '' },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, ['email', 'password'])
        if (res.problem.code === 'AUTH_INVALID_CREDENTIALS') {
          // Never say which of the two was wrong.
          state.errors = {}
          state.formError = 'err.invalidCredentials'
          state.formErrorField = 'email'
        }
        return send(
          reply,
          signInPage(v, state, next),
          res.status >= 500 ? 503 : res.status === 429 ? 429 : 401,
        )
      }
      v.signIn(res.data)
      return seeOther(reply, next)
    },
  )

  app.post(
    '/sign-out',
    { config: { access: 'public' }, schema: { body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      if (v.me) await v.call(authLogout)
      v.signOut()
      return seeOther(reply, '/sign-in?notice=signed-out')
    },
  )

  app.get(
    '/forgot-password',
    {
      config: { access: 'public' },
      schema: { querystring: Query({ sent: Type.Optional(Type.String({ maxLength: 4000 })) }) },
    },
    async (request, reply) => {
      const v = request.view
      const sent = request.query.sent === '1'
      return send(reply, forgotPage(v, emptyForm(), sent))
    },
  )

  app.post(
    '/forgot-password',
    { config: { access: 'public' }, schema: { body: Form(['email']) } },
    async (request, reply) => {
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, ['email'])), ['email'])
      if (hasErrors(state)) return send(reply, forgotPage(v, state, false), 400)
      const res = await v.call(authRequestPasswordReset, { body: { email: state.values['email'] ?? '' } })
      if (!res.ok) {
        applyProblem(state, res.problem, ['email'])
        return send(reply, forgotPage(v, state, false), res.status >= 500 ? 503 : 400)
      }
      return seeOther(reply, '/forgot-password?sent=1')
    },
  )

  app.get(
    '/reset-password',
    { config: { access: 'public' }, schema: { querystring: TokenQuery } },
    async (request, reply) => {
      const v = request.view
      return send(reply, resetPage(v, emptyForm(), tokenOf(request.query)))
    },
  )

  app.post(
    '/reset-password',
    { config: { access: 'public' }, schema: { body: Form(['token', 'newPassword']) } },
    async (request, reply) => {
      const v = request.view
      const values = formValues(request.body, ['token', 'newPassword'])
      const state = requireFields(emptyForm(values), ['newPassword'])
      const token = values['token'] ?? ''
      if (hasErrors(state)) return send(reply, resetPage(v, state, token), 400)
      const res = await v.call(authConfirmPasswordReset, {
        body: { token, newPassword: values['newPassword'] ?? '' },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, ['newPassword'])
        // A malformed token fails validation on the token field, which the page does not show.
        if (res.problem.errors?.some((e) => e.field === 'token')) {
          state.errors = {}
          state.formError = 'err.invalidToken'
        }
        if (state.formError === 'err.invalidToken') state.formErrorField = undefined
        return send(reply, resetPage(v, state, token), res.status >= 500 ? 503 : 400)
      }
      if (v.me) v.signOut()
      return seeOther(reply, '/sign-in?notice=password-reset')
    },
  )
}
