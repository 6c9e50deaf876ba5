import {
  authChangePassword,
  authResendVerification,
  deleteMyAccount,
  exportMyData,
  updateMe,
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
  timeZoneList,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, reader, safeNext, seeOther, send } from '../../http/respond.js'
import { Form, NoticeQuery } from '../../http/schemas.js'
import { formatDateTime, isLocale, LANG_TAG, LOCALES, type MessageKey } from '../../i18n/index.js'
import { page, roleLinks } from '../../layout.js'
import type { Me, View } from '../../view.js'
import { inLanguage } from '../public/seo.js'
import { dashboardWork } from './dashboard-work.js'

function home(v: View, notice: string | undefined, error?: MessageKey, work?: Html): Html {
  const me = v.me
  if (!me) {
    return page(v, {
      title: v.t('home.title'),
      notice,
      body: html`<p class="lead">${v.t('home.intro')}</p>
<ul class="actions">
  <li><a class="button" href="/register">${v.t('home.ctaRegister')}</a></li>
  <li><a class="button secondary" href="/sign-in">${v.t('home.ctaSignIn')}</a></li>
</ul>`,
    })
  }
  const links: [string, MessageKey][] = [...roleLinks(me.role), ['/profile', 'nav.profile']]
  if (me.role === 'coordinator')
    links.push(['/institutions/new', 'nav.institutionNew'], ['/profile/data', 'nav.privacy'])
  return page(v, {
    title: v.t('dash.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t('dash.hello', { name: me.displayName })}</p>
${
  !me.emailVerified &&
  html`<div class="callout">
  <p>${v.t('dash.verifyBanner')}</p>
  <form method="post" action="/resend-verification">${csrfField(v)}<button type="submit" class="secondary">${v.t('dash.resend')}</button></form>
</div>`
}
${work}
<h2>${v.t('dash.next')}</h2>
<ul class="card-list">${links.map(([href, key]) => html`<li><a href="${href}">${v.t(key)}</a></li>`)}</ul>`,
  })
}

const PROFILE_FIELDS = ['displayName', 'locale', 'timeZone'] as const
const PROFILE_LABELS: Record<string, MessageKey> = {
  displayName: 'field.displayName',
  locale: 'field.locale',
  timeZone: 'field.timeZone',
}
const PASSWORD_LABELS: Record<string, MessageKey> = {
  currentPassword: 'field.currentPassword',
  newPassword: 'field.newPassword',
}

function profilePage(v: View, me: Me, state: FormState, pw: FormState, notice?: string): Html {
  return page(v, {
    title: v.t('profile.title'),
    hasErrors: hasErrors(state) || hasErrors(pw),
    notice,
    body: html`${errorSummary(v, state, PROFILE_LABELS)}${errorSummary(v, pw, PASSWORD_LABELS)}
<h2>${v.t('profile.account')}</h2>
<dl class="facts">
  <dt>${v.t('field.email')}</dt><dd>${me.email}</dd>
  <dt>${v.t('profile.role')}</dt><dd>${v.t(`role.${me.role}`)}</dd>
  ${me.officerSide && html`<dt>${v.t('profile.side')}</dt><dd>${v.t(`side.${me.officerSide}`)}</dd>`}
  <dt>${v.t('profile.verified')}</dt><dd>${v.t(me.emailVerified ? 'yes' : 'no')}</dd>
  <dt>${v.t('profile.created')}</dt><dd><time datetime="${me.createdAt}">${formatDateTime(v.locale, v.timeZone, me.createdAt)}</time></dd>
</dl>
<h2>${v.t('profile.settings')}</h2>
<form method="post" action="/profile" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'displayName', label: 'field.displayName', autocomplete: 'name', required: true })}
  ${select(v, state, {
    name: 'locale',
    label: 'field.locale',
    options: LOCALES.map((l) => ({ value: l, label: v.t(`lang.${l}`), lang: LANG_TAG[l] })),
  })}
  ${input(v, state, { name: 'timeZone', label: 'field.timeZone', hint: 'field.timeZoneHint', list: 'tz-list', required: true, autocomplete: 'off' })}
  ${timeZoneList()}
  <button type="submit">${v.t('profile.save')}</button>
</form>
<h2>${v.t('password.title')}</h2>
<form method="post" action="/profile/password" novalidate>
  ${csrfField(v)}
  ${input(v, pw, { name: 'currentPassword', label: 'field.currentPassword', type: 'password', autocomplete: 'current-password', required: true })}
  ${input(v, pw, { name: 'newPassword', label: 'field.newPassword', type: 'password', autocomplete: 'new-password', hint: 'field.passwordHint', required: true })}
  <button type="submit">${v.t('password.submit')}</button>
</form>
<p><a href="/profile/data">${v.t('nav.privacy')}</a></p>`,
  })
}

const profileValues = (me: Me) => ({ displayName: me.displayName, locale: me.locale, timeZone: me.timeZone })

function dataPage(v: View, state: FormState): Html {
  return page(v, {
    title: v.t('privacy.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { password: 'field.confirmPassword' })}
<h2>${v.t('privacy.exportTitle')}</h2>
<p>${v.t('privacy.exportIntro')}</p>
<p><a class="button secondary" href="/profile/data/export" download>${v.t('privacy.export')}</a></p>
${
  v.me?.role === 'coordinator' &&
  html`<h2>${v.t('privacy.deleteTitle')}</h2>
<p>${v.t('privacy.deleteIntro')}</p>
<form method="post" action="/profile/data/delete" novalidate>
  ${csrfField(v)}
  ${input(v, state, { name: 'password', label: 'field.confirmPassword', type: 'password', autocomplete: 'current-password', required: true })}
  <button type="submit" class="danger">${v.t('privacy.deleteSubmit')}</button>
</form>`
}`,
  })
}

export const accountPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/profile/data', { config: { access: 'signed-in' } }, async (request, reply) => {
    return send(reply, dataPage(request.view, emptyForm()))
  })

  app.get('/profile/data/export', { config: { access: 'signed-in' } }, async (request, reply) => {
    const v = request.view
    const res = await v.call(exportMyData)
    if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="my-data.json"')
      .header('cache-control', 'no-store')
      .send(JSON.stringify(res.data, null, 2))
  })

  app.post(
    '/profile/data/delete',
    { config: { access: ['coordinator'] }, schema: { body: Form(['password']) } },
    async (request, reply) => {
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, ['password'])), ['password'])
      if (hasErrors(state)) return send(reply, dataPage(v, state), 400)
      const res = await v.call(deleteMyAccount, { body: { password: state.values['password'] ?? '' } })
      if (!res.ok) {
        if (res.problem.code === 'AUTH_INVALID_CREDENTIALS')
          state.errors['password'] = 'err.invalidCredentials'
        else {
          state.formError = problemMessage(res.problem)
          state.formErrorField = 'password'
        }
        return send(reply, dataPage(v, state), res.status)
      }
      v.signOut()
      return seeOther(reply, '/?notice=account-deleted')
    },
  )

  app.get(
    '/',
    { config: { access: 'public' }, schema: { querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      return send(reply, home(v, noticeOf(request.query), undefined, await dashboardWork(v)))
    },
  )

  app.post(
    '/resend-verification',
    { config: { access: 'signed-in' }, schema: { body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(authResendVerification)
      if (!res.ok)
        return send(reply, home(v, undefined, problemMessage(res.problem)), res.status >= 500 ? 503 : 409)
      return seeOther(reply, '/?notice=resent')
    },
  )

  app.post(
    '/language',
    { config: { access: 'public' }, schema: { body: Form(['locale', 'next']) } },
    async (request, reply) => {
      const v = request.view
      const { locale, next } = formValues(request.body, ['locale', 'next'])
      if (isLocale(locale)) {
        v.setLocale(locale)
        // Signed in: the account remembers it (and emails follow it); otherwise the cookie does.
        if (v.me) await v.call(updateMe, { body: { locale } })
      }
      return seeOther(reply, isLocale(locale) ? inLanguage(safeNext(next), locale) : safeNext(next))
    },
  )

  app.get(
    '/profile',
    { config: { access: 'signed-in' }, schema: { querystring: NoticeQuery } },
    async (request, reply) => {
      const me = reader(request.view)
      return send(
        reply,
        profilePage(request.view, me, emptyForm(profileValues(me)), emptyForm(), noticeOf(request.query)),
      )
    },
  )

  app.post(
    '/profile',
    { config: { access: 'signed-in' }, schema: { body: Form(PROFILE_FIELDS) } },
    async (request, reply) => {
      const me = reader(request.view)
      const v = request.view
      const state = requireFields(emptyForm(formValues(request.body, PROFILE_FIELDS)), [
        'displayName',
        'timeZone',
      ])
      const { displayName, locale, timeZone } = state.values
      if (!isLocale(locale)) state.errors['locale'] = 'err.invalid'
      if (hasErrors(state) || !isLocale(locale))
        return send(reply, profilePage(v, me, state, emptyForm()), 400)
      const res = await v.call(updateMe, { body: { displayName, locale, timeZone } })
      if (!res.ok) {
        applyProblem(state, res.problem, PROFILE_FIELDS)
        return send(reply, profilePage(v, me, state, emptyForm()), res.status >= 500 ? 503 : 400)
      }
      v.setLocale(locale)
      return seeOther(reply, '/profile?notice=profile-saved')
    },
  )

  app.post(
    '/profile/password',
    { config: { access: 'signed-in' }, schema: { body: Form(['currentPassword', 'newPassword']) } },
    async (request, reply) => {
      const me = reader(request.view)
      const v = request.view
      const fields = ['currentPassword', 'newPassword']
      const pw = requireFields(emptyForm(formValues(request.body, fields)), fields)
      if (hasErrors(pw)) return send(reply, profilePage(v, me, emptyForm(profileValues(me)), pw), 400)
      const res = await v.call(authChangePassword, {
        body: {
          currentPassword: pw.values['currentPassword'] ?? '',
          newPassword: pw.values['newPassword'] ?? '',
        },
      })
      if (!res.ok) {
        if (res.problem.code === 'AUTH_INVALID_CREDENTIALS')
          pw.errors['currentPassword'] = 'err.invalidCredentials'
        else applyProblem(pw, res.problem, fields)
        return send(
          reply,
          profilePage(v, me, emptyForm(profileValues(me)), pw),
          res.status >= 500 ? 503 : 400,
        )
      }
      // The API ended every session and handed us a new one.
      v.signIn(res.data)
      return seeOther(reply, '/profile?notice=password-changed')
    },
  )
}
