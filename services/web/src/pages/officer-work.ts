import type { FastifyPluginAsync } from 'fastify'
import { csrfField, problemMessage } from '../forms.js'
import { type Html, html } from '../html.js'
import { noticeOf, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, formatNumber, formatPercent, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import { actionsFor } from './officer.js'
import { apiParams, filterField, type ListState, listForm, pager, readList } from './paging.js'
import type { Institution, Side } from './registry-types.js'

/** What waits for one office (GET /v1/officer/work). */
export interface SideWork {
  side: Side
  institutionsToVerify: number
  proposalsToConfirm: { total: number; fromRounds: number; fromInterest: number }
  importsWithProblems: number
}

interface Party {
  institution: { id: string; name: string; side: Side }
  answer: 'accept' | 'decline' | null
  confirmed: boolean
}
export interface OfficerProposal {
  id: string
  origin: 'round' | 'expressed'
  roundId: string | null
  status: 'open' | 'accepted' | 'confirmed' | 'declined' | 'expired'
  score: number | null
  createdAt: string
  decidedAt: string | null
  duren: Party
  jinhua: Party
  partnershipId: string | null
}
interface ImportSummary {
  id: string
  side: Side
  status: 'queued' | 'running' | 'done' | 'failed'
  fileName: string | null
  total: number
  failed: number
  createdAt: string
}
interface Paged<T> {
  items: T[]
  nextCursor: string | null
  total: number
}

const PAGE_SIZE = 20
const PATH = '/officer/work'
const readWork = (query: unknown) =>
  readList(query, { sorts: ['waiting', 'score'], filters: { origin: ['round', 'expressed'] } })

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

function confirmTable(v: View, s: ListState, data: Paged<OfficerProposal>): Html {
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
  html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('work.confirmTitle')}</caption>
  <thead><tr><th scope="col">${v.t('side.duren')}</th><th scope="col">${v.t('side.jinhua')}</th><th scope="col">${v.t('work.origin')}</th><th scope="col">${v.t('work.waitingSince')}</th><th scope="col">${v.t('work.confirmations')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
  <tbody>${data.items.map((p) => {
    const since = p.decidedAt ?? p.createdAt
    const confirmed = (['duren', 'jinhua'] as const).filter((x) => p[x].confirmed)
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
  })}</tbody></table></div>`
}`
}

function verifyList(v: View, pending: Paged<Institution>): Html {
  return html`<h2 id="verify">${v.t('work.verifyTitle')}</h2>
${
  pending.total === 0
    ? html`<p>${v.t('queue.empty')}</p>`
    : html`<div class="table-scroll"><table>
  <caption class="visually-hidden">${v.t('work.verifyTitle')}</caption>
  <thead><tr><th scope="col">${v.t('col.instName')}</th><th scope="col">${v.t('col.side')}</th><th scope="col">${v.t('col.created')}</th><th scope="col">${v.t('col.actions')}</th></tr></thead>
  <tbody>${pending.items.map(
    (i) => html`<tr><th scope="row"><a href="/institutions/${i.id}">${i.name}</a></th>
    <td>${v.t(`side.${i.side}`)}</td>
    <td>${i.createdAt && html`<time datetime="${i.createdAt}">${formatDateTime(v.locale, v.timeZone, i.createdAt)}</time>`}</td>
    <td>${actionsFor(v, i, 'pending', PATH)}</td></tr>`,
  )}</tbody></table></div>
<p><a class="button secondary" href="/officer/queue?status=pending">${v.t('work.openQueue', { count: formatNumber(v.locale, pending.total) })}</a></p>`
}`
}

function importList(v: View, imports: Paged<ImportSummary>): Html {
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
export const officerWorkPages: FastifyPluginAsync = async (app) => {
  app.get(PATH, async (request, reply) => {
    const me = requireRole(request, reply, ['officer', 'admin'])
    if (!me) return reply
    const v = request.view
    const s = readWork(request.query)
    const [work, confirm, pending, imports] = await Promise.all([
      v.api<{ sides: SideWork[] }>('GET', '/v1/officer/work'),
      v.api<Paged<OfficerProposal>>('GET', `/v1/officer/proposals?${apiParams(s, PAGE_SIZE)}`),
      v.api<Paged<Institution>>('GET', '/v1/officer/institutions?status=pending&limit=5'),
      v.api<Paged<ImportSummary>>('GET', '/v1/officer/imports?problems=true&limit=10'),
    ])
    if (!confirm.ok && confirm.status === 400) return seeOther(reply, PATH)
    const failed = [work, confirm, pending, imports].find((r) => !r.ok)
    const error: MessageKey | undefined = failed && !failed.ok ? problemMessage(failed.problem) : undefined
    const empty = { items: [], nextCursor: null, total: 0 }
    const body = html`${error && html`<div class="error-summary" role="alert"><p>${v.t(error)}</p></div>`}
<p>${v.t(me.role === 'admin' ? 'work.introAdmin' : 'work.intro')}</p>
${work.ok && work.data.sides.map((w) => workCounts(v, w))}
${verifyList(v, pending.ok ? pending.data : empty)}
${confirmTable(v, s, confirm.ok ? confirm.data : empty)}
${importList(v, imports.ok ? imports.data : empty)}`
    return send(
      reply,
      page(v, { title: v.t('work.title'), notice: noticeOf(request.query), body }),
      error ? 503 : 200,
    )
  })
}
