import {
  type ImpactSide,
  INSTITUTION_KINDS as KINDS,
  LOCALES,
  type Locale,
  listRegions,
  publicImpact,
  type Regions,
  TOPICS,
} from '@dj/contracts'
import { formatNumber } from '@dj/intl'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { refusalPage } from '../../components/api-page.js'
import { type Html, html } from '../../html.js'
import { send } from '../../http/respond.js'
import { Query } from '../../http/schemas.js'
import { LANG_TAG } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { pageNav } from './pages.js'
import { HREFLANG } from './seo.js'

/**
 * Public impact figures (issue 14, item 4): the API's counts with small ones already hidden (null),
 * drawn as bar charts in inline SVG on the server (no script, nothing from another host), each
 * with a table of the same figures, which is what screen readers and copy-paste get.
 */

export const impactPath = (locale: Locale) => `/${locale}/impact`

type Cell = number | null
type Row = ImpactSide['byKind'][number] & { participants?: Cell }
const MEASURES = ['institutions', 'partnerships', 'visits'] as const
/** #1d5e8c on white: contrast 7.0:1; the labels use the text colour. */
const BAR = '#1d5e8c'

const cell = (v: View, n: Cell) => (n === null ? v.t('impact.suppressed') : formatNumber(v.locale, n))

/** One measure as horizontal bars; a hidden count draws no bar, only "< 5". */
export function impactChart(v: View, title: string, rows: { label: string; value: Cell }[]): Html {
  const max = Math.max(1, ...rows.map((r) => r.value ?? 0))
  const rowH = 26
  const labelW = 200
  const barW = 340
  const height = rows.length * rowH + 4
  const alt = v.t('impact.chartAlt', { title })
  return html`<svg class="chart" viewBox="0 0 ${labelW + barW + 70} ${height}" width="100%" role="img" aria-label="${alt}"><title>${alt}</title>${rows.map(
    (r, i) => {
      const y = i * rowH + 2
      const w = r.value ? Math.max(2, Math.round((r.value / max) * barW)) : 0
      const label = r.label.length > 28 ? `${r.label.slice(0, 27)}…` : r.label
      return html`<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="currentColor">${label}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="${rowH - 8}" fill="${BAR}"></rect><text x="${labelW + w + 6}" y="${y + 17}" font-size="13" fill="currentColor" data-value="${r.value ?? 'suppressed'}">${cell(v, r.value)}</text>`
    },
  )}</svg>`
}

function impactTable(
  v: View,
  id: string,
  caption: string,
  head: string,
  rows: { label: string; row: Row }[],
  withParticipants: boolean,
): Html {
  const cols = withParticipants ? [...MEASURES, 'participants' as const] : MEASURES
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table>
  <caption id="${id}">${caption}</caption>
  <thead><tr><th scope="col">${head}</th>${cols.map((m) => html`<th scope="col" class="num">${v.t(`impact.measure.${m}`)}</th>`)}</tr></thead>
  <tbody>${rows.map(
    (r) =>
      html`<tr><th scope="row">${r.label}</th>${cols.map((m) => html`<td class="num" data-value="${r.row[m] ?? 'suppressed'}">${cell(v, r.row[m] ?? null)}</td>`)}</tr>`,
  )}</tbody>
</table></div>`
}

function breakdown(
  v: View,
  id: string,
  title: string,
  head: string,
  rows: { label: string; row: Row }[],
  withParticipants = false,
): Html {
  if (rows.length === 0) return html`<h3 class="h3">${title}</h3><p>${v.t('impact.none')}</p>`
  return html`<figure>
  <figcaption><h3 class="h3">${title}</h3></figcaption>
  ${impactChart(
    v,
    `${title} · ${v.t('impact.measure.institutions')}`,
    rows.map((r) => ({ label: r.label, value: r.row.institutions })),
  )}
</figure>
${impactTable(v, id, title, head, rows, withParticipants)}`
}

function sideSection(v: View, s: ImpactSide, regions: Regions | null): Html {
  const p = `impact-${s.side}`
  const unknown = v.t('impact.unknown')
  const unitName = (id: string | null) => {
    if (!id) return unknown
    const u = regions?.[s.side].units.find((x) => x.id === id)
    return u ? (v.locale === 'zh' ? u.zh : v.locale === 'en' ? u.en : u.de) : id
  }
  const kindName = (k: string | null) =>
    k && (KINDS as readonly string[]).includes(k) ? v.t(`kind.${k as (typeof KINDS)[number]}`) : unknown
  const topicName = (t: string) =>
    (TOPICS as readonly string[]).includes(t) ? v.t(`topic.${t as (typeof TOPICS)[number]}`) : t
  const totals = { key: null, ...s.totals }
  return html`<section aria-labelledby="${p}-h">
<h2 id="${p}-h">${v.t(`side.${s.side}`)}</h2>
${impactTable(v, `${p}-totals`, v.t('impact.totals'), v.t('impact.col.side'), [{ label: v.t(`side.${s.side}`), row: totals }], true)}
${breakdown(
  v,
  `${p}-year`,
  v.t('impact.byYear'),
  v.t('impact.col.year'),
  s.byYear.map((r) => ({ label: r.key, row: r })),
  true,
)}
${breakdown(
  v,
  `${p}-kind`,
  v.t('impact.byKind'),
  v.t('impact.col.kind'),
  s.byKind.map((r) => ({ label: kindName(r.key), row: r })),
)}
${breakdown(
  v,
  `${p}-topic`,
  v.t('impact.byTopic'),
  v.t('impact.col.topic'),
  s.byTopic.map((r) => ({ label: topicName(r.key), row: r })),
)}
${breakdown(
  v,
  `${p}-place`,
  v.t('impact.byMunicipality'),
  v.t('impact.col.municipality'),
  s.byMunicipality.map((r) => ({ label: unitName(r.key), row: r })),
)}
</section>`
}

function impactHead(origin: string, locale: Locale, description: string): Html {
  const url = (l: Locale) => `${origin}${impactPath(l)}`
  return html`<meta name="description" content="${description}">
<link rel="canonical" href="${url(locale)}">
${LOCALES.map((l) => html`<link rel="alternate" hreflang="${HREFLANG[l]}" href="${url(l)}">\n`)}<link rel="alternate" hreflang="x-default" href="${url('de')}">`
}

export const impactPages: FastifyPluginAsyncTypebox<{ origin: string }> = async (app, options) => {
  for (const locale of LOCALES) {
    app.get(
      impactPath(locale),
      { config: { access: 'public' }, schema: { querystring: Query({}) } },
      async (request, reply) => {
        const v = request.view
        // As on the other public pages, the URL decides this page's language only.
        v.locale = locale
        const [res, regions] = await Promise.all([v.call(publicImpact), v.call(listRegions)])
        if (!res.ok) return refusalPage(v, reply, res)
        void reply.header('content-language', LANG_TAG[locale])
        return send(
          reply,
          page(v, {
            title: v.t('impact.title'),
            head: impactHead(options.origin, locale, v.t('impact.description')),
            body: html`${pageNav(v, locale, 'impact')}
<p>${v.t('impact.intro')}</p>
<p>${v.t('impact.suppressionNote')}</p>
<p>${v.t('impact.participantsNote')}</p>
${res.data.sides.map((s) => sideSection(v, s, regions.ok ? regions.data : null))}`,
          }),
        )
      },
    )
  }
}
