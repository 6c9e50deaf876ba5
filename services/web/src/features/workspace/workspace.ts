import {
  CAPTION_MAX_CHARS,
  downloadAttachment,
  listMessages,
  MESSAGE_MAX_CHARS,
  markMessagesRead,
  type PartnerMessage,
  pathOf,
  postMessage,
  type TimelineEntry,
  uploadAttachment,
  WORKSPACE_READERS,
  type Workspace,
  workspace,
} from '@dj/contracts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { loadOrRefuse, passFile } from '../../components/api-page.js'
import {
  csrfField,
  emptyForm,
  errorSummary,
  type FormState,
  hasErrors,
  problemMessage,
  textarea,
} from '../../components/forms.js'
import { instName } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import { seeOther, send } from '../../http/respond.js'
import { IdParams } from '../../http/schemas.js'
import { readUploadedForm, uploadRoute } from '../../http/upload.js'
import { CATALOGS, formatDateTime, formatNumber, type MessageKey, readerTitle } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { loadRenewStatus, renewBlock } from '../renew/index.js'
import { reportsDueBlock } from '../report/index.js'
import { period, slotText } from '../scheduling/format.js'
import { tripsSection } from '../trip/workspace-section.js'

/**
 * The web's bound on what it buffers of one attachment (the API's default limit). The API's
 * configured limit decides; a smaller one answers 413, shown on the file field.
 */
export const ATTACHMENT_FORM_MAX_BYTES = 10 * 1024 * 1024
/** A message of MESSAGE_MAX_CHARS characters in UTF-8, at most 4 bytes each. */
const BODY_FIELD_BYTES = MESSAGE_MAX_CHARS * 4
const PAGE_SIZE = 20

const FIELD_LABELS: Record<string, MessageKey> = { body: 'ws.field.body', file: 'ws.field.file' }

type Party = Workspace['institutions']['a']

/** The name of a party by id (either of the two), in the reader's language where it has one. */
function partyName(v: View, w: Workspace, id: string | null): Html | string {
  const p = [w.institutions.a, w.institutions.b].find((x) => x.id === id)
  return p ? instName(v, p) : ''
}

/** A timeline entry in the reader's language; times in the reader's zone, civil dates as they are. */
function entryText(v: View, w: Workspace, e: TimelineEntry): Html {
  const params = {
    side: e.side ? v.t(`side.${e.side}`) : '',
    title: e.title ? readerTitle(v.locale, e.title) : '',
    time: e.time ? slotText(v, e.time) : '',
    dates: e.dates ? period(v, e.dates) : '',
    days: e.days ?? 0,
    version: e.version ?? 0,
    // A signature is an institution's, or an office's countersignature (no institution).
    by: e.institutionId ? 'institution' : 'office',
  }
  // Kinds added to the API before the web knows them read as a generic entry.
  const known = `ws.kind.${e.kind}` in CATALOGS.de
  const key = (known ? `ws.kind.${e.kind}` : 'ws.kind.other') as MessageKey
  // The institution's name may carry its language mark-up (instName): it is escaped by html``
  // there, so only that one parameter is passed through as mark-up.
  const text = v.t(key, { ...params, institution: '\u0000' })
  const [before, after] = text.split('\u0000')
  const entry =
    after === undefined ? html`${text}` : html`${before}${partyName(v, w, e.institutionId)}${after}`
  // Once the partnership has renewed its agreement, each agreement entry says which one it is about.
  const renewed = e.edition !== undefined && w.timeline.some((x) => (x.edition ?? 1) > 1)
  if (!renewed) return entry
  const label = v.t('renew.timelineEdition', { edition: e.edition ?? 1 })
  return html`${entry}${v.locale === 'zh' ? '' : ' '}${label}`
}

function timeline(v: View, w: Workspace): Html {
  if (w.timeline.length === 0) return html`<p>${v.t('ws.timelineEmpty')}</p>`
  return html`<ol class="timeline">${w.timeline.map(
    (e) =>
      html`<li><time datetime="${e.at}">${formatDateTime(v.locale, v.timeZone, e.at)}</time> — ${entryText(v, w, e)}${
        e.kind === 'message.posted' ? html` <a href="#message-${e.subjectId}">${v.t('ws.messages')}</a>` : ''
      }</li>`,
  )}</ol>`
}

const size = (v: View, bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(v.locale, Math.round((bytes / 1024 / 1024) * 10) / 10)} MB`
    : `${formatNumber(v.locale, Math.max(1, Math.round(bytes / 1024)))} KB`

function messageItem(v: View, w: Workspace, m: PartnerMessage, isNew: boolean): Html {
  const name = m.author.name ?? v.t('ws.formerMember')
  const by = v.t('ws.by', { name, institution: '\u0000' }).split('\u0000')
  return html`<li class="card" id="message-${m.id}">
  <p><strong>${by[0]}${partyName(v, w, m.author.institutionId)}${by[1] ?? ''}</strong> · <time datetime="${m.createdAt}">${formatDateTime(v.locale, v.timeZone, m.createdAt)}</time>${
    isNew ? html` <span class="badge">${v.t('ws.new')}</span>` : ''
  }</p>
  ${m.body && html`<p class="message-body">${m.body}</p>`}
  ${
    m.attachments.length > 0 &&
    html`<ul class="plain">${m.attachments.map(
      (a) =>
        html`<li><a href="/attachments/${a.id}" download>${v.t('ws.attachment', { name: a.fileName, size: size(v, a.size) })}</a></li>`,
    )}</ul>`
  }
  ${
    (m.readByPartner || m.readByOffices.length > 0) &&
    html`<p class="hint">${[
      m.mine && m.readByPartner ? v.t('ws.readByPartner') : '',
      ...m.readByOffices.map((s) => v.t('ws.readByOffice', { side: v.t(`side.${s}`) })),
    ]
      .filter(Boolean)
      .join(' · ')}</p>`
  }
</li>`
}

function messageForm(v: View, id: string, state: FormState): Html {
  const fileError = state.errors['file']
  return html`<h3>${v.t('ws.write')}</h3>
<form method="post" action="/partnerships/${id}/messages" enctype="multipart/form-data" novalidate>
  ${csrfField(v)}
  ${textarea(v, state, { name: 'body', label: 'ws.field.body', hint: 'ws.field.bodyHint', rows: 4 })}
  <div class="field${fileError ? ' field-error' : ''}">
    <label for="f-file">${v.t('ws.field.file')}</label>
    <p class="hint" id="f-file-hint">${v.t('ws.field.fileHint')}</p>
    ${fileError && html`<p class="error" id="f-file-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(fileError as MessageKey)}</p>`}
    <input id="f-file" name="file" type="file" aria-describedby="f-file-hint${fileError ? ' f-file-error' : ''}"${
      fileError ? html` aria-invalid="true"` : ''
    }>
  </div>
  <button type="submit">${v.t('ws.send')}</button>
</form>`
}

interface Conversation {
  items: PartnerMessage[]
  nextCursor: string | null
  /** Whether this is the first (newest) page. */
  first: boolean
}

function workspacePage(
  v: View,
  w: Workspace,
  c: Conversation,
  state: FormState,
  renew?: Html | '',
  reports?: Html | '',
): Html {
  const { a, b } = w.institutions
  const party = (p: Party) =>
    html`<li><a href="/institutions/${p.id}">${instName(v, p)}</a> · ${v.t(`side.${p.side}`)}</li>`
  // Unread messages are the newest ones from the partner (the read mark is a watermark).
  let unreadLeft = c.first ? w.unread : 0
  const items = c.items.map((m) => {
    const isNew = unreadLeft > 0 && !m.mine && m.author.institutionId !== w.viewer.ownInstitutionId
    if (isNew) unreadLeft--
    return messageItem(v, w, m, isNew)
  })
  return page(v, {
    title: v.t('ws.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, FIELD_LABELS)}
<h2>${v.t('ws.parties')}</h2>
<ul class="plain">${party(a)}${party(b)}</ul>
<p><a href="/partnerships/${w.partnership.id}/schedule">${v.t('ws.schedule')}</a></p>
<h2 id="agreement">${v.t('agr.title')}</h2>
<p>${v.t('agr.wsIntro')} <a href="/partnerships/${w.partnership.id}/agreement">${v.t('agr.wsLink')}</a></p>
<h2 id="trips">${v.t('trip.wsHeading')}</h2>
${tripsSection(v, w)}
${renew ?? ''}
${reports ?? ''}
<h2 id="messages">${v.t('ws.messages')}${
      w.unread > 0 && html` <span class="badge">${v.t('ws.unread', { count: w.unread })}</span>`
    }</h2>
${w.viewer.canPost ? messageForm(v, w.partnership.id, state) : html`<p>${v.t('ws.readOnly')}</p>`}
${c.items.length === 0 ? html`<p>${v.t('ws.noMessages')}</p>` : html`<ol class="conversation">${items}</ol>`}
${
  c.nextCursor &&
  html`<p><a href="/partnerships/${w.partnership.id}/workspace?cursor=${c.nextCursor}#messages">${v.t('ws.older')}</a></p>`
}
${!c.first && html`<p><a href="/partnerships/${w.partnership.id}/workspace#messages">${v.t('ws.newest')}</a></p>`}
<h2>${v.t('ws.timeline')}</h2>
${timeline(v, w)}`,
  })
}

const WorkspaceQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 600, pattern: '^[A-Za-z0-9_-]*$' })),
})

/** Loads what the page shows and marks the newest shown message read (the reader has seen it). */
async function loadPage(v: View, reply: Parameters<typeof loadOrRefuse>[1], id: string, cursor?: string) {
  const w = await loadOrRefuse(v, reply, workspace, { params: { id } })
  if (!w) return null
  const res = await v.call(listMessages, {
    params: { id },
    query: { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) },
  })
  const c: Conversation = res.ok
    ? { ...res.data, first: !cursor }
    : { items: [], nextCursor: null, first: !cursor }
  const newest = c.items[0]
  // Officers are shown as readers.
  if (c.first && newest && w.unread > 0)
    await v.call(markMessagesRead, { params: { id }, body: { upTo: newest.id } })
  const renew = renewBlock(v, id, await loadRenewStatus(v, id))
  const reports = await reportsDueBlock(v, id)
  return { w, c, renew, reports }
}

/** The partnership workspace: both partners, the conversation with its form, and the timeline. */
export const workspacePages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/partnerships/:id/workspace',
    { config: { access: WORKSPACE_READERS }, schema: { params: IdParams, querystring: WorkspaceQuery } },
    async (request, reply) => {
      const v = request.view
      const loaded = await loadPage(v, reply, request.params.id, request.query.cursor || undefined)
      if (!loaded) return reply
      return send(reply, workspacePage(v, loaded.w, loaded.c, emptyForm(), loaded.renew, loaded.reports))
    },
  )

  // One form for text and an optional file; access and the CSRF token are checked before the
  // file is read (http/upload.ts).
  app.post(
    '/partnerships/:id/messages',
    {
      ...uploadRoute(app, ['coordinator'], ATTACHMENT_FORM_MAX_BYTES, BODY_FIELD_BYTES),
      schema: { params: IdParams },
    },
    async (request, reply) => {
      const v = request.view
      const { id } = request.params
      const state = emptyForm()
      let form: Awaited<ReturnType<typeof readUploadedForm>> = { fields: {} }
      try {
        form = await readUploadedForm(request)
      } catch (e) {
        if ((e as { statusCode?: number }).statusCode !== 413) throw e
        state.errors['file'] = 'err.attachmentSize'
      }
      const text = (form.fields['body'] ?? '').trim()
      state.values['body'] = form.fields['body'] ?? ''
      const file = form.file && form.file.content.length > 0 ? form.file : undefined
      if (!hasErrors(state)) {
        if (!text && !file) state.errors['body'] = 'err.messageRequired'
        else if (text.length > MESSAGE_MAX_CHARS) state.errors['body'] = 'err.messageTooLong'
      }
      if (!hasErrors(state)) {
        // A long text goes as its own message before the file (a caption travels in the URL).
        const caption = file && text.length <= CAPTION_MAX_CHARS ? text : ''
        const textRes =
          text && !caption ? await v.call(postMessage, { params: { id }, body: { body: text } }) : null
        if (textRes && !textRes.ok) state.formError = problemMessage(textRes.problem)
        else if (file) {
          const res = await v.upload(
            uploadAttachment,
            {
              params: { id },
              query: {
                fileName: file.filename.slice(0, 200) || 'file',
                ...(caption ? { text: caption } : {}),
              },
            },
            { body: file.content, type: 'application/octet-stream' },
          )
          if (!res.ok) {
            if (res.status === 415) state.errors['file'] = 'err.attachmentType'
            else if (res.status === 413) state.errors['file'] = 'err.attachmentSize'
            else state.formError = problemMessage(res.problem)
            // The text went already when it was sent on its own: do not offer it again.
            if (textRes?.ok) state.values['body'] = ''
          }
        }
      }
      if (!hasErrors(state)) return seeOther(reply, `/partnerships/${id}/workspace#messages`)
      const loaded = await loadPage(v, reply, id)
      if (!loaded) return reply
      return send(reply, workspacePage(v, loaded.w, loaded.c, state, loaded.renew, loaded.reports), 400)
    },
  )

  app.get(
    '/attachments/:id',
    { config: { access: WORKSPACE_READERS }, schema: { params: IdParams } },
    async (request, reply) =>
      passFile(request.view, reply, pathOf(downloadAttachment, request.params), 'attachment'),
  )
}
