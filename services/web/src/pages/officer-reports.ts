import type { FastifyPluginAsync } from 'fastify'
import { problemMessage } from '../forms.js'
import { type Html, html } from '../html.js'
import { messagePage, requireRole, seeOther, send } from '../http/respond.js'
import { formatDateTime, type MessageKey } from '../i18n/index.js'
import { page } from '../layout.js'
import type { View } from '../view.js'
import { auditControls } from './audit-list.js'
import { apiParams, nextLink, readList } from './paging.js'
import { KINDS, TOPICS } from './registry-types.js'
import { passFile } from './scheduling.js'

const STAGES = ['registered', 'verified', 'proposed', 'accepted', 'partnership', 'visitDone'] as const
type Stage = (typeof STAGES)[number]
type StageCounts = Record<Stage, number>
interface SideStats {
  side: 'duren' | 'jinhua'
  funnel: StageCounts
  byKind: (StageCounts & { kind: string | null })[]
  byTopic: (StageCounts & { topic: string; openInterests: number })[]
  byMunicipality: (StageCounts & { municipalityId: string | null })[]
}
interface RoundRow {
  id: string
  status: 'queued' | 'running' | 'done' | 'failed'
  policy: 'stable' | 'welfare'
  proposer: 'duren' | 'jinhua'
  summary: { proposals: number; interestsMatched: number } | null
  createdAt: string
  finishedAt: string | null
}
interface Overview {
  side: 'duren' | 'jinhua' | null
  institutions: { total: number; byStatus: Record<string, number> }
  interests: { total: number; byStatus: Record<string, number> }
  pendingVerification: number
  latestRounds: RoundRow[]
}
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

interface AuditEntry {
  /** The entity's name (institution, user, the two institutions of a proposal), when it has one. */
  entityLabel?: string | null
  id: string
  at: string
  actorLabel: string
  action: string
  entityType: string
  entityId: string | null
  requestId: string | null
}
interface Unit {
  id: string
  de: string
  en: string
  zh: string
}
type Regions = Record<'duren' | 'jinhua', { units: Unit[] }>

const SIDES = ['both', 'duren', 'jinhua'] as const
type SideChoice = (typeof SIDES)[number]

/**
 * A horizontal bar chart as inline SVG: no script, no styles (the CSP forbids inline ones), and
 * hidden from screen readers because the table next to it carries the same numbers.
 */
function barChart(rows: { label: string; value: number }[]): Html {
  const max = Math.max(1, ...rows.map((r) => r.value))
  const rowH = 26
  const labelW = 190
  const barW = 360
  const height = rows.length * rowH + 4
  return html`<svg class="chart" viewBox="0 0 ${labelW + barW + 60} ${height}" width="100%" aria-hidden="true" focusable="false">${rows.map(
    (r, i) => {
      const y = i * rowH + 2
      const w = Math.max(r.value > 0 ? 2 : 0, Math.round((r.value / max) * barW))
      return html`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="currentColor">${r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="#1d5e8c"></rect><text x="${labelW + w + 6}" y="${y + 17}" font-size="13" fill="currentColor">${r.value}</text>`
    },
  )}</svg>`
}

function stageTable(
  v: View,
  id: string,
  caption: string,
  head: string,
  rows: { label: string; counts: StageCounts; extra?: number }[],
  extraHead?: MessageKey,
): Html {
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table>
  <caption id="${id}">${caption}</caption>
  <thead><tr><th scope="col">${head}</th>${extraHead && html`<th scope="col" class="num">${v.t(extraHead)}</th>`}${STAGES.map((s) => html`<th scope="col" class="num">${v.t(`stage.${s}`)}</th>`)}</tr></thead>
  <tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label}</th>${extraHead && html`<td class="num">${r.extra ?? 0}</td>`}${STAGES.map((s) => html`<td class="num">${r.counts[s]}</td>`)}</tr>`,
  )}</tbody>
</table></div>`
}

function sideStats(v: View, s: SideStats, regions: Regions | null): Html {
  const p = `stats-${s.side}`
  const unitName = (id: string | null) => {
    if (!id) return v.t('stats.unknown')
    const u = regions?.[s.side].units.find((x) => x.id === id)
    return u ? (v.locale === 'zh' ? u.zh : v.locale === 'en' ? u.en : u.de) : id
  }
  const kindName = (k: string | null) =>
    k && (KINDS as readonly string[]).includes(k)
      ? v.t(`kind.${k as (typeof KINDS)[number]}`)
      : v.t('stats.unknown')
  const topicName = (t: string) =>
    (TOPICS as readonly string[]).includes(t) ? v.t(`topic.${t as (typeof TOPICS)[number]}`) : t
  const kinds = s.byKind.map((r) => ({ label: kindName(r.kind), counts: r }))
  const topics = s.byTopic.map((r) => ({ label: topicName(r.topic), counts: r, extra: r.openInterests }))
  const units = s.byMunicipality.map((r) => ({ label: unitName(r.municipalityId), counts: r }))
  return html`<section aria-labelledby="${p}-h">
<h2 id="${p}-h">${v.t(`side.${s.side}`)}</h2>
<figure>
  <figcaption id="${p}-funnel-cap"><h3 class="h3">${v.t('stats.funnel')}</h3></figcaption>
  ${barChart(STAGES.map((st) => ({ label: v.t(`stage.${st}`), value: s.funnel[st] })))}
</figure>
${stageTable(v, `${p}-funnel`, v.t('stats.funnelTable'), v.t('col.side'), [{ label: v.t(`side.${s.side}`), counts: s.funnel }])}
<figure>
  <figcaption><h3 class="h3">${v.t('stats.byKind')}</h3></figcaption>
  ${barChart(kinds.map((k) => ({ label: k.label, value: k.counts.registered })))}
  <p class="hint">${v.t('stats.chartShows')}</p>
</figure>
${stageTable(v, `${p}-kind`, v.t('stats.byKind'), v.t('inst.kind'), kinds)}
<figure>
  <figcaption><h3 class="h3">${v.t('stats.byTopic')}</h3></figcaption>
  ${barChart(topics.map((k) => ({ label: k.label, value: k.counts.registered })))}
  <p class="hint">${v.t('stats.chartShows')}</p>
</figure>
${stageTable(v, `${p}-topic`, v.t('stats.byTopic'), v.t('col.topic'), topics, 'stats.openInterests')}
<figure>
  <figcaption><h3 class="h3">${v.t('stats.byMunicipality')}</h3></figcaption>
  ${barChart(units.map((k) => ({ label: k.label, value: k.counts.registered })))}
  <p class="hint">${v.t('stats.chartShows')}</p>
</figure>
${stageTable(v, `${p}-unit`, v.t('stats.byMunicipality'), v.t('field.municipality'), units)}
</section>`
}

function exportLinks(v: View): Html {
  return html`<h2>${v.t('reports.exports')}</h2>
<ul>
  <li><a href="/officer/export/institutions.csv" download>${v.t('reports.exportInstitutions')}</a></li>
  <li><a href="/officer/export/partnerships.csv" download>${v.t('reports.exportPartnerships')}</a></li>
</ul>`
}

function reportNav(v: View): Html {
  return html`<nav aria-label="${v.t('reports.nav')}"><ul class="nav-list">
  <li><a href="/officer/overview">${v.t('reports.overview')}</a></li>
  <li><a href="/officer/stats">${v.t('stats.title')}</a></li>
  <li><a href="/officer/audit">${v.t('audit.title')}</a></li>
  <li><a href="/officer/rounds/past">${v.t('pastRounds.title')}</a></li>
</ul></nav>`
}

function roundsTable(v: View, rounds: RoundRow[], captionKey: MessageKey): Html {
  if (rounds.length === 0) return html`<p>${v.t('pastRounds.empty')}</p>`
  return html`<div class="table-scroll" role="region" aria-labelledby="rounds-caption" tabindex="0"><table>
  <caption id="rounds-caption">${v.t(captionKey)}</caption>
  <thead><tr><th scope="col">${v.t('round.started')}</th><th scope="col">${v.t('round.status')}</th><th scope="col">${v.t('field.policy')}</th><th scope="col" class="num">${v.t('pastRounds.proposals')}</th><th scope="col">${v.t('round.finished')}</th></tr></thead>
  <tbody>${rounds.map(
    (r) => html`<tr>
    <th scope="row"><a href="/officer/rounds/${r.id}"><time datetime="${r.createdAt}">${formatDateTime(v.locale, v.timeZone, r.createdAt)}</time></a></th>
    <td>${v.t(`roundStatus.${r.status}`)}</td>
    <td>${v.t(`policy.${r.policy}`)}</td>
    <td class="num">${r.summary?.proposals ?? ''}</td>
    <td>${r.finishedAt && html`<time datetime="${r.finishedAt}">${formatDateTime(v.locale, v.timeZone, r.finishedAt)}</time>`}</td>
  </tr>`,
  )}</tbody></table></div>`
}

const statusList = (v: View, counts: Record<string, number>, prefix: 'instStatus' | 'interestStatus') =>
  html`<ul class="plain">${Object.entries(counts).map(
    ([k, n]) => html`<li>${v.t(`${prefix}.${k as 'open'}` as MessageKey)}: <strong>${n}</strong></li>`,
  )}</ul>`

function sideChoice(v: View, query: unknown): SideChoice {
  const q = (query as { side?: unknown } | undefined)?.side
  if (typeof q === 'string' && (SIDES as readonly string[]).includes(q)) return q as SideChoice
  return v.me?.role === 'admin' ? 'both' : (v.me?.officerSide ?? 'both')
}

function sideForm(v: View, action: string, current: SideChoice, includeBoth: boolean): Html {
  return html`<form method="get" action="${action}" class="inline-form">
  <div class="field"><label for="f-side">${v.t('field.reportSide')}</label>
  <select id="f-side" name="side">${SIDES.filter((s) => includeBoth || s !== 'both').map(
    (s) =>
      html`<option value="${s}"${s === current ? html` selected` : ''}>${v.t(s === 'both' ? 'stats.bothSides' : `side.${s}`)}</option>`,
  )}</select></div>
  <button type="submit" class="secondary">${v.t('stats.show')}</button>
</form>`
}

let regionsCache: Promise<Regions | null> | undefined
function loadRegions(v: View): Promise<Regions | null> {
  if (!regionsCache) {
    regionsCache = v.api<Regions>('GET', '/v1/regions').then((r) => {
      if (!r.ok) regionsCache = undefined
      return r.ok ? r.data : null
    })
  }
  return regionsCache
}

export const officerReportPages: FastifyPluginAsync = async (app) => {
  const staff = ['officer', 'admin'] as const
  const failed = (
    v: View,
    reply: Parameters<typeof send>[0],
    problem: Parameters<typeof problemMessage>[0],
    status: number,
  ) =>
    status === 403
      ? messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
      : messagePage(v, reply, 'error.title', problemMessage(problem), status >= 500 ? 503 : 400)

  app.get('/officer/overview', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    const side = v.me?.role === 'admin' ? sideChoice(v, request.query) : undefined
    const qs = side && side !== 'both' ? `?side=${side}` : ''
    const res = await v.api<Overview>('GET', `/v1/officer/overview${qs}`)
    if (!res.ok) return failed(v, reply, res.problem, res.status)
    const o = res.data
    return send(
      reply,
      page(v, {
        title: v.t('reports.overview'),
        body: html`${reportNav(v)}
${side && sideForm(v, '/officer/overview', side, true)}
<p>${o.side ? v.t(`side.${o.side}`) : v.t('stats.bothSides')}</p>
<div class="cards">
<section class="card" aria-labelledby="ov-inst"><h2 id="ov-inst" class="h3">${v.t('reports.institutions', { n: o.institutions.total })}</h2>${statusList(v, o.institutions.byStatus, 'instStatus')}</section>
<section class="card" aria-labelledby="ov-int"><h2 id="ov-int" class="h3">${v.t('reports.interests', { n: o.interests.total })}</h2>${statusList(v, o.interests.byStatus, 'interestStatus')}</section>
<section class="card" aria-labelledby="ov-queue"><h2 id="ov-queue" class="h3">${v.t('reports.pending', { n: o.pendingVerification })}</h2><p><a href="/officer/queue">${v.t('nav.queue')}</a></p></section>
</div>
<h2>${v.t('reports.latestRounds')}</h2>
${roundsTable(v, o.latestRounds, 'reports.latestRounds')}
<p><a href="/officer/rounds">${v.t('rounds.new')}</a></p>
${exportLinks(v)}`,
      }),
    )
  })

  app.get('/officer/stats', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    const side = sideChoice(v, request.query)
    const [res, regions] = await Promise.all([
      v.api<{ sides: SideStats[] }>('GET', `/v1/officer/stats?side=${side}`),
      loadRegions(v),
    ])
    if (!res.ok) return failed(v, reply, res.problem, res.status)
    return send(
      reply,
      page(v, {
        title: v.t('stats.title'),
        body: html`${reportNav(v)}
<p>${v.t('stats.intro')}</p>
${sideForm(v, '/officer/stats', side, true)}
${res.data.sides.map((s) => sideStats(v, s, regions))}
${exportLinks(v)}`,
      }),
    )
  })

  for (const file of ['institutions', 'partnerships'] as const) {
    app.get(`/officer/export/${file}.csv`, async (request, reply) => {
      if (!requireRole(request, reply, [...staff])) return reply
      const v = request.view
      const side = (request.query as { side?: unknown }).side
      const qs = file === 'institutions' && (side === 'duren' || side === 'jinhua') ? `?side=${side}` : ''
      return passFile(v, reply, `/v1/officer/export/${file}.csv${qs}`, `${file}.csv`)
    })
  }

  app.get('/officer/audit', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    const list = readList(request.query, { sorts: [] })
    const res = await v.api<{ items: AuditEntry[]; nextCursor: string | null; total: number }>(
      'GET',
      `/v1/officer/audit?${apiParams(list, 50)}`,
    )
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
  })

  app.get('/officer/rounds/past', async (request, reply) => {
    if (!requireRole(request, reply, [...staff])) return reply
    const v = request.view
    const c = (request.query as { cursor?: unknown }).cursor
    const cursor = typeof c === 'string' && /^[0-9a-f-]{36}$/i.test(c) ? c : undefined
    const res = await v.api<{ items: RoundRow[]; nextCursor: string | null }>(
      'GET',
      `/v1/officer/rounds?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
    )
    if (!res.ok) return failed(v, reply, res.problem, res.status)
    return send(
      reply,
      page(v, {
        title: v.t('pastRounds.title'),
        body: html`${reportNav(v)}
${roundsTable(v, res.data.items, 'pastRounds.caption')}
${res.data.nextCursor && html`<p><a href="/officer/rounds/past?cursor=${res.data.nextCursor}">${v.t('pager.older')}</a></p>`}
<p><a href="/officer/rounds">${v.t('rounds.new')}</a></p>`,
      }),
    )
  })
}
