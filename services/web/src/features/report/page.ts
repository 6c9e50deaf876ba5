import type { Report } from '@dj/contracts'
import {
  OUTCOME_RATINGS,
  REPORT_ACTIVITIES,
  REPORT_BANDS,
  REPORT_FORM,
  STORY_LANGUAGES,
  WOULD_REPEAT,
} from '@dj/exchange'
import { checkboxes, input, radios, select, smallInput, textarea } from '../../components/fields.js'
import { csrfField, errorSummary, type FormState, hasErrors } from '../../components/forms.js'
import { type Html, html } from '../../html.js'
import {
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNumber,
  type MessageKey,
} from '../../i18n/index.js'
import { page } from '../../layout.js'
import type { View } from '../../view.js'
import { bandField, commentField, outcomeField } from './fields.js'

const readerLang = (v: View) => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')
const CONTENT_TAG = { de: 'de', zh: 'zh-Hans', en: 'en' } as const

/** An aim in the reader's language where the agreement has it, marked with its own language. */
function aimLabel(v: View, aim: Report['aims'][number]): { text: string; lang: 'de' | 'zh' | 'en' } | null {
  const want = readerLang(v)
  for (const lang of [want, 'de', 'en', 'zh'] as const) {
    const text = aim.text[lang]
    if (text) return { text, lang }
  }
  return null
}

const aimName = (v: View, aim: Report['aims'][number]) => {
  const l = aimLabel(v, aim)
  return l ? html`<span lang="${CONTENT_TAG[l.lang]}">${l.text}</span>` : html`${v.t('report.outcome.whole')}`
}

/** The step headings, numbered as REPORT_FORM orders them. */
const stepTitle = (v: View, id: (typeof REPORT_FORM)[number]['id']) =>
  v.t('report.step', { n: REPORT_FORM.findIndex((s) => s.id === id) + 1, title: v.t(`report.step.${id}`) })

export const LABELS: Record<string, MessageKey> = {
  ...Object.fromEntries(REPORT_BANDS.map((b) => [bandField(b), `report.band.${b}` as MessageKey])),
  adults: 'report.adults',
  days: 'report.days',
  activities: 'report.activities',
  activitiesOther: 'report.activitiesOther',
  rating: 'report.rating',
  wouldRepeat: 'report.wouldRepeat',
  improve: 'report.improve',
  storyConsent: 'report.story.consent',
  storyTitle: 'report.story.title',
  storyText: 'report.story.text',
  storyLanguage: 'report.story.language',
}

function heading(v: View, r: Report): Html {
  return html`<p>${v.t('report.of', { institution: r.institution.name, partner: r.partner.name })}</p>
<p>${r.visit.title} · ${formatDateRange(v.locale, r.visit.startDate, r.visit.endDate)}</p>`
}

function outcomeFields(v: View, r: Report, state: FormState): Html[] {
  return r.aims.map((aim) => {
    const name = outcomeField(aim.key)
    const error = state.errors[name]
    const options = OUTCOME_RATINGS.map((o) => ({ value: o, label: v.t(`report.outcome.${o}`) }))
    return html`<fieldset class="field${error ? ' field-error' : ''}">
  <legend>${aimName(v, aim)} <span class="req">(${v.t('form.required')})</span></legend>
  ${error && html`<p class="error" id="f-${name}-error"><span class="visually-hidden">${v.t('form.errorPrefix')}: </span>${v.t(error)}</p>`}
  ${options.map((o, i) => {
    const id = i === 0 ? `f-${name}` : `f-${name}-${i}`
    return html`<div class="radio"><input type="radio" id="${id}" name="${name}" value="${o.value}"${
      state.values[name] === o.value ? html` checked` : ''
    }${error ? html` aria-invalid="true" aria-describedby="f-${name}-error"` : ''}><label for="${id}">${o.label}</label></div>`
  })}
  ${textarea(v, state, { name: commentField(aim.key), label: 'report.comment', rows: 2 })}
</fieldset>`
  })
}

/** The form: five steps as fieldsets on one page, prefilled; save the draft or file it. */
export function reportFormPage(v: View, r: Report, state: FormState, notice?: string): Html {
  const labels = {
    ...LABELS,
    ...Object.fromEntries(r.aims.map((a) => [outcomeField(a.key), 'report.outcomes' as MessageKey])),
  }
  const body = html`${errorSummary(v, state, labels)}
${heading(v, r)}
<p>${v.t('report.intro')}</p>
<p>${v.t('report.dueBy', { date: formatDate(v.locale, r.overdueOn) })}</p>
<form method="post" action="/partnerships/${r.partnershipId}/reports/${r.id}" novalidate>${csrfField(v)}
<input type="hidden" name="version" value="${state.values['version'] ?? String(r.version)}">
<fieldset class="step"><legend><h2>${stepTitle(v, 'participants')}</h2></legend>
  <p class="hint">${v.t('report.participants.hint')}</p>
  ${REPORT_BANDS.map((b) => smallInput(v, state, { name: bandField(b), label: `report.band.${b}` }))}
  ${smallInput(v, state, { name: 'adults', label: 'report.adults', required: true })}
  ${smallInput(v, state, { name: 'days', label: 'report.days', required: true })}
</fieldset>
<fieldset class="step"><legend><h2>${stepTitle(v, 'activities')}</h2></legend>
  ${checkboxes(v, state, {
    name: 'activities',
    label: 'report.activities',
    required: true,
    options: REPORT_ACTIVITIES.map((a) => ({ value: a, label: v.t(`report.activity.${a}`) })),
  })}
  ${textarea(v, state, { name: 'activitiesOther', label: 'report.activitiesOther', rows: 2 })}
</fieldset>
<fieldset class="step"><legend><h2>${stepTitle(v, 'outcomes')}</h2></legend>
  <p class="hint">${v.t('report.outcomes.hint')}</p>
  ${outcomeFields(v, r, state)}
</fieldset>
<fieldset class="step"><legend><h2>${stepTitle(v, 'rating')}</h2></legend>
  ${radios(v, state, {
    name: 'rating',
    label: 'report.rating',
    required: true,
    hint: 'report.rating.hint',
    options: ['1', '2', '3', '4', '5'].map((n) => ({ value: n, label: formatNumber(v.locale, Number(n)) })),
  })}
  ${radios(v, state, {
    name: 'wouldRepeat',
    label: 'report.wouldRepeat',
    required: true,
    options: WOULD_REPEAT.map((w) => ({ value: w, label: v.t(`report.repeat.${w}`) })),
  })}
  ${textarea(v, state, { name: 'improve', label: 'report.improve', required: true, rows: 3 })}
</fieldset>
<fieldset class="step"><legend><h2>${stepTitle(v, 'story')}</h2></legend>
  <p class="hint" id="story-hint">${v.t('report.story.hint')}</p>
  ${checkboxes(v, state, {
    name: 'storyConsent',
    label: 'report.story.consentLegend',
    options: [{ value: 'yes', label: v.t('report.story.consent') }],
  })}
  ${input(v, state, { name: 'storyTitle', label: 'report.story.title' })}
  ${textarea(v, state, { name: 'storyText', label: 'report.story.text', rows: 5 })}
  ${select(v, state, {
    name: 'storyLanguage',
    label: 'report.story.language',
    options: [
      { value: '', label: '' },
      ...STORY_LANGUAGES.map((l) => ({ value: l, label: v.t(`report.lang.${l}`) })),
    ],
  })}
</fieldset>
<p class="hint">${v.t('report.file.hint')}</p>
<p><button type="submit" name="action" value="file">${v.t('report.file')}</button>
<button type="submit" name="action" value="save" class="secondary">${v.t('report.save')}</button></p>
</form>`
  return page(v, { title: v.t('report.title'), hasErrors: hasErrors(state), notice, body })
}

function answerRow(label: string | Html, value: string | Html): Html {
  return html`<tr><th scope="row">${label}</th><td>${value}</td></tr>`
}

/** A filed report as its readers see it, with the PDF to download. */
export function reportReadPage(v: View, r: Report, notice?: string): Html {
  const f = r.fields as {
    participants: { bands: Record<string, number | undefined>; accompanyingAdults?: number }
    days?: number
    activities: { chosen: string[]; other?: string }
    outcomes: { aim: string; rating?: string; comment?: string }[]
    rating?: number
    wouldRepeat?: string
    improve?: string
  }
  const none = v.t('report.none')
  const num = (n: number | undefined) => (n === undefined ? none : formatNumber(v.locale, n))
  const pdf = `/partnerships/${r.partnershipId}/reports/${r.id}/pdf`
  const body = html`${heading(v, r)}
<p><strong>${
    r.filedAt
      ? v.t('report.filedAt', { time: formatDateTime(v.locale, v.timeZone, r.filedAt) })
      : v.t('report.status.open')
  }</strong> ${v.t('report.readOnly')}</p>
<p><a href="${pdf}" download>${v.t('report.pdf')}</a> · ${STORY_LANGUAGES.map(
    (l, i) =>
      html`${i > 0 ? ' · ' : ''}<a href="${pdf}?lang=${l}" hreflang="${CONTENT_TAG[l]}" download>${v.t(`report.lang.${l}`)}</a>`,
  )}</p>
<h2>${v.t('report.step.participants')}</h2>
<table class="facts"><tbody>
${REPORT_BANDS.filter((b) => (f.participants.bands[b] ?? 0) > 0).map((b) =>
  answerRow(v.t(`report.band.${b}`), num(f.participants.bands[b])),
)}
${answerRow(v.t('report.adults'), num(f.participants.accompanyingAdults))}
${answerRow(v.t('report.days'), num(f.days))}
</tbody></table>
<h2>${v.t('report.step.activities')}</h2>
<ul>${f.activities.chosen.map((a) => html`<li>${v.t(`report.activity.${a}` as MessageKey)}</li>`)}${
    f.activities.other && html`<li>${f.activities.other}</li>`
  }</ul>
<h2>${v.t('report.step.outcomes')}</h2>
<table class="facts"><tbody>
${r.aims.map((aim) => {
  const o = f.outcomes.find((x) => x.aim === aim.key)
  return answerRow(
    aimName(v, aim),
    html`${o?.rating ? v.t(`report.outcome.${o.rating}` as MessageKey) : none}${o?.comment && html`<br>${o.comment}`}`,
  )
})}
</tbody></table>
<h2>${v.t('report.step.rating')}</h2>
<table class="facts"><tbody>
${answerRow(v.t('report.rating'), num(f.rating))}
${answerRow(v.t('report.wouldRepeat'), f.wouldRepeat ? v.t(`report.repeat.${f.wouldRepeat}` as MessageKey) : none)}
${answerRow(v.t('report.improve'), f.improve ?? none)}
</tbody></table>
${
  r.story &&
  html`<h2>${v.t('report.step.story')}</h2>
<p>${v.t(`report.storyStatus.${r.storyStatus ?? 'pending_review'}` as MessageKey)}</p>
<h3 lang="${CONTENT_TAG[r.story.language]}">${r.story.title}</h3>
<p lang="${CONTENT_TAG[r.story.language]}">${r.story.text}</p>`
}
<p><a href="/partnerships/${r.partnershipId}/workspace">${v.t('report.back')}</a></p>`
  return page(v, { title: v.t('report.title'), notice, body })
}
