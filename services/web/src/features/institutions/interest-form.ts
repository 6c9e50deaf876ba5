import {
  DIRECTIONS,
  FORMATS,
  type FullInstitution,
  type Interest,
  type InterestCreate,
  LANGUAGES as LANGS,
  LANGUAGE_LEVELS as LEVELS,
  TOPICS,
} from '@dj/contracts'
import {
  checkboxes,
  csrfField,
  errorSummary,
  type FormState,
  hasErrors,
  intField,
  radios,
  select,
  smallInput,
} from '../../components/forms.js'
import { instName } from '../../components/institution.js'
import { type Html, html } from '../../html.js'
import type { MessageKey } from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'

export const INTEREST_FIELDS = [
  'formats',
  'topics',
  'direction',
  'ageMin',
  'ageMax',
  'groupMin',
  'groupMax',
  'hostingGuests',
  'lang1',
  'level1',
  'lang2',
  'level2',
  'windowStart',
  'windowEnd',
  'durationMinDays',
  'durationMaxDays',
] as const
const INTEREST_LABELS: Record<string, MessageKey> = Object.fromEntries(
  INTEREST_FIELDS.map((f) => [f, `field.${f}` as MessageKey]),
)

export const INTEREST_STATUSES = ['open', 'paused', 'closed'] as const

/** The guided form; with `editing` it changes an existing interest (and its status) instead. */
export function interestPage(v: View, inst: FullInstitution, state: FormState, editing?: Interest): Html {
  const langOptions = LANGS.map((l) => ({ value: l, label: v.t(`langName.${l}`) }))
  const levelOptions = LEVELS.map((l) => ({ value: l, label: v.t(`level.${l}`) }))
  return page(v, {
    title: v.t(editing ? 'interest.edit.title' : 'interest.new.title'),
    hasErrors: hasErrors(state),
    body: html`${errorSummary(v, state, { ...INTEREST_LABELS, status: 'field.interestStatus' })}
<p><a href="/institutions/${inst.id}">${instName(v, inst)}</a></p>
<p>${v.t(editing ? 'interest.edit.intro' : 'interest.intro')}</p>
<form method="post" action="${editing ? `/interests/${editing.id}/edit` : `/institutions/${inst.id}/interests/new`}" novalidate>
  ${csrfField(v)}
  ${
    editing &&
    html`<fieldset class="step"><legend>${v.t('field.interestStatus')}</legend>
    ${radios(v, state, { name: 'status', label: 'field.interestStatus', hint: 'interest.statusHint', options: [...INTEREST_STATUSES, ...(editing.status === 'full' ? (['full'] as const) : [])].map((x) => ({ value: x, label: v.t(`interestStatus.${x}`) })) })}
  </fieldset>`
  }
  <fieldset class="step"><legend>${v.t('interest.step1')}</legend>
    ${checkboxes(v, state, { name: 'formats', label: 'field.formats', hint: 'field.chooseAtLeastOne', required: true, options: FORMATS.map((f) => ({ value: f, label: v.t(`format.${f}`) })) })}
    ${radios(v, state, { name: 'direction', label: 'field.direction', required: true, options: DIRECTIONS.map((d) => ({ value: d, label: v.t(`direction.${d}`) })) })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step2')}</legend>
    ${checkboxes(v, state, { name: 'topics', label: 'field.topics', hint: 'field.chooseAtLeastOne', required: true, options: TOPICS.map((x) => ({ value: x, label: v.t(`topic.${x}`) })) })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step3')}</legend>
    <div class="pair">
      ${smallInput(v, state, { name: 'ageMin', label: 'field.ageMin', required: true })}
      ${smallInput(v, state, { name: 'ageMax', label: 'field.ageMax', required: true })}
    </div>
    <div class="pair">
      ${smallInput(v, state, { name: 'groupMin', label: 'field.groupMin', required: true })}
      ${smallInput(v, state, { name: 'groupMax', label: 'field.groupMax', required: true })}
    </div>
    ${smallInput(v, state, { name: 'hostingGuests', label: 'field.hostingGuests' })}
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step4')}</legend>
    <div class="pair">
      ${select(v, state, { name: 'lang1', label: 'field.lang1', required: true, options: langOptions })}
      ${select(v, state, { name: 'level1', label: 'field.level1', required: true, options: levelOptions })}
    </div>
    <div class="pair">
      ${select(v, state, { name: 'lang2', label: 'field.lang2', options: [{ value: '', label: '—' }, ...langOptions] })}
      ${select(v, state, { name: 'level2', label: 'field.level2', options: levelOptions })}
    </div>
  </fieldset>
  <fieldset class="step"><legend>${v.t('interest.step5')}</legend>
    <div class="pair">
      ${smallInput(v, state, { name: 'windowStart', label: 'field.windowStart', hint: 'field.windowHint', type: 'date', required: true })}
      ${smallInput(v, state, { name: 'windowEnd', label: 'field.windowEnd', hint: 'field.windowHint', type: 'date', required: true })}
    </div>
    <div class="pair">
      ${smallInput(v, state, { name: 'durationMinDays', label: 'field.durationMinDays', required: true })}
      ${smallInput(v, state, { name: 'durationMaxDays', label: 'field.durationMaxDays', required: true })}
    </div>
  </fieldset>
  <button type="submit">${v.t(editing ? 'interest.save' : 'interest.submit')}</button>
</form>`,
  })
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/** Checks the guided form and builds the API body; errors land on the fields. */
export function interestBody(state: FormState): InterestCreate | null {
  const val = state.values
  const formats = (val['formats'] ?? '').split(',').filter((f) => (FORMATS as readonly string[]).includes(f))
  const topics = (val['topics'] ?? '').split(',').filter((f) => (TOPICS as readonly string[]).includes(f))
  if (formats.length === 0) state.errors['formats'] = 'field.chooseAtLeastOne'
  if (topics.length === 0) state.errors['topics'] = 'field.chooseAtLeastOne'
  if (!(DIRECTIONS as readonly string[]).includes(val['direction'] ?? ''))
    state.errors['direction'] = 'err.required'
  const n = Object.fromEntries(
    ['ageMin', 'ageMax', 'groupMin', 'groupMax', 'durationMinDays', 'durationMaxDays'].map((f) => [
      f,
      intField(state, f),
    ]),
  )
  for (const [a, b] of [
    ['ageMin', 'ageMax'],
    ['groupMin', 'groupMax'],
    ['durationMinDays', 'durationMaxDays'],
  ] as const) {
    if (n[a] !== undefined && n[b] !== undefined && n[a]! > n[b]!) state.errors[a] = 'err.range'
  }
  const hostingGuests = intField(state, 'hostingGuests', true) ?? 0
  const languages = [{ lang: val['lang1'], level: val['level1'] }]
  if (val['lang2'] && val['lang2'] !== val['lang1'])
    languages.push({ lang: val['lang2'], level: val['level2'] })
  const windows: { start: string; end: string }[] = []
  // Matching needs a period: proposals are only made where the periods of both sides overlap.
  const start = val['windowStart'] ?? ''
  const end = val['windowEnd'] ?? ''
  if (!ISO_DATE.test(start)) state.errors['windowStart'] = start ? 'err.date' : 'err.required'
  if (!ISO_DATE.test(end)) state.errors['windowEnd'] = end ? 'err.date' : 'err.required'
  if (ISO_DATE.test(start) && ISO_DATE.test(end)) {
    if (start > end) state.errors['windowStart'] = 'err.range'
    else windows.push({ start, end })
  }
  if (hasErrors(state)) return null
  // The word fields were checked against the lists above or come from the form's own options; the
  // API validates the body again and names a field that is wrong.
  return {
    formats,
    topics,
    direction: val['direction'],
    ...n,
    hostingGuests,
    languages,
    windows,
  } as InterestCreate
}

export const INTEREST_API_FIELDS: Record<string, string> = {
  'languages.0.lang': 'lang1',
  'languages.0.level': 'level1',
  'languages.1.lang': 'lang2',
  'languages.1.level': 'level2',
  'windows.0.start': 'windowStart',
  'windows.0.end': 'windowEnd',
  windows: 'windowStart',
  languages: 'lang1',
}

/** The form's values for an existing interest. */
export function interestValues(i: Interest): Record<string, string> {
  const [l1, l2] = i.languages
  const w = i.windows[0]
  return {
    formats: i.formats.join(','),
    topics: i.topics.join(','),
    direction: i.direction,
    ageMin: String(i.ageMin),
    ageMax: String(i.ageMax),
    groupMin: String(i.groupMin),
    groupMax: String(i.groupMax),
    hostingGuests: String(i.hostingGuests ?? 0),
    lang1: l1?.lang ?? 'en',
    level1: l1?.level ?? 'intermediate',
    lang2: l2?.lang ?? '',
    level2: l2?.level ?? 'basic',
    windowStart: w?.start ?? '',
    windowEnd: w?.end ?? '',
    durationMinDays: String(i.durationMinDays),
    durationMaxDays: String(i.durationMaxDays),
    status: i.status,
  }
}
