import {
  listAwaitingConfirmation,
  listImports,
  listOfficerInstitutions,
  type OfficerProposal,
  officerWork,
  PROPOSAL_ORIGINS,
  type ResponseOf,
  SIDES,
  type SideWork,
} from '@dj/contracts'
import { formatDateTime, formatNumber, formatPercent } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { csrfField, problemMessage } from '../../components/forms.js'
import { filterField, type ListState, listForm, pager, readList } from '../../components/paging.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { noticeOf, reader, seeOther, send } from '../../http/respond.js'
import { ListQuery, OneOf } from '../../http/schemas.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { oneOf, pageOfList } from './list-query.js'
import { PARTNERSHIPS_PATH } from './partnerships.js'
import { actionsFor } from './queue.js'

const PAGE_SIZE = 20
const PATH = '/officer/work'
const ORIGINS = PROPOSAL_ORIGINS
const SORTS = ['waiting', 'score'] as const
const readWork = (query: unknown) => readList(query, { sorts: SORTS, filters: { origin: ORIGINS } })

/** The counts as links, for the work list and the dashboard. */
export function workCounts(v: View, w: SideWork, heading: 'h2' | 'h3' = 'h2'): Html {
  const n = (x: number) => formatNumber(v.locale, x)
  const title = v.t('work.sideTitle', { side: v.t(`side.${w.side}`) })
  return html`${heading === 'h2' ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<ul class="work-counts">
  <li><a href="/officer/queue?status=pending" data-count="institutions">${v.t('work.toVerify', { count: n(w.institutionsToVerify) })}</a></li>
  <li><a href="${PATH}#confirm" data-count="proposals">${v.t('work.toConfirm', {
    count: n(w.proposalsToConfirm.total),
    rounds: n(w.proposalsToConfirm.fromRounds),
    interest: n(w.proposalsToConfirm.fromInterest),
  })}</a></li>
  <li><a href="${PATH}#imports" data-count="imports">${v.t('work.importProblems', { count: n(w.importsWithProblems) })}</a></li>
</ul>`
}

const originLabel = (v: View, p: OfficerProposal) =>
  v.t(p.origin === 'round' ? 'work.originRound' : 'work.originInterest')

function confirmTable(v: View, s: ListState, data: ResponseOf<typeof listAwaitingConfirmation>): Html {
  const mine = v.me?.role === 'officer' ? v.me.officerSide : null
  const back = v.here.split('#')[0] ?? PATH
  return html`<h2 id="confirm">${v.t('work.confirmTitle')}</h2>
<p>${v.t('work.confirmIntro')}</p>
${listForm(v, s, {
  path: PATH,
  id: 'work',
  searchLabel: 'list.searchInstitution',
  sorts: [
    ['waiting', 'list.sortWaiting'],
    ['score', 'list.sortScore'],
  ],
  fields: filterField(v, s, {
    id: 'work',
    name: 'origin',
    label: 'work.origin',
    options: [
      ['round', v.t('work.originRound')],
      ['expressed', v.t('work.originInterest')],
    ],
  }),
})}
${pager(v, s, { path: PATH, total: data.total, shown: data.items.length, nextCursor: data.nextCursor, label: v.t('work.confirmTitle') })}
${
  data.items.length > 0 &&
  table({
    id: 'confirm-caption',
    caption: v.t('work.confirmTitle'),
    hiddenCaption: true,
    columns: [
      v.t('side.duren'),
      v.t('side.jinhua'),
      v.t('work.origin'),
      v.t('work.waitingSince'),
      v.t('work.confirmations'),
      v.t('col.actions'),
    ],
    rows: data.items.map((p) => {
      const since = p.decidedAt ?? p.createdAt
      const confirmed = SIDES.filter((x) => p[x].confirmed)
      return html`<tr>
    <th scope="row"><a href="/proposals/${p.id}">${p.duren.institution.name}</a></th>
    <td><a href="/proposals/${p.id}">${p.jinhua.institution.name}</a></td>
    <td>${originLabel(v, p)}${p.score !== null && html` · ${formatPercent(v.locale, p.score)}`}</td>
    <td><time datetime="${since}">${formatDateTime(v.locale, v.timeZone, since)}</time></td>
    <td>${confirmed.length === 0 ? v.t('work.confirmedNone') : confirmed.map((x) => v.t(`side.${x}`)).join(', ')}</td>
    <td>${
      mine && !p[mine].confirmed
        ? html`<form method="post" action="/officer/proposals/${p.id}/confirm">${csrfField(v)}
      <input type="hidden" name="back" value="${back}">
      <button type="submit" class="small" aria-label="${v.t('round.confirm')}: ${p.duren.institution.name} – ${p.jinhua.institution.name}">${v.t('round.confirm')}</button></form>`
        : html`<a href="/proposals/${p.id}">${v.t('work.view')}</a>`
    }</td>
  </tr>`
    }),
  })
}`
}

function verifyList(v: View, pending: ResponseOf<typeof listOfficerInstitutions>): Html {
  return html`<h2 id="verify">${v.t('work.verifyTitle')}</h2>
${
  pending.total === 0
    ? html`<p>${v.t('queue.empty')}</p>`
    : html`${table({
        id: 'verify-caption',
        caption: v.t('work.verifyTitle'),
        hiddenCaption: true,
        columns: [v.t('col.instName'), v.t('col.side'), v.t('col.created'), v.t('col.actions')],
        rows: pending.items.map(
          (i, row) => html`<tr><th scope="row"><a href="/institutions/${i.id}">${i.name}</a></th>
    <td>${v.t(`side.${i.side}`)}</td>
    <td>${i.createdAt && html`<time datetime="${i.createdAt}">${formatDateTime(v.locale, v.timeZone, i.createdAt)}</time>`}</td>
    <td>${actionsFor(v, i, 'pending', { back: PATH, row })}</td></tr>`,
        ),
      })}
<p><a class="button secondary" href="/officer/queue?status=pending">${v.t('work.openQueue', { count: formatNumber(v.locale, pending.total) })}</a></p>`
}`
}

function importList(v: View, imports: ResponseOf<typeof listImports>): Html {
  return html`<h2 id="imports">${v.t('work.importsTitle')}</h2>
${
  imports.total === 0
    ? html`<p>${v.t('work.importsNone')}</p>`
    : html`<ul>${imports.items.map(
        (i) =>
          html`<li><a href="/officer/imports/${i.id}">${i.fileName ?? v.t('work.importUnnamed')}</a> – <time datetime="${i.createdAt}">${formatDateTime(v.locale, v.timeZone, i.createdAt)}</time>: ${
            i.status === 'failed'
              ? v.t('work.importFailed')
              : v.t('work.importRows', {
                  failed: formatNumber(v.locale, i.failed),
                  total: formatNumber(v.locale, i.total),
                })
          }</li>`,
      )}</ul>`
}`
}

/** One page per office with everything that waits for it (admins see both offices, read only). */
export const officerWorkPages: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    PATH,
    {
      config: { access: ['officer', 'admin'] },
      schema: { querystring: ListQuery({ origin: OneOf(ORIGINS) }) },
    },
    async (request, reply) => {
      const me = reader(request.view)
      const v = request.view
      const s = readWork(request.query)
      const [work, confirm, pending, imports] = await Promise.all([
        v.call(officerWork),
        v.call(listAwaitingConfirmation, {
          query: {
            ...pageOfList(s, PAGE_SIZE),
            sort: oneOf(SORTS, s.sort),
            origin: oneOf(ORIGINS, s.filters['origin']),
          },
        }),
        v.call(listOfficerInstitutions, { query: { status: 'pending', limit: 5 } }),
        v.call(listImports, { query: { problems: true, limit: 10 } }),
      ])
      if (!confirm.ok && confirm.status === 400) return seeOther(reply, PATH)
      const failed = [work, confirm, pending, imports].find((r) => !r.ok)
      const error: MessageKey | undefined = failed && !failed.ok ? problemMessage(failed.problem) : undefined
      const empty = { items: [], nextCursor: null, total: 0 }
      const body = html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t(me.role === 'admin' ? 'work.introAdmin' : 'work.intro')}</p>
${work.ok && work.data.sides.map((w) => workCounts(v, w))}
<p><a href="${PARTNERSHIPS_PATH}">${v.t('partnerList.link')}</a></p>
${verifyList(v, pending.ok ? pending.data : empty)}
${confirmTable(v, s, confirm.ok ? confirm.data : empty)}
${importList(v, imports.ok ? imports.data : empty)}`
      return send(
        reply,
        page(v, { title: v.t('work.title'), notice: noticeOf(request.query), body }),
        error ? 503 : 200,
      )
    },
  )
}
