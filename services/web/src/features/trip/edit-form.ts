import { TRIP_AGE_BANDS, type TripPlan } from '@dj/contracts'
import {
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  input,
  smallInput,
  textarea,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import { formatDate, type MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { LEG_PARTS, LEGS, LODGINGS, shapeOf } from './form-model.js'
import { bandLabel } from './labels.js'

export const tripPath = (partnershipId: string, planId: string) =>
  `/partnerships/${partnershipId}/trips/${planId}`

const fieldset = (legend: string, body: Html, id?: string) =>
  html`<fieldset${id ? html` id="${id}"` : ''}><legend>${legend}</legend>${body}</fieldset>`

/** A row button that changes the form without saving it (a plain submit: no script needed). */
const rowButton = (v: View, action: string, label: MessageKey, params?: Record<string, string | number>) =>
  html`<button type="submit" name="action" value="${action}" class="secondary">${v.t(label, params)}</button>`

/** Labels of every field for the error summary (rows numbered as shown). */
function labelsOf(values: Record<string, string>): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {
    'travel.outbound': 'trip.field.outbound',
    'travel.return': 'trip.field.return',
    'group.adults': 'trip.field.adults',
    'accommodation.hostFamilies': 'trip.field.hostFamilies',
    purpose: 'trip.field.purpose',
  }
  for (const band of TRIP_AGE_BANDS) out[`group.${band}`] = 'trip.field.bandCount'
  for (const leg of LEGS) for (const p of LEG_PARTS) out[`${leg}.${p}`] = `trip.field.leg.${p}` as MessageKey
  for (const k of LODGINGS) {
    out[`accommodation.${k}.name`] = `trip.field.${k}Name` as MessageKey
    out[`accommodation.${k}.nights`] = 'trip.field.nights'
  }
  const shape = shapeOf(values)
  for (let i = 0; i < shape.leaders + 1; i++) {
    out[`leaders.${i}.name`] = 'trip.field.leaderName'
    out[`leaders.${i}.role`] = 'trip.field.leaderRole'
    out[`leaders.${i}.consent`] = 'trip.field.consent'
  }
  shape.days.forEach((items, d) => {
    out[`programme.${d}.date`] = 'trip.field.dayDate'
    for (let i = 0; i < items; i++) {
      out[`programme.${d}.items.${i}.time`] = 'trip.field.itemTime'
      out[`programme.${d}.items.${i}.title`] = 'trip.field.itemTitle'
      out[`programme.${d}.items.${i}.place`] = 'trip.field.itemPlace'
    }
  })
  return out
}

function consentBox(v: View, state: FormState, i: number): Html {
  const name = `leaders.${i}.consent`
  const id = `f-${name}`
  const error = state.errors[name]
  return html`<div class="field radio${error ? ' field-error' : ''}">
  ${error && html`<p class="error" id="${id}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(error)}</p>`}
  <input type="checkbox" id="${id}" name="${name}" value="yes"${state.values[name] === 'yes' ? html` checked` : ''}${
    error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''
  }>
  <label for="${id}">${v.t('trip.field.consent')}</label>
  <input type="hidden" name="leaders.${i}.consentAt" value="${state.values[`leaders.${i}.consentAt`] ?? ''}">
</div>`
}

function leaders(v: View, state: FormState): Html {
  const n = shapeOf(state.values).leaders
  return fieldset(
    v.t('trip.leadersLegend'),
    html`<p class="hint">${v.t('trip.leadersHint')}</p>
${Array.from({ length: n }, (_, i) =>
  fieldset(
    v.t('trip.leaderN', { n: i + 1 }),
    html`${input(v, state, { name: `leaders.${i}.name`, label: 'trip.field.leaderName', autocomplete: 'off' })}
  ${input(v, state, { name: `leaders.${i}.role`, label: 'trip.field.leaderRole' })}
  ${consentBox(v, state, i)}
  ${rowButton(v, `removeLeader.${i}`, 'trip.removeLeader', { n: i + 1 })}`,
  ),
)}
${rowButton(v, 'addLeader', 'trip.addLeader')}`,
    'leaders',
  )
}

function programme(v: View, state: FormState): Html {
  const days = shapeOf(state.values).days
  return fieldset(
    v.t('trip.programmeLegend'),
    html`<p class="hint">${v.t('trip.programmeHint')}</p>
${days.map((items, d) =>
  fieldset(
    v.t('trip.dayN', { n: d + 1 }),
    html`${smallInput(v, state, { name: `programme.${d}.date`, label: 'trip.field.dayDate', type: 'date' })}
  ${Array.from(
    { length: items },
    (_, i) => html`<div class="row">
    ${input(v, state, { name: `programme.${d}.items.${i}.time`, label: 'trip.field.itemTime' })}
    ${input(v, state, { name: `programme.${d}.items.${i}.title`, label: 'trip.field.itemTitle' })}
    ${input(v, state, { name: `programme.${d}.items.${i}.place`, label: 'trip.field.itemPlace' })}
    ${rowButton(v, `removeItem.${d}.${i}`, 'trip.removeItem', { n: i + 1, day: d + 1 })}
  </div>`,
  )}
  ${rowButton(v, `addItem.${d}`, 'trip.addItem', { day: d + 1 })}
  ${rowButton(v, `removeDay.${d}`, 'trip.removeDay', { n: d + 1 })}`,
  ),
)}
${rowButton(v, 'addDay', 'trip.addDay')}`,
    'programme',
  )
}

/**
 * The plan as one form for either institution. `version` names the version it was made on: if
 * the other side saved meanwhile, the API refuses it (409) and the form comes back with the
 * entries and the message. Rows (leaders, days, items) are added and removed by submit buttons,
 * so it works without script; the first button saves, so Enter saves.
 */
export function editPage(v: View, plan: TripPlan, state: FormState, notice?: string): Html {
  const action = `${tripPath(plan.partnershipId, plan.id)}/edit`
  const save = html`<button type="submit" name="action" value="save">${v.t('trip.save')}</button>`
  return page(v, {
    title: v.t('trip.editTitle'),
    notice,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, labelsOf(state.values))}
<p><a href="${tripPath(plan.partnershipId, plan.id)}">${v.t('trip.back')}</a></p>
<div class="callout" role="note"><p><strong>${v.t('trip.noPupilData')}</strong></p></div>
${
  plan.visit &&
  html`<p>${v.t('trip.visitDates', {
    start: formatDate(v.locale, plan.visit.startDate),
    end: formatDate(v.locale, plan.visit.endDate),
  })}</p>`
}
<form method="post" action="${action}" novalidate>${csrfField(v)}
  <input type="hidden" name="version" value="${state.values['version'] ?? String(plan.version)}">
  ${save}
  ${fieldset(
    v.t('trip.travelLegend'),
    html`${smallInput(v, state, { name: 'travel.outbound', label: 'trip.field.outbound', type: 'date' })}
  ${smallInput(v, state, { name: 'travel.return', label: 'trip.field.return', type: 'date' })}`,
  )}
  ${LEGS.map((leg) =>
    fieldset(
      v.t(`trip.legLegend.${leg}`),
      html`${LEG_PARTS.map((p) => input(v, state, { name: `${leg}.${p}`, label: `trip.field.leg.${p}` as MessageKey }))}`,
    ),
  )}
  ${fieldset(
    v.t('trip.groupLegend'),
    html`<p class="hint">${v.t('trip.groupHint')}</p>
  ${TRIP_AGE_BANDS.map(
    (band) =>
      html`<div class="field"><label for="f-group.${band}">${bandLabel(v, band)}</label>${
        state.errors[`group.${band}`] &&
        html`<p class="error" id="f-group.${band}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(state.errors[`group.${band}`]!)}</p>`
      }<input id="f-group.${band}" name="group.${band}" class="short" type="text" inputmode="numeric" pattern="[0-9]*" value="${state.values[`group.${band}`] ?? ''}"${
        state.errors[`group.${band}`]
          ? html` aria-invalid="true" aria-describedby="f-group.${band}-error"`
          : ''
      }></div>`,
  )}
  ${smallInput(v, state, { name: 'group.adults', label: 'trip.field.adults', hint: 'trip.field.adultsHint' })}`,
  )}
  ${leaders(v, state)}
  ${fieldset(
    v.t('trip.accommodationLegend'),
    html`${smallInput(v, state, { name: 'accommodation.hostFamilies', label: 'trip.field.hostFamilies' })}
  ${LODGINGS.map(
    (
      k,
    ) => html`${input(v, state, { name: `accommodation.${k}.name`, label: `trip.field.${k}Name` as MessageKey })}
  ${smallInput(v, state, { name: `accommodation.${k}.nights`, label: 'trip.field.nights' })}`,
  )}`,
  )}
  ${programme(v, state)}
  ${textarea(v, state, { name: 'purpose', label: 'trip.field.purpose', rows: 3 })}
  ${save}
</form>`,
  })
}
