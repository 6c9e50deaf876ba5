import type { VisaLetterInfo } from '@dj/contracts'
import { formatDate } from '@dj/intl'
import {
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  input,
  radios,
  select,
  smallInput,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { COSTS, fieldName, MAX_ROWS, PERSON_FIELDS, type PersonField, SEXES } from './rows.js'

export const tripPath = (partnershipId: string, tripId: string) =>
  `/partnerships/${partnershipId}/trips/${tripId}`
export const letterPath = (partnershipId: string, tripId: string) =>
  `${tripPath(partnershipId, tripId)}/visa-letter`

const LABELS: Record<PersonField, MessageKey> = {
  familyName: 'visa.familyName',
  givenName: 'visa.givenName',
  dateOfBirth: 'visa.dateOfBirth',
  passportNumber: 'visa.passportNumber',
  sex: 'visa.sex',
  nationality: 'visa.nationality',
}

function personRow(v: View, state: FormState, row: number): Html {
  const name = (f: PersonField) => fieldName(f, row)
  return html`<fieldset class="step">
  <legend>${v.t('visa.person', { n: row + 1 })}</legend>
  <div class="pair">
    ${input(v, state, { name: name('familyName'), label: 'visa.familyName', autocomplete: 'off' })}
    ${input(v, state, { name: name('givenName'), label: 'visa.givenName', autocomplete: 'off' })}
  </div>
  <div class="pair">
    ${smallInput(v, state, { name: name('dateOfBirth'), label: 'visa.dateOfBirth', type: 'date' })}
    ${input(v, state, { name: name('passportNumber'), label: 'visa.passportNumber', autocomplete: 'off' })}
    ${select(v, state, {
      name: name('sex'),
      label: 'visa.sex',
      options: [
        { value: '', label: v.t('visa.sex.none') },
        ...SEXES.map((s) => ({ value: s, label: v.t(`visa.sex.${s}`) })),
      ],
    })}
    ${input(v, state, { name: name('nationality'), label: 'visa.nationality', autocomplete: 'off' })}
  </div>
</fieldset>`
}

/**
 * The letter's form: why nothing is kept, the travellers' rows (more rows by a plain submit, no
 * script), what the letter says about costs and signatory, and the button that streams the PDF.
 * The page is sent with `no-store`: when it is shown again it holds what was typed.
 */
export function letterPage(v: View, info: VisaLetterInfo, state: FormState, rows: number): Html {
  const labels: Record<string, MessageKey> = {
    signatoryName: 'visa.signatoryName',
    signatoryRole: 'visa.signatoryRole',
    hostAddress: 'visa.hostAddress',
    cities: 'visa.cities',
  }
  for (let row = 0; row < rows; row++) for (const f of PERSON_FIELDS) labels[fieldName(f, row)] = LABELS[f]
  const s = info.defaults.signatory
  const action = letterPath(info.partnershipId, info.tripPlanId)
  return page(v, {
    title: v.t('visa.title'),
    hasErrors: hasErrors(state),
    body: html`<p class="lead">${v.t('visa.intro', {
      host: info.host.name,
      guest: info.guest.name,
      visa: info.visa,
      arrival: formatDate(v.locale, info.arrival),
      departure: formatDate(v.locale, info.departure),
    })}</p>
<section class="callout" aria-labelledby="visa-privacy">
  <h2 id="visa-privacy">${v.t('visa.privacy.heading')}</h2>
  <p>${v.t('visa.privacy.body')}</p>
</section>
${errorSummary(v, state, labels)}
<form method="post" action="${action}" autocomplete="off" novalidate>
  ${csrfField(v)}
  <input type="hidden" name="rows" value="${rows}">
  <h2>${v.t('visa.travellers')}</h2>
  <p class="hint">${v.t('visa.rowsHint', { max: MAX_ROWS })}</p>
  ${Array.from({ length: rows }, (_, row) => personRow(v, state, row))}
  ${rows < MAX_ROWS && html`<p><button type="submit" name="action" value="more" class="secondary">${v.t('visa.moreRows')}</button></p>`}
  <h2>${v.t('visa.letter')}</h2>
  ${radios(v, state, {
    name: 'costs',
    label: 'visa.costs',
    options: COSTS.map((c) => ({ value: c, label: v.t(`visa.costs.${c}`) })),
  })}
  <p class="hint">${s ? v.t('visa.signatoryDefault', { name: s.name, role: s.role }) : v.t('visa.signatoryBlank')}</p>
  <div class="pair">
    ${input(v, state, { name: 'signatoryName', label: 'visa.signatoryName' })}
    ${input(v, state, { name: 'signatoryRole', label: 'visa.signatoryRole' })}
  </div>
  ${info.defaults.address && html`<p class="hint">${v.t('visa.addressDefault', { address: info.defaults.address })}</p>`}
  ${input(v, state, {
    name: 'hostAddress',
    label: 'visa.hostAddress',
    ...(info.defaults.address ? {} : { hint: 'visa.addressMissing' as const }),
  })}
  ${input(v, state, { name: 'cities', label: 'visa.cities', hint: 'visa.citiesHint' })}
  <p><button type="submit" name="action" value="generate">${v.t('visa.generate')}</button></p>
</form>
<p><a href="${tripPath(info.partnershipId, info.tripPlanId)}">${v.t('visa.back')}</a></p>`,
  })
}
