import type { ChecklistEntry, TripPlan } from '@dj/contracts'
import {
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  input,
  smallInput,
} from '../../components/forms.js'
import { table } from '../../components/table.js'
import { type Html, html } from '../../html.js'
import { formatDate, formatDateTime } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { tripPath } from './edit-form.js'
import type { TripFields } from './form-model.js'
import { bandLabel, itemHint, itemLabel } from './labels.js'

const date = (v: View, d: string | null) =>
  d ? html`<time datetime="${d}">${formatDate(v.locale, d)}</time>` : '—'

/** The checklist's progress as a labelled bar (the numbers are in the label, for every reader). */
export function progressBar(v: View, p: TripPlan['progress'], id: string): Html {
  return html`<p><label for="${id}">${v.t('trip.progress', { done: p.done, total: p.total })}</label>${
    p.overdue > 0 ? html` <span class="badge">${v.t('trip.overdueCount', { count: p.overdue })}</span>` : ''
  }<br><progress id="${id}" max="${Math.max(1, p.total)}" value="${p.done}">${p.done}/${p.total}</progress></p>`
}

function stateCell(v: View, item: ChecklistEntry): Html {
  if (item.done)
    return html`${v.t('trip.state.done')}${
      item.doneAt
        ? html` · <time datetime="${item.doneAt}">${formatDateTime(v.locale, v.timeZone, item.doneAt)}</time>`
        : ''
    }`
  return html`${item.overdue ? html`<strong>${v.t('trip.state.overdue')}</strong>` : v.t('trip.state.open')}`
}

function tickForm(v: View, plan: TripPlan, item: ChecklistEntry): Html {
  return html`<form method="post" action="${tripPath(plan.partnershipId, plan.id)}/checklist/${item.key}" class="inline">${csrfField(v)}
  <input type="hidden" name="done" value="${item.done ? 'no' : 'yes'}">
  <button type="submit" class="secondary">${v.t(item.done ? 'trip.untick' : 'trip.tick')}<span class="visually-hidden">: ${itemLabel(v, item)}</span></button>
</form>`
}

function checklist(v: View, plan: TripPlan): Html {
  const canEdit = plan.viewer.canEdit
  return table({
    id: 'checklist-caption',
    caption: v.t('trip.checklist'),
    hiddenCaption: true,
    columns: [
      v.t('trip.col.item'),
      v.t('trip.col.due'),
      v.t('trip.col.state'),
      ...(canEdit ? [v.t('trip.col.action')] : []),
    ],
    rows: plan.checklist.map((item) => {
      const hint = itemHint(v, item.key)
      return html`<tr data-item="${item.key}">
    <th scope="row">${itemLabel(v, item)}${hint && html`<br><span class="hint">${hint}</span>`}${
      item.earliest
        ? html`<br><span class="hint">${v.t('trip.earliest', { date: formatDate(v.locale, item.earliest) })}</span>`
        : ''
    }</th>
    <td>${date(v, item.dueDate)}</td>
    <td>${stateCell(v, item)}</td>
    ${canEdit && html`<td>${tickForm(v, plan, item)}</td>`}
  </tr>`
    }),
  })
}

function customItemForm(v: View, plan: TripPlan, state: FormState): Html {
  return html`<h3>${v.t('trip.addCustom')}</h3>
<form method="post" action="${tripPath(plan.partnershipId, plan.id)}/checklist" novalidate>${csrfField(v)}
  ${input(v, state, { name: 'label', label: 'trip.field.customLabel' })}
  ${smallInput(v, state, { name: 'dueDate', label: 'trip.field.customDue', type: 'date' })}
  <button type="submit">${v.t('trip.addCustomButton')}</button>
</form>`
}

const leg = (v: View, l: TripFields['arrival']) =>
  [l.carrier, l.place, l.time].filter(Boolean).join(' · ') || v.t('trip.notYet')

function details(v: View, f: TripFields): Html {
  const count = f.group.bands.reduce((n, b) => n + b.count, 0)
  const lodging = (['hostel', 'hotel'] as const).flatMap((k) => {
    const l = f.accommodation[k]
    return l ? [v.t(`trip.lodging.${k}`, { name: l.name ?? '—', nights: l.nights ?? 0 })] : []
  })
  return html`<dl class="facts">
  <dt>${v.t('trip.field.outbound')}</dt><dd>${date(v, f.travel.outbound)}</dd>
  <dt>${v.t('trip.field.return')}</dt><dd>${date(v, f.travel.return)}</dd>
  <dt>${v.t('trip.legLegend.arrival')}</dt><dd>${leg(v, f.arrival)}</dd>
  <dt>${v.t('trip.legLegend.departure')}</dt><dd>${leg(v, f.departure)}</dd>
  <dt>${v.t('trip.groupLegend')}</dt><dd>${v.t('trip.groupSummary', { count, adults: f.group.adults })}${
    f.group.bands.length > 0 &&
    html`<ul class="plain">${f.group.bands.map((b) => html`<li>${bandLabel(v, b.band)}: ${b.count}</li>`)}</ul>`
  }</dd>
  <dt>${v.t('trip.leadersLegend')}</dt><dd>${
    f.leaders.length === 0
      ? v.t('trip.notYet')
      : html`<ul class="plain">${f.leaders.map((l) => html`<li>${l.name}${l.role ? ` (${l.role})` : ''}</li>`)}</ul>`
  }</dd>
  <dt>${v.t('trip.accommodationLegend')}</dt><dd>${[v.t('trip.hostFamilies', { count: f.accommodation.hostFamilies }), ...lodging].join(' · ')}</dd>
  ${f.purpose && html`<dt>${v.t('trip.field.purpose')}</dt><dd>${f.purpose}</dd>`}
</dl>
<h3>${v.t('trip.programmeLegend')}</h3>
${
  f.programme.length === 0
    ? html`<p>${v.t('trip.noProgramme')}</p>`
    : html`<ol class="plain">${f.programme.map(
        (day) =>
          html`<li><strong>${date(v, day.date)}</strong><ul>${day.items.map(
            (i) => html`<li>${[i.time, i.title, i.place].filter(Boolean).join(' · ')}</li>`,
          )}</ul></li>`,
      )}</ol>`
}`
}

/** The plan, its checklist with the due dates and the tick buttons, and the form for an own item. */
export function tripPage(v: View, plan: TripPlan, state: FormState, notice?: string): Html {
  const f = plan.fields as unknown as TripFields
  return page(v, {
    title: v.t('trip.title'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { label: 'trip.field.customLabel', dueDate: 'trip.field.customDue' })}
<p><a href="/partnerships/${plan.partnershipId}/workspace">${v.t('trip.toWorkspace')}</a></p>
<p><a href="${tripPath(plan.partnershipId, plan.id)}/funding">${v.t('funding.tripLink')}</a></p>
${plan.viewer.canEdit && plan.visit && html`<p><a href="${tripPath(plan.partnershipId, plan.id)}/visa-letter">${v.t('visa.link')}</a></p>`}
<p>${v.t(`trip.direction.${f.direction}`)}${
      plan.visit &&
      html` · ${v.t('trip.visitDates', {
        start: formatDate(v.locale, plan.visit.startDate),
        end: formatDate(v.locale, plan.visit.endDate),
      })}`
    }</p>
<h2 id="checklist">${v.t('trip.checklist')}</h2>
${progressBar(v, plan.progress, 'trip-progress')}
${checklist(v, plan)}
${plan.viewer.canEdit ? customItemForm(v, plan, state) : html`<p>${v.t('trip.readOnly')}</p>`}
<h2 id="plan">${v.t('trip.planHeading')}</h2>
<p class="hint">${v.t('trip.noPupilData')}</p>
${plan.viewer.canEdit && html`<p><a href="${tripPath(plan.partnershipId, plan.id)}/edit">${v.t('trip.edit')}</a></p>`}
${details(v, f)}`,
  })
}
