import { type listRoundProposals, PROPOSAL_STATUSES, type ResponseOf } from '@dj/contracts'
import { csrfField } from '../../components/forms.js'
import { whyList } from '../../components/institution.js'
import { filterField, type ListState, listForm, nextLink, pager, readList } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { formatPercent } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { oneOf, pageOfList } from './list-query.js'

export type RoundProposalPage = ResponseOf<typeof listRoundProposals>

/** Rows per page: each carries its explanation, so pages stay light on old PCs and phones. */
export const ROUND_PAGE_SIZE = 25
const SORTS = ['score', 'duren', 'jinhua'] as const
/** The statuses a round's proposals are filtered by. */
export const ROUND_STATUSES = PROPOSAL_STATUSES
const STATUSES = ROUND_STATUSES

export const readRoundList = (query: unknown) =>
  readList(query, { sorts: SORTS, filters: { status: STATUSES } })

export const roundProposalsQuery = (s: ListState) => ({
  ...pageOfList(s, ROUND_PAGE_SIZE),
  sort: oneOf(SORTS, s.sort),
  status: oneOf(STATUSES, s.filters['status']),
})

/** A finished round's proposals: search by name, sort, filter by status, page through all of them. */
export function roundProposals(v: View, roundId: string, s: ListState, data: RoundProposalPage): Html {
  const path = `/officer/rounds/${roundId}`
  const side = v.me?.role === 'officer' ? v.me.officerSide : null
  const back = `${path}${v.here.includes('?') ? v.here.slice(v.here.indexOf('?')) : ''}`
  return html`<h2 id="round-proposals">${v.t('round.proposals')}</h2>
${listForm(v, s, {
  path,
  id: 'rp',
  searchLabel: 'list.searchInstitution',
  sorts: [
    ['score', 'list.sortScore'],
    ['duren', 'list.sortDuren'],
    ['jinhua', 'list.sortJinhua'],
  ],
  fields: filterField(v, s, {
    id: 'rp',
    name: 'status',
    label: 'col.status',
    options: STATUSES.map((st) => [st, v.t(`proposalStatus.${st}`)]),
  }),
})}
${pager(v, s, { path, total: data.total, shown: data.items.length, nextCursor: data.nextCursor, label: v.t('round.proposals') })}
${
  data.items.length > 0 &&
  html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('round.proposals')}</caption>
  <thead><tr><th scope="col">${v.t('side.duren')}</th><th scope="col">${v.t('side.jinhua')}</th><th scope="col">${v.t('col.score')}</th><th scope="col">${v.t('col.status')}</th><th scope="col">${v.t('col.why')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
  <tbody>${data.items.map((p) => {
    const duren = p.a.institution.side === 'duren' ? p.a : p.b
    const jinhua = p.a.institution.side === 'duren' ? p.b : p.a
    return html`<tr>
    <th scope="row"><a href="/institutions/${duren.institution.id}">${duren.institution.name}</a></th>
    <td><a href="/institutions/${jinhua.institution.id}">${jinhua.institution.name}</a></td>
    <td>${p.score === null ? '' : formatPercent(v.locale, p.score)}</td>
    <td><a href="/proposals/${p.id}">${v.t(`proposalStatus.${p.status}`)}</a></td>
    <td>${whyList(v, p.explanation)}</td>
    <td>${
      p.status === 'accepted' &&
      side &&
      html`<form method="post" action="/officer/proposals/${p.id}/confirm">${csrfField(v)}
      <input type="hidden" name="back" value="${back}">
      <button type="submit" class="small">${v.t('round.confirm')}</button></form>`
    }</td>
  </tr>`
  })}</tbody></table></div>`
}
${nextLink(v, s, { path, shown: data.items.length, nextCursor: data.nextCursor })}`
}
