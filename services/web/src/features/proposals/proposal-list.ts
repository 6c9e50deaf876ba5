import {
  type Interest,
  type listExpressions,
  type listMyProposals,
  PROPOSAL_STATUSES,
  type ResponseOf,
} from '@dj/contracts'
import { instName } from '../../components/institution.js'
import { filterField, type ListState, listForm, nextLink, pager, readList } from '../../components/paging.js'
import { type Html, html } from '../../html.js'
import { formatDateTime, formatNumber } from '../../i18n/index.js'
import type { View } from '../../view.js'
import { oneOf, pageOfList } from '../officer/list-query.js'

export type ExpressionPage = ResponseOf<typeof listExpressions>
export type ProposalPage = ResponseOf<typeof listMyProposals>
export interface ProposalList {
  state: ListState
  data: ProposalPage
  incoming: ExpressionPage
  /** Unread partner messages per partnership id (only those with any). */
  unread: ReadonlyMap<string, number>
}

/** Cards per page: each shows the partner's profile, interest and explanation. */
const PAGE_SIZE = 10
const PATH = '/proposals'
/** The query of the incoming expressions waiting for an answer (above the proposals). */
export const INCOMING_QUERY = { direction: 'incoming', status: 'pending', limit: 20 } as const
export const emptyExpressions: ExpressionPage = { items: [], nextCursor: null, total: 0 }

export { PROPOSAL_STATUSES }
export const readProposalList = (query: unknown) =>
  readList(query, { sorts: [], filters: { awaiting: ['true'], status: PROPOSAL_STATUSES } })
export const proposalListQuery = (s: ListState) => ({
  ...pageOfList(s, PAGE_SIZE),
  awaiting: s.filters['awaiting'] === 'true' ? true : undefined,
  status: oneOf(PROPOSAL_STATUSES, s.filters['status']),
})

/** The formats of an interest, as the short label of "which interest". */
export const formatsOf = (v: View, i: Interest) => i.formats.map((f) => v.t(`format.${f}`)).join(', ')

/**
 * Institutions of the other side that expressed interest in one of mine and wait for an answer:
 * each links to its page, where "we are interested too" turns the pair into a proposal.
 */
export function incomingSection(v: View, incoming: ExpressionPage): Html {
  if (incoming.total === 0) return html``
  return html`<section class="callout" aria-labelledby="incoming-title">
  <h2 id="incoming-title">${v.t('expressions.incomingTitle', { count: formatNumber(v.locale, incoming.total) })}</h2>
  <p>${v.t('expressions.incomingIntro')}</p>
  <ul class="plain">${incoming.items.map(
    (e) =>
      html`<li><a href="/interest-expressions/${e.id}">${instName(v, e.partner.institution)}</a> – ${v.t(
        'expressions.forInterest',
        { formats: formatsOf(v, e.own.interest), institution: e.own.institution.name },
      )} (<time datetime="${e.createdAt}">${formatDateTime(v.locale, v.timeZone, e.createdAt)}</time>)</li>`,
  )}</ul>
</section>`
}

export function proposalControls(v: View, s: ListState, data: ProposalPage): Html {
  return html`${listForm(v, s, {
    path: PATH,
    id: 'proposals',
    fields: html`${filterField(v, s, {
      id: 'proposals',
      name: 'awaiting',
      label: 'proposals.show',
      options: [['true', v.t('proposals.showAwaiting')]],
    })}${filterField(v, s, {
      id: 'proposals',
      name: 'status',
      label: 'col.status',
      options: PROPOSAL_STATUSES.map((st) => [st, v.t(`proposalStatus.${st}`)]),
    })}`,
  })}
${proposalPager(v, s, data)}`
}

/** The link to the next page below the cards. */
export const proposalNext = (v: View, s: ListState, data: ProposalPage) =>
  nextLink(v, s, { path: PATH, shown: data.items.length, nextCursor: data.nextCursor })

const proposalPager = (v: View, s: ListState, data: ProposalPage) =>
  pager(v, s, {
    path: PATH,
    total: data.total,
    shown: data.items.length,
    nextCursor: data.nextCursor,
    label: v.t('proposals.listTitle'),
  })
