import { csrfField } from '../forms.js'
import { type Html, html } from '../html.js'
import { formatPercent } from '../i18n/index.js'
import type { View } from '../view.js'
import { apiParams, filterField, type ListState, listForm, nextLink, pager, readList } from './paging.js'
import type { ExplanationItem, Side } from './registry-types.js'
import { whyList } from './render.js'

export interface RoundProposal {
  id: string
  status: 'open' | 'accepted' | 'confirmed' | 'declined' | 'expired'
  score: number | null
  explanation: ExplanationItem[]
  expiresAt: string | null
  a: { institution: { id: string; name: string; side: Side }; interestId: string }
  b: { institution: { id: string; name: string; side: Side }; interestId: string }
}
export interface RoundProposalPage {
  items: RoundProposal[]
  nextCursor: string | null
  total: number
}

/** Rows per page: each carries its explanation, so pages stay light on old PCs and phones. */
export const ROUND_PAGE_SIZE = 25
const SORTS = ['score', 'duren', 'jinhua'] as const
const STATUSES = ['open', 'accepted', 'confirmed', 'declined', 'expired'] as const

export const readRoundList = (query: unknown) =>
  readList(query, { sorts: SORTS, filters: { status: STATUSES } })

export const roundProposalsPath = (roundId: string, s: ListState) =>
  `/v1/officer/rounds/${roundId}/proposals?${apiParams(s, ROUND_PAGE_SIZE)}`

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
