import type { FastifyPluginAsync } from 'fastify'
import type { TokenPair } from '../api-client.js'
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
  timeZoneList,
} from '../forms.js'
import { type Html, html } from '../html.js'
import { noticeOf, safeNext, seeOther, send } from '../http/respond.js'
import type { MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'

const REGISTER_FIELDS = ['name', 'email', 'password', 'timeZone']
const REGISTER_LABELS: Record<string, MessageKey> = {
  name: 'field.name',
  email: 'field.email',
  password: 'field.password',
  timeZone: 'field.timeZone',
}

function registerPage(v: View, state: FormState): Html {
  return page(v, {
    title: v.t('register.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, REGISTER_LABELS)}
<p>${v.t('register.intro')}</p>
<form method="post" action="/register" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'name', label: 'field.name', autocomplete: 'name', required: true })}
  ${input(v, state, { name: 'email', label: 'field.email', type: 'email', autocomplete: 'email', required: true })}
  ${input(v, state, { name: 'password', label: 'field.password', type: 'password', autocomplete: 'new-password', hint: 'field.passwordHint', required: true })}
  ${input(v, state, { name: 'timeZone', label: 'field.timeZone', hint: 'field.timeZoneHint', list: 'tz-list', required: true, autocomplete: 'off', autoTimeZone: true })}
  ${timeZoneList()}
  <button type="submit">${v.t('register.submit')}</button>
</form>
<p><a href="/sign-in">${v.t('register.haveAccount')}</a></p>`,
  })
}

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

function verifyPage(v: View, state: FormState, token: string): Html {
  return page(v, {
    title: v.t('verify.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, {})}
<p>${v.t('verify.body')}</p>
<form method="post" action="/verify-email">
  ${csrfField(v)}
  <input type="hidden" name="token" value="${token}">
  <button type="submit" id="f-token">${v.t('verify.submit')}</button>
</form>`,
  })
}

const tokenOf = (query: unknown) => {
  const token = (query as { token?: unknown })?.token
  return typeof token === 'string' ? token : ''
}

export const authPages: FastifyPluginAsync = async (app) => {
  app.get('/register', async (request, reply) => {
    const v = request.view
    if (v.me) return seeOther(reply, '/')
    return send(
      reply,
      registerPage(v, emptyForm({ timeZone: v.locale === 'zh' ? 'Asia/Shanghai' : 'Europe/Berlin' })),
    )
  })

  app.post('/register', async (request, reply) => {
    const v = request.view
    const state = requireFields(emptyForm(formValues(request.body, REGISTER_FIELDS)), REGISTER_FIELDS)
    if (hasErrors(state)) return send(reply, registerPage(v, state), 400)
    const { name, email, password, timeZone } = state.values
    const res = await v.api('POST', '/v1/auth/register', {
      name,
      email,
      password,
      timeZone,
      locale: v.locale,
    })
    if (!res.ok) {
      applyProblem(state, res.problem, REGISTER_FIELDS)
      return send(reply, registerPage(v, state), res.status >= 500 ? 503 : 400)
    }
    return seeOther(reply, `/register/done?email=${encodeURIComponent(email ?? '')}`)
  })

  app.get('/register/done', async (request, reply) => {
    const v = request.view
    const email = (request.query as { email?: unknown }).email
    return send(
      reply,
      page(v, {
        title: v.t('registered.title'),
        body: html`<p>${v.t('registered.body', { email: typeof email === 'string' ? email : '' })}</p>
<p><a href="/sign-in">${v.t('nav.signIn')}</a></p>`,
      }),
    )
  })

  app.get('/verify-email', async (request, reply) => {
    const v = request.view
    return send(reply, verifyPage(v, emptyForm(), tokenOf(request.query)))
  })

  app.post('/verify-email', async (request, reply) => {
    const v = request.view
    const { token = '' } = formValues(request.body, ['token'])
    const res = await v.api('POST', '/v1/auth/verify-email', { token })
    if (!res.ok) {
      const state = emptyForm()
      state.formError =
        res.status === 400 ? 'err.invalidToken' : applyProblem(state, res.problem, []).formError
      return send(reply, verifyPage(v, state, token), res.status >= 500 ? 503 : 400)
    }
    return seeOther(reply, v.me ? '/?notice=verified' : '/sign-in?notice=verified')
  })

  app.get('/sign-in', async (request, reply) => {
    const v = request.view
    const next = safeNext((request.query as { next?: unknown }).next)
    if (v.me) return seeOther(reply, next)
    return send(reply, signInPage(v, emptyForm(), next, noticeOf(request.query)))
  })

  app.post('/sign-in', async (request, reply) => {
    const v = request.view
    const values = formValues(request.body, ['email', 'password', 'next'])
    const next = safeNext(values['next'])
    const state = requireFields(emptyForm(values), ['email', 'password'])
    if (hasErrors(state)) return send(reply, signInPage(v, state, next), 400)
    const res = await v.api<TokenPair>('POST', '/v1/auth/login', {
      email: values['email'],
      password: values['password'],
    })
    if (!res.ok) {
      applyProblem(state, res.problem, ['email', 'password'])
      if (res.problem.code === 'AUTH_INVALID_CREDENTIALS') {
        // Never say which of the two was wrong.
        state.errors = {}
        state.formError = 'err.invalidCredentials'
        state.formErrorField = 'email'
      }
      return send(reply, signInPage(v, state, next), res.status >= 500 ? 503 : res.status === 429 ? 429 : 401)
    }
    v.signIn(res.data)
    return seeOther(reply, next)
  })

  app.post('/sign-out', async (request, reply) => {
    const v = request.view
    if (v.me) await v.api('POST', '/v1/auth/logout')
    v.signOut()
    return seeOther(reply, '/sign-in?notice=signed-out')
  })

  app.get('/forgot-password', async (request, reply) => {
    const v = request.view
    const sent = (request.query as { sent?: unknown }).sent === '1'
    return send(reply, forgotPage(v, emptyForm(), sent))
  })

  app.post('/forgot-password', async (request, reply) => {
    const v = request.view
    const state = requireFields(emptyForm(formValues(request.body, ['email'])), ['email'])
    if (hasErrors(state)) return send(reply, forgotPage(v, state, false), 400)
    const res = await v.api('POST', '/v1/auth/password-reset/request', { email: state.values['email'] })
    if (!res.ok) {
      applyProblem(state, res.problem, ['email'])
      return send(reply, forgotPage(v, state, false), res.status >= 500 ? 503 : 400)
    }
    return seeOther(reply, '/forgot-password?sent=1')
  })

  app.get('/reset-password', async (request, reply) => {
    const v = request.view
    return send(reply, resetPage(v, emptyForm(), tokenOf(request.query)))
  })

  app.post('/reset-password', async (request, reply) => {
    const v = request.view
    const values = formValues(request.body, ['token', 'newPassword'])
    const state = requireFields(emptyForm(values), ['newPassword'])
    const token = values['token'] ?? ''
    if (hasErrors(state)) return send(reply, resetPage(v, state, token), 400)
    const res = await v.api('POST', '/v1/auth/password-reset/confirm', {
      token,
      newPassword: values['newPassword'],
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
  })
}
