import {
  checkboxes,
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  input,
  select,
  smallInput,
  textarea,
} from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { DIRECTIONS, FORMATS, KINDS, RATE_PLACES, RATE_TYPES, rowCounts, SIDES } from './form-model.js'

const options = (v: View, values: readonly string[], prefix: string) =>
  values.map((value) => ({ value, label: v.t(`${prefix}.${value}` as MessageKey) }))

/** Labels of the fields the error summary links to (the repeated rows carry their own). */
const LABELS: Record<string, MessageKey> = {
  slug: 'funding.field.slug',
  nameDe: 'funding.field.nameDe',
  nameEn: 'funding.field.nameEn',
  nameZh: 'funding.field.nameZh',
  funder: 'funding.field.funder',
  sourceUrl: 'funding.field.sourceUrl',
  lastChecked: 'funding.field.lastChecked',
  notes: 'funding.field.notes',
  formats: 'funding.field.formats',
  kinds: 'funding.field.kinds',
  sides: 'funding.field.sides',
  directions: 'funding.field.directions',
  ageMin: 'funding.field.ageMin',
  ageMax: 'funding.field.ageMax',
  maxParticipants: 'funding.field.maxParticipants',
  maxLeaders: 'funding.field.maxLeaders',
  minDays: 'funding.field.minDays',
  maxDays: 'funding.field.maxDays',
  staffMaxParticipants: 'funding.field.staffMaxParticipants',
  staffMinDays: 'funding.field.staffMinDays',
  staffMaxDays: 'funding.field.staffMaxDays',
  reportDueDays: 'funding.field.reportDueDays',
}

function rowLabels(state: FormState): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = { ...LABELS }
  for (const name of Object.keys(state.errors)) {
    const m = /^(rate|lump|deadline)-\d+-(\w+)$/.exec(name)
    if (m) out[name] = `funding.row.${m[1]}.${m[2]}` as MessageKey
  }
  return out
}

function rateRows(v: View, state: FormState): Html {
  const n = rowCounts(state.values).rates
  return html`<fieldset><legend>${v.t('funding.ratesLegend')}</legend>
<p class="hint">${v.t('funding.ratesHint')}</p>
${Array.from(
  { length: n },
  (_, i) => html`<fieldset class="row"><legend>${v.t('funding.rateRow', { n: i + 1 })}</legend>
  ${select(v, state, {
    name: `rate-${i}-type`,
    label: 'funding.row.rate.type',
    options: [{ value: '', label: v.t('funding.rate.none') }, ...options(v, RATE_TYPES, 'funding.rate')],
  })}
  ${input(v, state, { name: `rate-${i}-amount`, label: 'funding.row.rate.amount', hint: 'funding.eurosHint' })}
  ${select(v, state, { name: `rate-${i}-where`, label: 'funding.row.rate.where', options: options(v, RATE_PLACES, 'funding.where') })}
</fieldset>`,
)}
</fieldset>`
}

function lumpRows(v: View, state: FormState): Html {
  const n = rowCounts(state.values).lumps
  return html`<fieldset><legend>${v.t('funding.lumpsLegend')}</legend>
${Array.from(
  { length: n },
  (_, i) => html`<fieldset class="row"><legend>${v.t('funding.lumpRow', { n: i + 1 })}</legend>
  ${input(v, state, { name: `lump-${i}-de`, label: 'funding.row.lump.de', lang: 'de' })}
  ${input(v, state, { name: `lump-${i}-en`, label: 'funding.row.lump.en', lang: 'en' })}
  ${input(v, state, { name: `lump-${i}-zh`, label: 'funding.row.lump.zh', lang: 'zh-CN' })}
  ${input(v, state, { name: `lump-${i}-max`, label: 'funding.row.lump.max', hint: 'funding.eurosHint' })}
  ${checkboxes(v, state, { name: `lump-${i}-kinds`, label: 'funding.row.lump.kinds', options: options(v, KINDS, 'kind') })}
</fieldset>`,
)}
</fieldset>`
}

function deadlineRows(v: View, state: FormState): Html {
  const n = rowCounts(state.values).deadlines
  return html`<fieldset><legend>${v.t('funding.deadlinesLegend')}</legend>
<p class="hint">${v.t('funding.deadlinesHint')}</p>
${Array.from(
  { length: n },
  (_, i) => html`<fieldset class="row"><legend>${v.t('funding.deadlineRow', { n: i + 1 })}</legend>
  ${input(v, state, { name: `deadline-${i}-de`, label: 'funding.row.deadline.de', lang: 'de' })}
  ${input(v, state, { name: `deadline-${i}-en`, label: 'funding.row.deadline.en', lang: 'en' })}
  ${input(v, state, { name: `deadline-${i}-zh`, label: 'funding.row.deadline.zh', lang: 'zh-CN' })}
  ${smallInput(v, state, { name: `deadline-${i}-month`, label: 'funding.row.deadline.month' })}
  ${smallInput(v, state, { name: `deadline-${i}-day`, label: 'funding.row.deadline.day' })}
  ${select(v, state, {
    name: `deadline-${i}-yearOffset`,
    label: 'funding.row.deadline.yearOffset',
    options: [
      { value: '', label: v.t('funding.yearOffset.latest') },
      { value: '-1', label: v.t('funding.yearOffset.before') },
      { value: '0', label: v.t('funding.yearOffset.same') },
    ],
  })}
</fieldset>`,
)}
</fieldset>`
}

/** The whole programme on one form: identity, who may apply, rates, deadlines. */
export function programmeForm(
  v: View,
  state: FormState,
  o: { title: string; action: string; isNew: boolean; extra?: Html },
): Html {
  const num = (name: string, label: MessageKey) => smallInput(v, state, { name, label })
  return page(v, {
    title: o.title,
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, rowLabels(state))}
<p><a href="/officer/funding">${v.t('funding.backToCatalogue')}</a></p>
<form method="post" action="${o.action}" novalidate>${csrfField(v)}
${!o.isNew && html`<input type="hidden" name="version" value="${state.values['version'] ?? ''}">`}
<fieldset><legend>${v.t('funding.identityLegend')}</legend>
  ${
    o.isNew
      ? input(v, state, {
          name: 'slug',
          label: 'funding.field.slug',
          hint: 'funding.slugHint',
          required: true,
        })
      : html`<p>${v.t('funding.field.slug')}: <code>${state.values['slug'] ?? ''}</code></p><input type="hidden" name="slug" value="${state.values['slug'] ?? ''}">`
  }
  ${input(v, state, { name: 'nameDe', label: 'funding.field.nameDe', required: true, lang: 'de' })}
  ${input(v, state, { name: 'nameEn', label: 'funding.field.nameEn', required: true, lang: 'en' })}
  ${input(v, state, { name: 'nameZh', label: 'funding.field.nameZh', required: true, lang: 'zh-CN' })}
  ${input(v, state, { name: 'funder', label: 'funding.field.funder', required: true })}
  ${smallInput(v, state, { name: 'sourceUrl', label: 'funding.field.sourceUrl', type: 'url', required: true })}
  ${input(v, state, { name: 'lastChecked', label: 'funding.field.lastChecked', hint: 'funding.lastCheckedHint', required: true })}
  ${textarea(v, state, { name: 'notes', label: 'funding.field.notes', hint: 'funding.notesHint', rows: 6 })}
</fieldset>
<fieldset><legend>${v.t('funding.eligibilityLegend')}</legend>
  ${checkboxes(v, state, { name: 'formats', label: 'funding.field.formats', hint: 'funding.anyHint', options: options(v, FORMATS, 'format') })}
  ${checkboxes(v, state, { name: 'kinds', label: 'funding.field.kinds', hint: 'funding.anyHint', options: options(v, KINDS, 'kind') })}
  ${checkboxes(v, state, { name: 'sides', label: 'funding.field.sides', options: options(v, SIDES, 'side') })}
  ${checkboxes(v, state, { name: 'directions', label: 'funding.field.directions', options: options(v, DIRECTIONS, 'visitDirection') })}
  ${checkboxes(v, state, { name: 'germanyOnly', label: 'funding.field.germanyOnlyLegend', options: [{ value: 'yes', label: v.t('funding.field.germanyOnly') }] })}
  ${num('ageMin', 'funding.field.ageMin')}
  ${num('ageMax', 'funding.field.ageMax')}
  ${num('maxParticipants', 'funding.field.maxParticipants')}
  ${num('maxLeaders', 'funding.field.maxLeaders')}
  ${num('minDays', 'funding.field.minDays')}
  ${num('maxDays', 'funding.field.maxDays')}
  ${num('staffMaxParticipants', 'funding.field.staffMaxParticipants')}
  ${num('staffMinDays', 'funding.field.staffMinDays')}
  ${num('staffMaxDays', 'funding.field.staffMaxDays')}
</fieldset>
${rateRows(v, state)}
${lumpRows(v, state)}
${deadlineRows(v, state)}
${num('reportDueDays', 'funding.field.reportDueDays')}
<button type="submit">${v.t(o.isNew ? 'funding.create' : 'funding.save')}</button>
</form>
${o.extra ?? ''}`,
  })
}
