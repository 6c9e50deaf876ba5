import {
  listOfficerPartnerships,
  OFFICER_AGREEMENT_STATES,
  type OfficerPartnership,
  type ResponseOf,
  type Side,
} from '@dj/contracts'
import { formatDateTime } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemMessage } from '../../components/forms.js'
import { filterField, type ListState, listForm, pager, readList } from '../../components/paging.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { reader, seeOther, send } from '../../http/respond.js'
import { ListQuery, OneOf } from '../../http/schemas.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { checklistCell } from '../trip/workspace-section.js'
import { oneOf, pageOfList } from './list-query.js'

/**
 * The offices' list of partnerships with the state of their exchange agreement and who still
 * has to sign (issue 12, item 7). Officers see every partnership (each has one institution per
 * side) with their own side's institution first; "waiting for my office" keeps what waits for
 * their countersignature. Each row leads to the partnership's workspace, where the agreement is.
 */

export const PARTNERSHIPS_PATH = '/officer/partnerships'
const PAGE_SIZE = 25
const STATES = OFFICER_AGREEMENT_STATES
const WAITING = ['mine'] as const
const readPartnerships = (query: unknown) =>
  readList(query, { sorts: [], filters: { status: STATES, waiting: WAITING } })

/** Who still signs, in words: the institution (second signature marked), or a side's office. */
function pendingText(v: View, p: OfficerPartnership): string {
  return (p.agreement?.pending ?? [])
    .map((s) =>
      s.kind === 'officer'
        ? v.t('partnerList.slotOffice', { side: v.t(`side.${s.side}`) })
        : s.kind === 'second'
          ? v.t('partnerList.slotSecond', { institution: p[s.side].name })
          : p[s.side].name,
    )
    .join(', ')
}

function stateCell(v: View, p: OfficerPartnership): Html {
  const who = pendingText(v, p)
  return html`<span data-state="${p.status}">${v.t(`partnerList.state.${p.status}`)}</span>${
    p.agreement && html` · ${v.t('partnerList.version', { version: String(p.agreement.version) })}`
  }${
    // A renewed partnership's row is its newest agreement: say which one.
    p.agreement &&
    p.agreement.edition > 1 &&
    html` · ${v.t('renew.edition', { edition: p.agreement.edition })}`
  }${who && html`<br>${v.t('partnerList.waitingFor', { who })}`}`
}

function filters(v: View, s: ListState, admin: boolean): Html {
  const checked = s.filters['waiting'] === 'mine'
  return html`${filterField(v, s, {
    id: 'partnerships',
    name: 'status',
    label: 'partnerList.status',
    options: STATES.map((x) => [x, v.t(`partnerList.state.${x}`)]),
  })}
<div class="field radio"><input type="checkbox" id="partnerships-waiting" name="waiting" value="mine"${checked ? html` checked` : ''}>
  <label for="partnerships-waiting">${v.t(admin ? 'partnerList.waitingAny' : 'partnerList.waitingMine')}</label></div>`
}

function partnershipTable(
  v: View,
  s: ListState,
  data: ResponseOf<typeof listOfficerPartnerships>,
  first: Side,
): Html {
  const second: Side = first === 'duren' ? 'jinhua' : 'duren'
  const target = v.me?.role === 'admin' ? 'agreement' : 'workspace'
  return html`${pager(v, s, {
    path: PARTNERSHIPS_PATH,
    total: data.total,
    shown: data.items.length,
    nextCursor: data.nextCursor,
    label: v.t('partnerList.title'),
  })}
${
  data.items.length > 0 &&
  table({
    id: 'partnerships-caption',
    caption: v.t('partnerList.title'),
    hiddenCaption: true,
    columns: [
      v.t(`side.${first}`),
      v.t(`side.${second}`),
      v.t('partnerList.colAgreement'),
      v.t('trip.colChecklist'),
      v.t('partnerList.colChanged'),
      v.t('partnerList.colWorkspace'),
    ],
    // Admins do not open workspaces (the partners' correspondence); they read the agreement.
    rows: data.items.map(
      (p) => html`<tr data-partnership="${p.id}">
    <th scope="row">${p[first].name}</th>
    <td>${p[second].name}</td>
    <td>${stateCell(v, p)}</td>
    <td>${checklistCell(v, p)}</td>
    <td><time datetime="${p.lastChange}">${formatDateTime(v.locale, v.timeZone, p.lastChange)}</time></td>
    <td><a href="/partnerships/${p.id}/${target}" aria-label="${v.t('partnerList.open')}: ${p[first].name} – ${p[second].name}">${v.t('partnerList.open')}</a></td>
  </tr>`,
    ),
  })
}`
}

export const officerPartnershipPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    PARTNERSHIPS_PATH,
    {
      config: { access: ['officer', 'admin'] },
      schema: { querystring: ListQuery({ status: OneOf(STATES), waiting: OneOf(WAITING) }) },
    },
    async (request, reply) => {
      const me = reader(request.view)
      const v = request.view
      const s = readPartnerships(request.query)
      const res = await v.call(listOfficerPartnerships, {
        query: {
          ...pageOfList(s, PAGE_SIZE),
          status: oneOf(STATES, s.filters['status']),
          ...(s.filters['waiting'] === 'mine' ? { waitingForMyOffice: true } : {}),
        },
      })
      // A stale or foreign cursor: start again from the first page.
      if (!res.ok && res.status === 400) return seeOther(reply, PARTNERSHIPS_PATH)
      const admin = me.role === 'admin'
      const first: Side = v.me?.role === 'officer' && v.me.officerSide ? v.me.officerSide : 'duren'
      const empty = { items: [], nextCursor: null, total: 0 }
      const body = html`${!res.ok && html`<div class="error-summary" role="alert"><p>${v.t(problemMessage(res.problem))}</p></div>`}
<p>${v.t('partnerList.intro')}</p>
${listForm(v, s, {
  path: PARTNERSHIPS_PATH,
  id: 'partnerships',
  searchLabel: 'list.searchInstitution',
  fields: filters(v, s, admin),
})}
${partnershipTable(v, s, res.ok ? res.data : empty, first)}`
      return send(reply, page(v, { title: v.t('partnerList.title'), body }), res.ok ? 200 : 503)
    },
  )
}
