import {
  getNotificationPreferences,
  INBOX_KINDS,
  type InboxPage,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  type NotificationPreferences as Preferences,
  updateNotificationPreferences,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  formValues,
  hasErrors,
  problemMessage,
} from '../../components/forms.js'
import { filterField, type ListState, listForm, nextLink, pager, readList } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { messagePage, noticeOf, seeOther, send } from '../../http/respond.js'
import { Form, IdParams, ListQuery, NoticeQuery, OneOf } from '../../http/schemas.js'
import { formatDateTime, isLocale, LANG_TAG, LOCALES, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { pageOfList } from '../officer/list-query.js'

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/

/** Event names come from the catalog; an event type the catalog does not know yet is shown as its code. */
function eventLabel(v: View, type: string): Html {
  const key = `event.${type}` as MessageKey
  const text = v.t(key)
  return text === key ? html`<code>${type}</code>` : html`${text}`
}

const readInbox = (query: unknown) =>
  readList(query, { sorts: [], filters: { unread: ['true'], kind: INBOX_KINDS } })
const emptyInbox: InboxPage = { items: [], nextCursor: null, total: 0, unread: 0 }

/** Filters by read state and subject, the total, and the pager. */
function inboxControls(v: View, list: ListState, data: InboxPage): Html {
  return html`${listForm(v, list, {
    path: '/inbox',
    id: 'inbox',
    fields: html`${filterField(v, list, {
      id: 'inbox',
      name: 'unread',
      label: 'inbox.show',
      options: [['true', v.t('inbox.onlyUnread')]],
    })}${filterField(v, list, {
      id: 'inbox',
      name: 'kind',
      label: 'inbox.kind',
      options: INBOX_KINDS.map((k) => [k, v.t(`inboxKind.${k}`)]),
    })}`,
  })}
${pager(v, list, { path: '/inbox', total: data.total, shown: data.items.length, nextCursor: data.nextCursor, label: v.t('inbox.title') })}`
}

function inboxPage(v: View, data: InboxPage, list: ListState, notice?: string, error?: MessageKey): Html {
  const items = data.items
  return page(v, {
    title: v.t('inbox.title'),
    notice,
    body: html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p><a href="/inbox/preferences">${v.t('inbox.prefs')}</a></p>
${inboxControls(v, list, data)}
${
  items.some((n) => !n.read) &&
  html`<form method="post" action="/inbox/read-all">${csrfField(v)}<button type="submit" class="secondary">${v.t('inbox.markAll')}</button></form>`
}
${
  items.length === 0
    ? html`<p>${v.t('inbox.empty')}</p>`
    : html`<ul class="plain inbox">${items.map(
        (n) => html`<li class="card${n.read ? '' : ' unread'}">
  <h2 class="h3">${!n.read && html`<span class="badge">${v.t('inbox.unread')}</span> `}${n.title}</h2>
  <p><time datetime="${n.createdAt}">${formatDateTime(v.locale, v.timeZone, n.createdAt)}</time></p>
  <p>${n.body}</p>
  ${n.link?.startsWith('/') && html`<p><a href="${n.link}" data-about>${v.t('inbox.open')}</a></p>`}
  ${
    !n.read &&
    html`<form method="post" action="/inbox/${n.id}/read">${csrfField(v)}<button type="submit" class="small secondary">${v.t('inbox.markRead')}</button></form>`
  }
</li>`,
      )}</ul>`
}
${nextLink(v, list, { path: '/inbox', shown: items.length, nextCursor: data.nextCursor })}`,
  })
}

function prefsPage(v: View, prefs: Preferences, state: FormState, notice?: string): Html {
  const val = state.values
  const radio = (name: string, value: string, label: MessageKey) =>
    html`<div class="radio"><input type="radio" id="f-${name}-${value}" name="${name}" value="${value}"${
      val[name] === value ? html` checked` : ''
    }><label for="f-${name}-${value}">${v.t(label)}</label></div>`
  const types = Object.keys(prefs.channels).sort()
  const clock = (name: 'quietStart' | 'quietEnd', label: MessageKey) => {
    const error = state.errors[name]
    return html`<div class="field${error ? ' field-error' : ''}"><label for="f-${name}">${v.t(label)}</label>
    ${error && html`<p class="error" id="f-${name}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(error)}</p>`}
    <input id="f-${name}" name="${name}" type="time" class="short" value="${val[name] ?? ''}" aria-describedby="quiet-hint${error ? ` f-${name}-error` : ''}"${error ? html` aria-invalid="true"` : ''}></div>`
  }
  return page(v, {
    title: v.t('prefs.title'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { quietStart: 'prefs.quietStart', quietEnd: 'prefs.quietEnd' })}
<form method="post" action="/inbox/preferences" novalidate>
  ${csrfField(v)}
  <div class="field"><label for="f-language">${v.t('prefs.language')}</label>
    <select id="f-language" name="language"><option value="">${v.t('prefs.languageAccount')}</option>${LOCALES.map(
      (l) =>
        html`<option value="${l}" lang="${LANG_TAG[l]}"${val['language'] === l ? html` selected` : ''}>${v.t(`lang.${l}`)}</option>`,
    )}</select></div>
  <fieldset class="field"><legend>${v.t('prefs.mode')}</legend>
    ${radio('mode', 'immediate', 'prefs.immediate')}${radio('mode', 'daily', 'prefs.daily')}
  </fieldset>
  <fieldset class="field"><legend>${v.t('prefs.quiet')}</legend>
    <p class="hint" id="quiet-hint">${v.t('prefs.quietHint')}</p>
    <div class="pair">${clock('quietStart', 'prefs.quietStart')}${clock('quietEnd', 'prefs.quietEnd')}</div>
  </fieldset>
  <div class="table-scroll"><table>
    <caption>${v.t('prefs.channels')}</caption>
    <thead><tr><th scope="col">${v.t('prefs.event')}</th><th scope="col">${v.t('prefs.email')}</th><th scope="col">${v.t('prefs.inApp')}</th></tr></thead>
    <tbody>${types.map((type, i) => {
      const c = prefs.channels[type]!
      const row = `evt-${i}`
      return html`<tr><th scope="row" id="${row}">${eventLabel(v, type)}</th>${
        c.locked
          ? html`<td colspan="2">${v.t('prefs.locked')}</td>`
          : html`<td><input type="checkbox" name="email" value="${type}" aria-labelledby="${row} col-email"${c.email ? html` checked` : ''}></td>
      <td><input type="checkbox" name="inApp" value="${type}" aria-labelledby="${row} col-inapp"${c.inApp ? html` checked` : ''}></td>`
      }</tr>`
    })}</tbody>
  </table></div>
  <span hidden id="col-email">${v.t('prefs.email')}</span><span hidden id="col-inapp">${v.t('prefs.inApp')}</span>
  <button type="submit">${v.t('prefs.save')}</button>
</form>`,
  })
}

const prefValues = (p: Preferences): Record<string, string> => ({
  language: p.languageOverride ?? '',
  mode: p.mode,
  quietStart: p.quietHours?.start ?? '',
  quietEnd: p.quietHours?.end ?? '',
})

export const inboxPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/inbox',
    {
      config: { access: 'signed-in' },
      schema: { querystring: ListQuery({ unread: OneOf(['true']), kind: OneOf(INBOX_KINDS) }) },
    },
    async (request, reply) => {
      const v = request.view
      const list = readInbox(request.query)
      const res = await v.call(listNotifications, {
        query: {
          ...pageOfList(list, 20),
          unread: list.filters['unread'] === 'true' ? true : undefined,
          kind: INBOX_KINDS.find((k) => k === list.filters['kind']),
        },
      })
      if (!res.ok && res.status === 400) return seeOther(reply, '/inbox')
      if (!res.ok)
        return send(reply, inboxPage(v, emptyInbox, list, undefined, problemMessage(res.problem)), 503)
      return send(reply, inboxPage(v, res.data, list, noticeOf(request.query)))
    },
  )

  app.post(
    '/inbox/:id/read',
    { config: { access: 'signed-in' }, schema: { params: IdParams, body: Form(['back']) } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(markNotificationRead, { params: { id: request.params.id } })
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      return seeOther(reply, '/inbox')
    },
  )

  app.post(
    '/inbox/read-all',
    { config: { access: 'signed-in' }, schema: { body: Form([]) } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(markAllNotificationsRead)
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), res.status)
      return seeOther(reply, '/inbox?notice=all-read')
    },
  )

  app.get(
    '/inbox/preferences',
    { config: { access: 'signed-in' }, schema: { querystring: NoticeQuery } },
    async (request, reply) => {
      const v = request.view
      const res = await v.call(getNotificationPreferences)
      if (!res.ok) return messagePage(v, reply, 'error.title', problemMessage(res.problem), 503)
      return send(reply, prefsPage(v, res.data, emptyForm(prefValues(res.data)), noticeOf(request.query)))
    },
  )

  app.post(
    '/inbox/preferences',
    {
      config: { access: 'signed-in' },
      schema: { body: Form(['language', 'mode', 'quietStart', 'quietEnd'], ['email', 'inApp']) },
    },
    async (request, reply) => {
      const v = request.view
      const current = await v.call(getNotificationPreferences)
      if (!current.ok) return messagePage(v, reply, 'error.title', problemMessage(current.problem), 503)
      const state = emptyForm(formValues(request.body, ['language', 'mode', 'quietStart', 'quietEnd']))
      const { language, mode, quietStart = '', quietEnd = '' } = state.values
      if ((quietStart || quietEnd) && !CLOCK.test(quietStart)) state.errors['quietStart'] = 'err.clock'
      if ((quietStart || quietEnd) && !CLOCK.test(quietEnd)) state.errors['quietEnd'] = 'err.clock'
      if (hasErrors(state)) return send(reply, prefsPage(v, current.data, state), 400)
      const email = new Set(request.body.email)
      const inApp = new Set(request.body.inApp)
      const channels = Object.fromEntries(
        Object.entries(current.data.channels)
          .filter(([, c]) => !c.locked)
          .map(([type]) => [type, { email: email.has(type), inApp: inApp.has(type) }]),
      )
      const res = await v.call(updateNotificationPreferences, {
        body: {
          language: isLocale(language) ? language : null,
          mode: mode === 'daily' ? 'daily' : 'immediate',
          quietHours: quietStart && quietEnd ? { start: quietStart, end: quietEnd } : null,
          channels,
        },
      })
      if (!res.ok) {
        state.formError = problemMessage(res.problem)
        return send(reply, prefsPage(v, current.data, state), res.status)
      }
      return seeOther(reply, '/inbox/preferences?notice=prefs-saved')
    },
  )
}
