import type { TripFunding, TripFundingProgramme } from '@dj/contracts'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { formatDate, formatNumber, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { langOf, nameIn } from './catalogue.js'
import { reasonText } from './reasons.js'

export const fundingPath = (partnershipId: string, tripId: string) =>
  `/partnerships/${partnershipId}/trips/${tripId}/funding`

const euros = (v: View, n: number) => `${formatNumber(v.locale, n, 2)} €`

function budgetTable(v: View, p: TripFundingProgramme): Html {
  const b = p.budget
  if (b.lines.length === 0) return html`<p>${v.t('funding.noRates')}</p>`
  const name = (l: (typeof b.lines)[number]) =>
    `${v.t(`funding.item.${l.item}` as MessageKey)}${l.label ? `: ${nameIn(v, l.label)}` : ''}`
  return table({
    id: `budget-${p.slug}`,
    caption: v.t('funding.budgetCaption', { name: nameIn(v, p.name) }),
    columns: [
      v.t('funding.col.item'),
      v.t('funding.col.quantity'),
      v.t('funding.col.rate'),
      v.t('funding.col.amount'),
    ],
    rows: html`${b.lines.map(
      (l) => html`<tr>
  <th scope="row">${name(l)}</th>
  <td class="num">${formatNumber(v.locale, l.quantity)} ${v.t(`funding.unit.${l.unit}` as MessageKey)}</td>
  <td class="num">${euros(v, l.unitRate)}</td>
  <td class="num">${euros(v, l.amount)}</td>
</tr>`,
    )}<tr><th scope="row">${v.t('funding.total')}</th><td></td><td></td><td class="num"><strong>${euros(v, b.total)}</strong></td></tr>`,
  })
}

function facts(v: View, p: TripFundingProgramme): Html {
  return html`<p>${p.funder} · <a href="${p.sourceUrl}" rel="noopener noreferrer">${v.t('funding.sourceLink')}<span class="visually-hidden">: ${nameIn(v, p.name)}</span></a> · ${v.t('funding.lastCheckedOn', { date: p.lastChecked })}</p>
${
  p.deadlines.length > 0 &&
  html`<p>${v.t('funding.deadlinesBefore')}</p><ul>${p.deadlines.map(
    (d) =>
      html`<li><time datetime="${d.date}">${formatDate(v.locale, d.date)}</time>${v.locale === 'zh' ? '：' : ': '}${nameIn(v, d.label)}</li>`,
  )}</ul>`
}
<details><summary>${v.t('funding.notes')}</summary><p lang="de">${p.notes}</p></details>`
}

function fitting(v: View, f: TripFunding, p: TripFundingProgramme, tripId: string): Html {
  const base = `${fundingPath(f.partnershipId, tripId)}/${p.slug}`
  return html`<section aria-labelledby="p-${p.slug}">
<h3 id="p-${p.slug}" lang="${langOf(v)}">${nameIn(v, p.name)}</h3>
${facts(v, p)}
${budgetTable(v, p)}
${p.budget.missing.includes('days') && html`<p>${v.t('funding.missingDays')}</p>`}
<p class="hint">${v.t('funding.distance', { km: formatNumber(v.locale, p.budget.distanceKm) })}</p>
<p><a href="${base}/budget.csv" download>${v.t('funding.csv')}<span class="visually-hidden">: ${nameIn(v, p.name)}</span></a> · <a href="${base}/budget.pdf" download>${v.t('funding.pdf')}<span class="visually-hidden">: ${nameIn(v, p.name)}</span></a></p>
</section>`
}

function notFitting(v: View, p: TripFundingProgramme): Html {
  return html`<section aria-labelledby="p-${p.slug}">
<h3 id="p-${p.slug}">${nameIn(v, p.name)}</h3>
<p>${v.t('funding.whyNot')}</p>
<ul>${p.failed.map((r) => html`<li data-rule="${r.rule}">${reasonText(v, r)}</li>`)}</ul>
${facts(v, p)}
</section>`
}

/** Which programmes fit the trip (with their budget and exports) and, for the others, why not. */
export function tripFundingPage(v: View, f: TripFunding, tripId: string): Html {
  const fits = f.programmes.filter((p) => p.fits)
  const others = f.programmes.filter((p) => !p.fits)
  return page(v, {
    title: v.t('funding.tripTitle'),
    body: html`<p><a href="/partnerships/${f.partnershipId}/trips/${tripId}">${v.t('funding.backToTrip')}</a></p>
<p>${v.t('funding.tripIntro')}</p>
<h2 id="fitting">${v.t('funding.fitting', { count: fits.length })}</h2>
${fits.length === 0 ? html`<p>${v.t('funding.noneFit')}</p>` : fits.map((p) => fitting(v, f, p, tripId))}
<h2 id="not-fitting">${v.t('funding.notFitting', { count: others.length })}</h2>
${others.map((p) => notFitting(v, p))}`,
  })
}
