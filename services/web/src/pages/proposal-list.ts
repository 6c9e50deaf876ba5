import { type Html, html } from '../html.js'
import { formatDateTime, formatNumber } from '../i18n/index.js'
import type { View } from '../view.js'
import { apiParams, filterField, type ListState, listForm, nextLink, pager, readList } from './paging.js'
import type { Proposal } from './proposals.js'
import type { Institution, Interest } from './registry-types.js'
import { instName } from './render.js'

/** An expression of interest as GET /v1/interest-expressions answers it. */
export interface Expression {
  id: string
  direction: 'incoming' | 'outgoing'
  status: 'pending' | 'matched'
  createdAt: string
  proposalId: string | null
  own: { institution: { id: string; name: string }; interest: Interest }
  partner: { institution: Institution; interest: Interest }
  canAnswer: boolean
}
export interface ExpressionPage {
  items: Expression[]
  nextCursor: string | null
  total: number
}
export interface ProposalPage {
  items: Proposal[]
  nextCursor: string | null
  total: number
}
export interface ProposalList {
  state: ListState
  data: ProposalPage
  incoming: ExpressionPage
}

/** Cards per page: each shows the partner's profile, interest and explanation. */
const PAGE_SIZE = 10
const PATH = '/proposals'
export const INCOMING_PATH = '/v1/interest-expressions?direction=incoming&status=pending&limit=20'
export const emptyExpressions: ExpressionPage = { items: [], nextCursor: null, total: 0 }

export const readProposalList = (query: unknown) =>
  readList(query, {
    sorts: [],
    filters: { awaiting: ['true'], status: ['open', 'accepted', 'confirmed', 'declined', 'expired'] },
  })
export const proposalListPath = (s: ListState) => `/v1/proposals?${apiParams(s, PAGE_SIZE)}`

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
      options: (['open', 'accepted', 'confirmed', 'declined', 'expired'] as const).map((st) => [
        st,
        v.t(`proposalStatus.${st}`),
      ]),
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
