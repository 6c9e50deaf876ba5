import { authRegister, authVerifyEmail } from '@dj/contracts'
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
  timeZoneList,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { seeOther, send } from '../../http/respond.js'
import { Form, Query } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

const REGISTER_FIELDS = ['name', 'email', 'password', 'timeZone'] as const
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

export const tokenOf = (query: unknown) => {
  const token = (query as { token?: unknown })?.token
  return typeof token === 'string' ? token : ''
}

/** The emailed link's token (length checked by the page, which says the link is not valid). */
export const TokenQuery = Query({ token: Type.Optional(Type.String({ maxLength: 4000 })) })

/** Registering an account and confirming its address from the emailed link. */
export const registerPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/register', { config: { access: 'public' } }, async (request, reply) => {
    const v = request.view
    if (v.me) return seeOther(reply, '/')
    return send(
      reply,
      registerPage(v, emptyForm({ timeZone: v.locale === 'zh' ? 'Asia/Shanghai' : 'Europe/Berlin' })),
    )
  })

  app.post(
    '/register',
    { config: { access: 'public' }, schema: { body: Form(REGISTER_FIELDS) } },
    async (request, reply) => {
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, REGISTER_FIELDS)), REGISTER_FIELDS)
      if (hasErrors(state)) return send(reply, registerPage(v, state), 400)
      const { name = '', email = '', password = '', timeZone = '' } = state.values
      const res = await v.call(authRegister, {
        body: { name, email, password, timeZone, locale: v.locale },
      })
      if (!res.ok) {
        applyProblem(state, res.problem, REGISTER_FIELDS)
        return send(reply, registerPage(v, state), res.status >= 500 ? 503 : 400)
      }
      return seeOther(reply, `/register/done?email=${encodeURIComponent(email)}`)
    },
  )

  app.get(
    '/register/done',
    {
      config: { access: 'public' },
      schema: { querystring: Query({ email: Type.Optional(Type.String({ maxLength: 4000 })) }) },
    },
    async (request, reply) => {
      const v = request.view
      const email = request.query.email
      return send(
        reply,
        page(v, {
          title: v.t('registered.title'),
          body: html`<p>${v.t('registered.body', { email: typeof email === 'string' ? email : '' })}</p>
<p><a href="/sign-in">${v.t('nav.signIn')}</a></p>`,
        }),
      )
    },
  )

  app.get(
    '/verify-email',
    { config: { access: 'public' }, schema: { querystring: TokenQuery } },
    async (request, reply) => {
      const v = request.view
      return send(reply, verifyPage(v, emptyForm(), tokenOf(request.query)))
    },
  )

  app.post(
    '/verify-email',
    { config: { access: 'public' }, schema: { body: Form(['token']) } },
    async (request, reply) => {
      const v = request.view
      const { token = '' } = formValues(request.body, ['token'])
      const res = await v.call(authVerifyEmail, { body: { token } })
      if (!res.ok) {
        const state = emptyForm()
        state.formError =
          res.status === 400 ? 'err.invalidToken' : applyProblem(state, res.problem, []).formError
        return send(reply, verifyPage(v, state, token), res.status >= 500 ? 503 : 400)
      }
      return seeOther(reply, v.me ? '/?notice=verified' : '/sign-in?notice=verified')
    },
  )
}
