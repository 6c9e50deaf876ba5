import { CRITERIA, type Explanation, type Interest, type Lang, type PublicInstitution } from '@dj/contracts'
import { type Html, html } from '../html.js'
import { formatNumber, formatPercent } from '../i18n/index.js'
import type { View } from '../view.js'

const CONTENT_TAG: Record<Lang, string> = { de: 'de', zh: 'zh-Hans', en: 'en' }
/** Which institution-content language suits the reader (Einfache Sprache reads German). */
const readerLang = (v: View): Lang => (v.locale === 'zh' ? 'zh' : v.locale === 'en' ? 'en' : 'de')

/** The institution's name in the reader's language when it has one, marked with its language. */
export function instName(v: View, inst: Pick<PublicInstitution, 'name' | 'nameI18n'>): Html {
  const lang = readerLang(v)
  const local = inst.nameI18n?.[lang]
  return local ? html`<span lang="${CONTENT_TAG[lang]}">${local}</span>` : html`${inst.name}`
}

/** The description in the reader's language if there is one (original first), else the original. */
export function description(v: View, inst: Pick<PublicInstitution, 'description'>): Html {
  const d = inst.description
  if (!d) return html``
  const lang = readerLang(v)
  const translation = d.translations.find((t) => t.lang === lang)
  const useOriginal = d.original.lang === lang || !translation
  const shown = useOriginal ? d.original : translation
  // Human translations read as the institution's own text; machine ones are marked.
  return html`<div class="description"><p lang="${CONTENT_TAG[shown.lang]}">${shown.text}</p>${
    !useOriginal && translation.machine && html`<p class="hint">(${v.t('inst.machine')})</p>`
  }</div>`
}

/** An interest's facts; `formats: false` where a heading already names the formats. */
export function interestSummary(v: View, i: Interest, o: { formats?: boolean } = {}): Html {
  return html`<ul class="plain">
  ${o.formats !== false && html`<li>${i.formats.map((f) => v.t(`format.${f}`)).join(', ')}</li>`}
  <li>${i.topics.map((x) => v.t(`topic.${x}`)).join(', ')}</li>
  <li>${v.t('interest.ages', { min: i.ageMin, max: i.ageMax })}</li>
  <li>${v.t('interest.group', { min: i.groupMin, max: i.groupMax })}</li>
  <li>${i.languages.map((l) => `${v.t(`langName.${l.lang}`)} (${v.t(`level.${l.level}`)})`).join(', ')}</li>
  <li>${v.t(`direction.${i.direction}`)}; ${v.t('interest.days', { min: i.durationMinDays, max: i.durationMaxDays })}</li>
</ul>`
}

const pct = (x: number) => Math.round(x * 100)

/** "Why this partner": each criterion in the reader's language, strongest contribution first. */
export function whyList(v: View, explanation: Explanation): Html {
  const known = explanation
    .filter((e) => (CRITERIA as readonly string[]).includes(e.criterion))
    .sort((a, b) => b.contribution - a.contribution)
  return html`<ul class="why">${known.map(
    (e) =>
      html`<li><strong>${v.t(`criterion.${e.criterion as (typeof CRITERIA)[number]}`)}</strong>: ${v.t(
        'why.row',
        {
          raw: formatPercent(v.locale, e.raw),
          weight: formatPercent(v.locale, e.weight),
        },
      )}<meter class="bar" min="0" max="100" value="${pct(e.raw)}" aria-hidden="true"></meter></li>`,
  )}</ul>`
}

/** Why the platform put this pair forward: the scores, or that both sides asked for each other. */
export function whySection(v: View, explanation: Explanation, level: 'h3' | 'h4' = 'h3'): Html {
  const known = explanation.filter((e) => (CRITERIA as readonly string[]).includes(e.criterion))
  const heading =
    level === 'h3' ? html`<h3>${v.t('proposal.why')}</h3>` : html`<h4>${v.t('proposal.why')}</h4>`
  return known.length > 0
    ? html`${heading}${whyList(v, explanation)}`
    : html`${heading}<p data-why-mutual>${v.t('proposal.whyMutual')}</p>`
}

/**
 * "At most 2,000 characters" under a label, tied to its field (`${id}-limit`); the script adds a
 * live count to it, so a browser that stops typing at the limit never cuts text without saying so.
 */
export function limitHint(v: View, id: string, max: number): Html {
  return html`<p class="hint" id="${id}-limit" data-limit-for="${id}" data-count-text="${v.t('field.limitCount', { max: formatNumber(v.locale, max) })}" data-full-text="${v.t('field.limitReached')}" aria-live="polite">${v.t('field.limitHint', { max: formatNumber(v.locale, max) })}</p>`
}
