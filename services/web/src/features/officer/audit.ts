import { type AuditEntry, officerAudit } from '@dj/contracts'
import { formatDateTime } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type ListState, listHref, nextLink, pager, readList } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { seeOther, send } from '../../http/respond.js'
import { ListQuery } from '../../http/schemas.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { pageOfList } from './list-query.js'
import { failed, reportNav, STAFF } from './report-parts.js'

const AUDIT_ACTIONS = [
  'institution.registered',
  'institution.verify',
  'institution.reject',
  'institution.suspend',
  'institution.reinstate',
  'interest.created',
  'interest.updated',
  'interest.deleted',
  'membership.removed',
  'proposal.confirmed',
  'proposals.expired',
  'round.requested',
  'import.requested',
  'calendar.entries_added',
  'calendar.entry_deleted',
  'calendar.imported',
  'user.created',
  'user.deleted',
  'user.disabled',
  'user.enabled',
  'user.password_changed',
  'notification.retried',
] as const
const ENTITY_TYPES = [
  'institution',
  'interest',
  'proposal',
  'round',
  'import',
  'user',
  'calendar',
  'notification',
] as const

/** What was done, in words ("verified an institution"), never the action's code. */
function auditAction(v: View, action: string): string {
  const known = AUDIT_ACTIONS.find((a) => a === action)
  return known ? v.t(`auditAction.${known}`) : v.t('auditAction.other')
}

/** What it was done to: its name where it has one, linked to institutions; never a bare id. */
function auditEntity(v: View, e: AuditEntry): Html {
  const type = ENTITY_TYPES.find((x) => x === e.entityType)
  const kind = type ? v.t(`entityType.${type}`) : v.t('entityType.other')
  if (!e.entityLabel) return html`${kind}`
  if (type === 'institution' && e.entityId)
    return html`${kind}: <a href="/institutions/${e.entityId}">${e.entityLabel}</a>`
  return html`${kind}: ${e.entityLabel}`
}

const PATH = '/officer/audit'

/** Search the audit log (actions, people, ids), newest or oldest first, with the total. */
function auditControls(
  v: View,
  s: ListState,
  o: { total: number; shown: number; nextCursor: string | null },
): Html {
  return html`<form method="get" action="${PATH}" class="list-controls" role="search" aria-label="${v.t('list.controls')}">
  <div class="field"><label for="audit-q">${v.t('list.searchAudit')}</label>
    <input id="audit-q" name="q" type="search" value="${s.q}" maxlength="100"></div>
  <div class="field"><label for="audit-dir">${v.t('list.dir')}</label>
    <select id="audit-dir" name="dir">
      <option value="desc"${s.dir !== 'asc' ? html` selected` : ''}>${v.t('list.newestFirst')}</option>
      <option value="asc"${s.dir === 'asc' ? html` selected` : ''}>${v.t('list.oldestFirst')}</option>
    </select></div>
  <button type="submit" class="secondary">${v.t('list.apply')}</button>
</form>
${s.q && html`<p><a href="${listHref(PATH, { ...s, q: '', cursor: '', at: 0 })}">${v.t('list.clear')}</a></p>`}
${pager(v, s, { path: PATH, ...o, label: v.t('audit.title') })}`
}

/** The audit log: who did what to which institution, proposal or account, and when. */
export const auditPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/officer/audit',
    { config: { access: STAFF }, schema: { querystring: ListQuery({}) } },
    async (request, reply) => {
      const v = request.view
      const list = readList(request.query, { sorts: [] })
      const res = await v.call(officerAudit, { query: pageOfList(list, 50) })
      if (!res.ok && res.status === 400) return seeOther(reply, '/officer/audit')
      if (!res.ok) return failed(v, reply, res.problem, res.status)
      const { items, nextCursor, total } = res.data
      return send(
        reply,
        page(v, {
          title: v.t('audit.title'),
          body: html`${reportNav(v)}
<p>${v.t('audit.intro')}</p>
${auditControls(v, list, { total, shown: items.length, nextCursor })}
${
  items.length === 0
    ? html`<p>${v.t('audit.empty')}</p>`
    : html`<div class="table-scroll" role="region" aria-labelledby="audit-caption" tabindex="0"><table>
  <caption id="audit-caption">${v.t('audit.caption')}</caption>
  <thead><tr><th scope="col">${v.t('col.when')}</th><th scope="col">${v.t('col.actor')}</th><th scope="col">${v.t('col.action')}</th><th scope="col">${v.t('col.entity')}</th></tr></thead>
  <tbody>${items.map(
    (e) => html`<tr>
    <th scope="row"><time datetime="${e.at}">${formatDateTime(v.locale, v.timeZone, e.at)}</time></th>
    <td>${e.actorLabel}</td>
    <td>${auditAction(v, e.action)}</td>
    <td>${auditEntity(v, e)}</td>
  </tr>`,
  )}</tbody></table></div>`
}
${nextLink(v, list, { path: '/officer/audit', shown: items.length, nextCursor })}`,
        }),
      )
    },
  )
}
