import {
  FUNNEL_STAGES,
  INSTITUTION_KINDS as KINDS,
  listRegions,
  type Overview,
  type Regions,
  type Round,
  SIDES as SIDE_NAMES,
  type SideStats,
  type StageCounts,
  TOPICS,
} from '@dj/contracts'
import { formatDateTime, formatNumber, formatPercent } from '@dj/intl'
import { problemMessage } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { messagePage, type send } from '../../http/respond.js'
import type { MessageKey } from '../../i18n/index.js'
import type { View } from '../../view.js'

export const STAGES = FUNNEL_STAGES
export type { Overview, Regions, SideStats }
/** A round as the reports list it (GET /v1/officer/rounds, the overview's latest rounds). */
export type RoundRow = Round

export const SIDES = ['both', ...SIDE_NAMES] as const
export type SideChoice = (typeof SIDES)[number]

/**
 * A horizontal bar chart as inline SVG: no script, no styles (the CSP forbids inline ones), and
 * hidden from screen readers because the table next to it carries the same numbers.
 */
export function barChart(rows: { label: string; value: number }[]): Html {
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

export function stageTable(
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

export function sideStats(v: View, s: SideStats, regions: Regions | null): Html {
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
${reportOutcomesTable(v, `${p}-reports`, s.reports)}
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

/** The reports after visits: how many came back and what they say (issue 13). */
export function reportOutcomesTable(v: View, id: string, r: SideStats['reports']): Html {
  const none = v.t('reportStats.none')
  const pct = (x: number | null) => (x === null ? none : formatPercent(v.locale, x))
  const rows: [MessageKey, string][] = [
    ['reportStats.opened', formatNumber(v.locale, r.opened)],
    ['reportStats.filed', formatNumber(v.locale, r.filed)],
    ['reportStats.overdue', formatNumber(v.locale, r.overdue)],
    ['reportStats.completionRate', pct(r.completionRate)],
    [
      'reportStats.averageRating',
      r.averageRating === null ? none : formatNumber(v.locale, r.averageRating, 1),
    ],
    ['reportStats.wouldRepeat', pct(r.wouldRepeatShare)],
    ['reportStats.aimsAchieved', formatNumber(v.locale, r.aims.achieved)],
    ['reportStats.aimsPartly', formatNumber(v.locale, r.aims.partly)],
    ['reportStats.aimsNot', formatNumber(v.locale, r.aims.not)],
    ['reportStats.aimsAchievedShare', pct(r.aimsAchievedShare)],
  ]
  return html`<h3 class="h3">${v.t('reportStats.title')}</h3>
<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table>
  <caption id="${id}">${v.t('reportStats.caption')}</caption>
  <thead><tr><th scope="col">${v.t('reportStats.measure')}</th><th scope="col" class="num">${v.t('reportStats.value')}</th></tr></thead>
  <tbody>${rows.map(([k, x]) => html`<tr><th scope="row">${v.t(k)}</th><td class="num">${x}</td></tr>`)}</tbody>
</table></div>`
}

export function exportLinks(v: View): Html {
  return html`<h2>${v.t('reports.exports')}</h2>
<ul>
  <li><a href="/officer/export/institutions.csv" download>${v.t('reports.exportInstitutions')}</a></li>
  <li><a href="/officer/export/partnerships.csv" download>${v.t('reports.exportPartnerships')}</a></li>
  <li><a href="/officer/export/reports.csv" download>${v.t('reports.exportReports')}</a></li>
</ul>`
}

export function reportNav(v: View): Html {
  return html`<nav aria-label="${v.t('reports.nav')}"><ul class="nav-list">
  <li><a href="/officer/overview">${v.t('reports.overview')}</a></li>
  <li><a href="/officer/stats">${v.t('stats.title')}</a></li>
  <li><a href="/officer/audit">${v.t('audit.title')}</a></li>
  <li><a href="/officer/rounds/past">${v.t('pastRounds.title')}</a></li>
</ul></nav>`
}

export function roundsTable(v: View, rounds: RoundRow[], captionKey: MessageKey): Html {
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

export const statusList = (
  v: View,
  counts: Record<string, number>,
  prefix: 'instStatus' | 'interestStatus',
) =>
  html`<ul class="plain">${Object.entries(counts).map(
    ([k, n]) => html`<li>${v.t(`${prefix}.${k as 'open'}` as MessageKey)}: <strong>${n}</strong></li>`,
  )}</ul>`

export function sideChoice(v: View, query: unknown): SideChoice {
  const q = (query as { side?: unknown } | undefined)?.side
  if (typeof q === 'string' && (SIDES as readonly string[]).includes(q)) return q as SideChoice
  return v.me?.role === 'admin' ? 'both' : (v.me?.officerSide ?? 'both')
}

export function sideForm(v: View, action: string, current: SideChoice, includeBoth: boolean): Html {
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
export function loadRegions(v: View): Promise<Regions | null> {
  if (!regionsCache) {
    regionsCache = v.call(listRegions).then((r) => {
      if (!r.ok) regionsCache = undefined
      return r.ok ? r.data : null
    })
  }
  return regionsCache
}

/** The page for a report the API would not give: 403 stays 403, the rest "try again". */
export const failed = (
  v: View,
  reply: Parameters<typeof send>[0],
  problem: Parameters<typeof problemMessage>[0],
  status: number,
) =>
  status === 403
    ? messagePage(v, reply, 'forbidden.title', 'forbidden.body', 403)
    : messagePage(v, reply, 'error.title', problemMessage(problem), status >= 500 ? 503 : 400)

/** Who may read the reports: the offices, and admins for both sides. */
export const STAFF = ['officer', 'admin'] as const
